import { CausewayError } from '@causeway/kernel';
import { sql } from 'drizzle-orm';
import { type MigrationConfig, readMigrationFiles } from 'drizzle-orm/migrator';
import { queryRows, type StoreDatabase } from '../db.js';

/** A package's or service's committed drizzle-kit migrations and its own bookkeeping table. */
export interface MigrationSet {
  /** Names the set in errors: "Event store migration failed: …". */
  label: string;
  migrationsFolder: string;
  /** Its own table in the `drizzle` schema, so sets sharing a database keep their records apart. */
  migrationsTable: string;
}

export class MigrationError extends CausewayError {
  readonly code = 'MIGRATION_FAILED';

  constructor(label: string, cause: unknown) {
    const reason =
      cause instanceof Error ? ((cause.cause as Error | undefined)?.message ?? cause.message) : cause;
    super(`${label} migration failed: ${String(reason)}`, { cause });
  }
}

/**
 * One advisory lock for every set: processes starting together (several services, or several
 * instances of one) apply each migration once, and sets never race on the shared schema.
 */
const MIGRATION_LOCK = [0x63770000, 1] as const;
const SCHEMA = 'drizzle';

/**
 * Applies the set's pending migrations in one transaction that first takes the migration lock,
 * on either driver. It keeps drizzle's bookkeeping (same table, same rows), so a database migrated
 * by drizzle-kit's migrator carries on. Throws `MigrationError`, and applies nothing, on any
 * failure: a process must not start on a half-migrated schema.
 */
export const applyMigrations = async (db: StoreDatabase, set: MigrationSet): Promise<void> => {
  const config: MigrationConfig = { migrationsFolder: set.migrationsFolder };
  const table = sql`${sql.identifier(SCHEMA)}.${sql.identifier(set.migrationsTable)}`;
  try {
    const migrations = readMigrationFiles(config);
    await db.transaction(async (tx) => {
      await tx.execute(
        sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK[0]}::integer, ${MIGRATION_LOCK[1]}::integer)`,
      );
      await tx.execute(sql`CREATE SCHEMA IF NOT EXISTS ${sql.identifier(SCHEMA)}`);
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
    throw error instanceof MigrationError ? error : new MigrationError(set.label, error);
  }
};
