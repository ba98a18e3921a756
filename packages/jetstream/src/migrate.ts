import { fileURLToPath } from 'node:url';
import type { StoreDatabase } from '@causeway/event-store';
import { CausewayError } from '@causeway/kernel';
import type { MigrationConfig, MigrationMeta } from 'drizzle-orm/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';

/** The committed SQL migrations (`./migrations` beside `src/` and `dist/`). */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../migrations', import.meta.url));

export const migrationConfig: MigrationConfig = {
  migrationsFolder: MIGRATIONS_FOLDER,
  migrationsSchema: 'drizzle',
  migrationsTable: '__causeway_jetstream_migrations',
};

export class DeliveryMigrationError extends CausewayError {
  readonly code = 'MIGRATION_FAILED';

  constructor(cause: unknown) {
    super(`@causeway/jetstream migration failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
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
 * Applies this package's migrations (the `subscriber_streams` table) to the event store's
 * database, after the store's own: `await migrate(...)` from `@causeway/event-store`, then
 * `await migrateDelivery(store.db)`. Each run is one transaction. Throws on any failure.
 */
export const migrateDelivery = async (db: StoreDatabase): Promise<void> => {
  try {
    const migrating = db as unknown as MigratingDatabase;
    await migrating.dialect.migrate(readMigrationFiles(migrationConfig), migrating.session, migrationConfig);
  } catch (error) {
    throw new DeliveryMigrationError(error);
  }
};
