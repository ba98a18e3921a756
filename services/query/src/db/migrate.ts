import { fileURLToPath } from 'node:url';
import { type DrizzleEventStore, queryRows } from '@causeway/event-store';
import { CausewayError } from '@causeway/kernel';
import { sql } from 'drizzle-orm';
import { type MigrationConfig, readMigrationFiles } from 'drizzle-orm/migrator';

/** The committed SQL migrations (`./migrations` beside `src/` and `dist/`). */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));

/** Its own migrations table: the event store's (and other services') live in the same database. */
export const migrationConfig = {
  migrationsFolder: MIGRATIONS_FOLDER,
  migrationsSchema: 'drizzle',
  migrationsTable: '__query_migrations',
} as const satisfies MigrationConfig;

/** Advisory-lock key (two-key form) held while migrating; the event store's uses (0x63770000, 1). */
const MIGRATION_LOCK = [0x63770000, 3] as const;

export class QueryMigrationError extends CausewayError {
  readonly code = 'QUERY_MIGRATION_FAILED';

  constructor(cause: unknown) {
    const reason =
      cause instanceof Error ? ((cause.cause as Error | undefined)?.message ?? cause.message) : cause;
    super(`Query read model migration failed: ${String(reason)}`, { cause });
  }
}

/**
 * Applies the read model's committed migrations, after the event store's own `migrate()`. It does
 * what drizzle's migrator does (same files, same bookkeeping table format) inside one transaction
 * that first takes an advisory lock, so several instances starting at once apply each migration
 * once, on either driver. Throws `QueryMigrationError`: the service must not start half-migrated.
 */
export const migrateReadModel = async (store: Pick<DrizzleEventStore, 'transaction'>): Promise<void> => {
  try {
    const migrations = readMigrationFiles(migrationConfig);
    const table = sql`${sql.identifier(migrationConfig.migrationsSchema)}.${sql.identifier(migrationConfig.migrationsTable)}`;
    await store.transaction(async (tx) => {
      await tx.execute(
        sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK[0]}::integer, ${MIGRATION_LOCK[1]}::integer)`,
      );
      await tx.execute(sql`CREATE SCHEMA IF NOT EXISTS ${sql.identifier(migrationConfig.migrationsSchema)}`);
      await tx.execute(
        sql`CREATE TABLE IF NOT EXISTS ${table} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)`,
      );
      const [latest] = await queryRows<{ created_at: string | null }>(
        tx,
        sql`SELECT created_at::text AS created_at FROM ${table} ORDER BY created_at DESC LIMIT 1`,
      );
      const last = Number(latest?.created_at ?? 0);
      for (const migration of migrations) {
        if (migration.folderMillis <= last) continue;
        for (const statement of migration.sql) {
          if (statement.trim() !== '') await tx.execute(sql.raw(statement));
        }
        await tx.execute(
          sql`INSERT INTO ${table} (hash, created_at) VALUES (${migration.hash}, ${migration.folderMillis})`,
        );
      }
    });
  } catch (error) {
    throw error instanceof QueryMigrationError ? error : new QueryMigrationError(error);
  }
};
