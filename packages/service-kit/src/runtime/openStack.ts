import {
  createPostgresEventStore,
  type DrizzleEventStore,
  type EventStoreOptions,
  migrate,
  type StoreDatabase,
} from '@causeway/event-store';
import { connectNats, ensureTopology, migrateDelivery } from '@causeway/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import postgres from 'postgres';
import type { BaseConfig } from '../config/baseConfig.js';
import { natsCredentialsFrom } from '../config/natsCredentials.js';

export type StackSettings = Pick<
  BaseConfig,
  'NATS_USER' | 'NATS_PASSWORD' | 'NATS_TOKEN' | 'DATABASE_POOL_MAX' | 'CAUSEWAY_PREFIX'
> & { DATABASE_URL: string; NATS_URL: string };

export interface StackOptions {
  /** The service's own migrations, applied after the event store's and the delivery package's. */
  migrate?: (db: StoreDatabase) => Promise<void>;
  /** Parses events the service reads back (`readStream`), upcasting old schema versions. */
  registry?: EventStoreOptions['registry'];
}

export interface Stack {
  /** The postgres.js pool: the store's connections (and a relay's LISTEN connection). */
  sql: postgres.Sql;
  store: DrizzleEventStore;
  nc: NatsConnection;
  /** Drains NATS, then closes the store and the pool; safe to call twice. */
  close(): Promise<void>;
}

/**
 * What every service process opens at start: the PostgreSQL pool and the event store, the store's
 * migrations, `@causeway/jetstream`'s (its consumers' bookkeeping) and then the service's own, the
 * NATS connection (with the configured credentials) and the streams; durable consumers are created
 * by their runners. A failure throws, and the process must exit non-zero rather than run on a
 * half-migrated schema; whatever opened before it is closed again.
 */
export const openStack = async (
  settings: StackSettings,
  name: string,
  options: StackOptions = {},
): Promise<Stack> => {
  const sql = postgres(settings.DATABASE_URL, {
    max: settings.DATABASE_POOL_MAX,
    connect_timeout: 5,
    onnotice: () => {},
    connection: { application_name: `causeway-${name}` },
  });
  const opened: (() => Promise<unknown>)[] = [() => sql.end({ timeout: 5 })];
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    for (const step of [...opened].reverse()) await step().catch(() => {});
  };
  try {
    const store = await createPostgresEventStore({
      sql,
      ...(options.registry === undefined ? {} : { registry: options.registry }),
    });
    opened.push(() => store.close());
    await migrate({ sql });
    await migrateDelivery(store.db);
    await options.migrate?.(store.db);
    const nc = await connectNats({
      servers: settings.NATS_URL.split(',').map((server) => server.trim()),
      name: `causeway-${name}`,
      ...natsCredentialsFrom(settings),
    });
    opened.push(() => nc.drain());
    await ensureTopology({ nc, prefix: settings.CAUSEWAY_PREFIX });
    return { sql, store, nc, close };
  } catch (error) {
    await close();
    throw error;
  }
};
