import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePGlite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { StoreDatabase } from './db.js';
import { probe } from './drivers/probe.js';
import { applyMigrations, MigrationError, type MigrationSet } from './migrations/applyMigrations.js';

/** The committed SQL migrations (`./migrations` beside `src/` and `dist/`). */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../migrations', import.meta.url));

/** The store's own migrations table, so a service's migrations in the same database do not clash. */
export const migrationSet: MigrationSet = {
  label: 'Event store',
  migrationsFolder: MIGRATIONS_FOLDER,
  migrationsTable: '__causeway_event_store_migrations',
};

export type MigrateTarget = { url: string } | { sql: postgres.Sql } | { pglite: PGlite };

/**
 * Applies the store's committed migrations (see `applyMigrations`: one transaction under the
 * migration lock, so several processes starting at once apply each migration once). `{ url }`
 * waits up to 10 s for the server to answer. Throws `MigrationError` on any failure: a process
 * must not start on a half-migrated schema.
 */
export const migrate = async (target: MigrateTarget): Promise<void> => {
  if ('pglite' in target)
    return applyMigrations(
      drizzlePGlite({ client: target.pglite }) as unknown as StoreDatabase,
      migrationSet,
    );
  if ('sql' in target)
    return applyMigrations(drizzlePostgres({ client: target.sql }) as unknown as StoreDatabase, migrationSet);
  const sql = postgres(target.url, { max: 1, connect_timeout: 10, onnotice: () => {} });
  try {
    await probe(sql, 10);
    await applyMigrations(drizzlePostgres({ client: sql }) as unknown as StoreDatabase, migrationSet);
  } catch (error) {
    throw error instanceof MigrationError ? error : new MigrationError(migrationSet.label, error);
  } finally {
    await sql.end({ timeout: 5 });
  }
};
