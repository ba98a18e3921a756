import { fileURLToPath } from 'node:url';
import { applyMigrations, type MigrationSet, type StoreDatabase } from '@causeway/event-store';

/** The committed SQL migrations (`./migrations` beside `src/` and `dist/`). */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));

/** A migrations table of the service's own: the event store and other services keep theirs apart. */
export const migrationSet: MigrationSet = {
  label: 'Saga service',
  migrationsFolder: MIGRATIONS_FOLDER,
  migrationsTable: '__causeway_saga_migrations',
};

/** Applies the saga service's migrations, after the event store's `migrate`; either driver. */
export const migrateSaga = (db: StoreDatabase): Promise<void> => applyMigrations(db, migrationSet);
