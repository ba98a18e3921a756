import { createPostgresEventStore, type DrizzleEventStore, migrate } from '@causeway/event-store';
import { connectNats } from '@causeway/jetstream';
import { natsCredentialsFrom } from '@causeway/service-kit';
import type { NatsConnection } from '@nats-io/nats-core';
import postgres from 'postgres';

export interface StackSettings {
  DATABASE_URL: string;
  NATS_URL: string;
  DATABASE_POOL_MAX: number;
  NATS_USER?: string | undefined;
  NATS_PASSWORD?: string | undefined;
  NATS_TOKEN?: string | undefined;
}

export interface Stack {
  sql: postgres.Sql;
  store: DrizzleEventStore;
  nc: NatsConnection;
  /** Drains NATS, then closes the store and the pool; safe to call twice. */
  close(): Promise<void>;
}

/**
 * Connects to PostgreSQL and NATS and applies the migrations: the event store's first, then the
 * service's own (`migrateOwn`, with its own migrations table). A failure throws, and the process
 * must exit non-zero rather than run on a half-migrated schema; whatever opened is closed again.
 */
export const openStack = async (
  settings: StackSettings,
  name: string,
  migrateOwn: (store: DrizzleEventStore) => Promise<void>,
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
    const store = await createPostgresEventStore({ sql });
    opened.push(() => store.close());
    await migrate({ sql });
    await migrateOwn(store);
    const nc = await connectNats({
      servers: settings.NATS_URL.split(',').map((s) => s.trim()),
      name,
      ...natsCredentialsFrom(settings),
    });
    opened.push(() => nc.drain());
    return { sql, store, nc, close };
  } catch (error) {
    await close();
    throw error;
  }
};
