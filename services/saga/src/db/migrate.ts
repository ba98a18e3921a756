import { fileURLToPath } from 'node:url';
import type { StoreDatabase } from '@causeway/event-store';
import { CausewayError } from '@causeway/kernel';
import { type MigrationConfig, type MigrationMeta, readMigrationFiles } from 'drizzle-orm/migrator';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgresJs } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';

/** The committed SQL migrations (`./migrations` beside `src/` and `dist/`). */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));

/** A migrations table of the service's own: the event store and other services keep theirs apart. */
export const migrationConfig: MigrationConfig = {
  migrationsFolder: MIGRATIONS_FOLDER,
  migrationsSchema: 'drizzle',
  migrationsTable: '__causeway_saga_migrations',
};

/** Session advisory lock (two-key form) serializing saga processes that migrate at once. */
const MIGRATION_LOCK = [0x63770000, 4] as const;

export class SagaMigrationError extends CausewayError {
  readonly code = 'MIGRATION_FAILED';

  constructor(cause: unknown) {
    super(`Saga service migration failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }
}

/** What drizzle's per-driver migrators call; the same for postgres.js and PGlite databases. */
interface MigratingDatabase {
  dialect: { migrate(migrations: MigrationMeta[], session: unknown, config: MigrationConfig): Promise<void> };
  session: unknown;
}

/**
 * Applies the saga service's migrations; run the event store's `migrate` first. `{ url }` (a
 * server) holds an advisory lock while migrating, so processes starting together apply each
 * migration once; `{ db }` (PGlite in embedded mode, one process) migrates the database as is.
 * Throws `SagaMigrationError`: a process must not start on a half-migrated schema.
 */
export const migrateSaga = async (target: { url: string } | { db: StoreDatabase }): Promise<void> => {
  try {
    if ('db' in target) {
      const db = target.db as unknown as MigratingDatabase;
      await db.dialect.migrate(readMigrationFiles(migrationConfig), db.session, migrationConfig);
      return;
    }
    const sql = postgres(target.url, { max: 2, connect_timeout: 10, onnotice: () => {} });
    try {
      const lock = await sql.reserve();
      try {
        await lock`SELECT pg_advisory_lock(${MIGRATION_LOCK[0]}, ${MIGRATION_LOCK[1]})`;
        await migratePostgresJs(drizzle({ client: sql }), migrationConfig);
        await lock`SELECT pg_advisory_unlock(${MIGRATION_LOCK[0]}, ${MIGRATION_LOCK[1]})`;
      } finally {
        lock.release();
      }
    } finally {
      await sql.end({ timeout: 5 });
    }
  } catch (error) {
    throw error instanceof SagaMigrationError ? error : new SagaMigrationError(error);
  }
};
