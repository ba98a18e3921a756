import { createPostgresEventStore, type DrizzleEventStore, migrate } from '@causeway/event-store';
import { connectNats, type EnsureTopologyOptions, ensureTopology } from '@causeway/jetstream';
import { natsCredentialsFrom } from '@causeway/service-kit';
import type { NatsConnection } from '@nats-io/nats-core';
import postgres from 'postgres';
import type { StackConfig } from '../config.js';

export interface Stack {
  /** The postgres.js pool: the store's connections and the relay's LISTEN connection. */
  sql: postgres.Sql;
  store: DrizzleEventStore;
  nc: NatsConnection;
  /** Drains NATS, then closes the store and the pool. */
  close(): Promise<void>;
}

/**
 * Connects to PostgreSQL (applying the event store's migrations: a failure throws, and the
 * process must exit non-zero rather than run on a half-migrated schema) and to NATS, and makes
 * sure the streams and `consumers` exist. Whatever opened before a failure is closed again.
 */
export const openStack = async (
  config: Pick<
    StackConfig,
    | 'DATABASE_URL'
    | 'NATS_URL'
    | 'DATABASE_POOL_MAX'
    | 'CAUSEWAY_PREFIX'
    | 'NATS_USER'
    | 'NATS_PASSWORD'
    | 'NATS_TOKEN'
  >,
  name: string,
  consumers: EnsureTopologyOptions['consumers'] = [],
): Promise<Stack> => {
  const sql = postgres(config.DATABASE_URL, {
    max: config.DATABASE_POOL_MAX,
    connect_timeout: 5,
    onnotice: () => {},
    connection: { application_name: `causeway-${name}` },
  });
  const opened: (() => Promise<unknown>)[] = [() => sql.end({ timeout: 5 })];
  let closed = false;
  const closeOpened = async () => {
    if (closed) return;
    closed = true;
    for (const close of [...opened].reverse()) await close().catch(() => {});
  };
  try {
    const store = await createPostgresEventStore({ sql });
    await migrate({ sql });
    opened.push(() => store.close());
    const nc = await connectNats({
      servers: config.NATS_URL.split(',').map((s) => s.trim()),
      name,
      ...natsCredentialsFrom(config),
    });
    opened.push(() => nc.drain());
    await ensureTopology({ nc, prefix: config.CAUSEWAY_PREFIX, consumers });
    return { sql, store, nc, close: closeOpened };
  } catch (error) {
    await closeOpened();
    throw error;
  }
};
