import { fileURLToPath } from 'node:url';
import { applyMigrations, type MigrationSet, type StoreDatabase } from '@causeway/event-store';

/** The committed SQL migrations (`./migrations` beside `src/` and `dist/`). */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../migrations', import.meta.url));

export const migrationSet: MigrationSet = {
  label: '@causeway/jetstream',
  migrationsFolder: MIGRATIONS_FOLDER,
  migrationsTable: '__causeway_jetstream_migrations',
};

/**
 * Applies this package's migrations (the `subscriber_streams` table) to the event store's
 * database, after the store's own: `await migrate(...)` from `@causeway/event-store`, then
 * `await migrateDelivery(store.db)`. Either driver; processes migrating at once apply each
 * migration once. Throws `MigrationError` on any failure.
 */
export const migrateDelivery = (db: StoreDatabase): Promise<void> => applyMigrations(db, migrationSet);
