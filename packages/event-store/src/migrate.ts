import { fileURLToPath } from 'node:url';
import { CausewayError } from '@causeway/kernel';
import type { PGlite } from '@electric-sql/pglite';
import type { MigrationConfig } from 'drizzle-orm/migrator';
import { drizzle as drizzlePGlite } from 'drizzle-orm/pglite';
import { migrate as migratePGlite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgresJs } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { probe } from './drivers/probe.js';

/** The committed SQL migrations (`./migrations` beside `src/` and `dist/`). */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../migrations', import.meta.url));

/** The store's own migrations table, so a service's drizzle migrations in the same database do not clash. */
export const migrationConfig: MigrationConfig = {
  migrationsFolder: MIGRATIONS_FOLDER,
  migrationsSchema: 'drizzle',
  migrationsTable: '__causeway_event_store_migrations',
};

/** Advisory-lock key (two-key form) held while migrating. */
const MIGRATION_LOCK = [0x63770000, 1] as const;

export class MigrationError extends CausewayError {
  readonly code = 'MIGRATION_FAILED';

  constructor(cause: unknown) {
    const reason =
      cause instanceof Error ? ((cause.cause as Error | undefined)?.message ?? cause.message) : cause;
    super(`Event store migration failed: ${String(reason)}`, { cause });
  }
}

export type MigrateTarget = { url: string } | { sql: postgres.Sql } | { pglite: PGlite };

/**
 * Applies the committed migrations with drizzle's migrator; each migration runs in a transaction.
 * On PostgreSQL, a session advisory lock on a reserved connection serializes concurrent migrators
 * (several services starting at once): the second waits, then finds nothing left to apply.
 * Throws `MigrationError` on any failure: a process must not start on a half-migrated schema.
 */
export const migrate = async (target: MigrateTarget): Promise<void> => {
  try {
    if ('pglite' in target) {
      await migratePGlite(drizzlePGlite({ client: target.pglite }), migrationConfig);
      return;
    }
    if ('sql' in target) {
      await migrateWithLock(target.sql);
      return;
    }
    const sql = postgres(target.url, { max: 2, connect_timeout: 10, onnotice: () => {} });
    await probe(sql, 10);
    try {
      await migrateWithLock(sql);
    } finally {
      await sql.end({ timeout: 5 });
    }
  } catch (error) {
    throw error instanceof MigrationError ? error : new MigrationError(error);
  }
};

const migrateWithLock = async (sql: postgres.Sql): Promise<void> => {
  if ((sql.options.max ?? 10) < 2) {
    throw new MigrationError(new Error('the postgres client needs max >= 2 (one connection holds the lock)'));
  }
  const lock = await sql.reserve();
  try {
    await lock`SELECT pg_advisory_lock(${MIGRATION_LOCK[0]}, ${MIGRATION_LOCK[1]})`;
    try {
      await migratePostgresJs(drizzlePostgres({ client: sql }), migrationConfig);
    } finally {
      await lock`SELECT pg_advisory_unlock(${MIGRATION_LOCK[0]}, ${MIGRATION_LOCK[1]})`;
    }
  } finally {
    lock.release();
  }
};
