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
 * `await migrateDelivery(store.db)`. Works on either driver; the pending migrations apply in one
 * transaction. Two processes migrating at once collide on the new table: the loser's transaction
 * rolls back and it tries again, finding the work done. Throws on any other failure.
 */
export const migrateDelivery = async (db: StoreDatabase): Promise<void> => {
  const migrating = db as unknown as MigratingDatabase;
  for (let attempt = 1; ; attempt++) {
    try {
      await migrating.dialect.migrate(
        readMigrationFiles(migrationConfig),
        migrating.session,
        migrationConfig,
      );
      return;
    } catch (error) {
      if (attempt >= 3) throw new DeliveryMigrationError(error);
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 400));
    }
  }
};
