import { ValidationError } from '@causeway/kernel';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { createEventStore, type DrizzleEventStore, type EventStoreOptions } from '../createEventStore.js';
import type { StoreDatabase } from '../db.js';
import { migrate } from '../migrate.js';
import { probe } from './probe.js';

export interface PostgresEventStoreOptions extends EventStoreOptions {
  /** Connection URL; or pass `sql`, a postgres.js client you own (the store will not end it). */
  url?: string;
  sql?: postgres.Sql;
  /** Pool size when the store opens the connection; default 10. */
  max?: number;
  /** Seconds to wait for a connection before failing; default 5. */
  connectTimeoutSeconds?: number;
  /** Apply the migrations before returning; default false (services run `migrate` at start-up). */
  migrate?: boolean;
}

/**
 * The production driver, on postgres.js. Connects before returning, so an unreachable or
 * misconfigured database fails here, quickly, with a `StoreUnavailableError` naming the host.
 */
export const createPostgresEventStore = async (
  options: PostgresEventStoreOptions,
): Promise<DrizzleEventStore> => {
  if (options.url === undefined && options.sql === undefined) {
    throw new ValidationError('event store options', [{ path: 'url', message: 'url or sql is required' }]);
  }
  const owned = options.sql === undefined;
  const connectTimeout = options.connectTimeoutSeconds ?? 5;
  const sql =
    options.sql ??
    postgres(options.url as string, {
      max: options.max ?? 10,
      connect_timeout: connectTimeout,
      onnotice: () => {},
      connection: { application_name: 'causeway-event-store' },
    });
  const end = async () => {
    if (owned) await sql.end({ timeout: 5 });
  };
  await probe(sql, connectTimeout, owned);
  if (options.migrate) {
    try {
      await migrate({ sql });
    } catch (error) {
      await end();
      throw error;
    }
  }
  const db = drizzle({ client: sql }) as unknown as StoreDatabase;
  return createEventStore(db, options, end);
};
