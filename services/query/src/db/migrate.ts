import { fileURLToPath } from 'node:url';
import { applyMigrations, type MigrationSet, type StoreDatabase } from '@causeway/event-store';

/** The committed SQL migrations (`./migrations` beside `src/` and `dist/`). */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));

/** Its own migrations table: the event store's (and other services') live in the same database. */
export const migrationSet: MigrationSet = {
  label: 'Query read model',
  migrationsFolder: MIGRATIONS_FOLDER,
  migrationsTable: '__query_migrations',
};

/** Applies the read model's migrations, after the event store's `migrate()`; either driver. */
export const migrateReadModel = (db: StoreDatabase): Promise<void> => applyMigrations(db, migrationSet);
