import type { DrizzleEventStore, EventStoreOptions } from '../createEventStore.js';
import type { StoreDatabase } from '../db.js';
import { createPGliteEventStore } from '../drivers/pglite.js';
import { createPostgresEventStore } from '../drivers/postgres.js';
import { createTestDatabase, type TestDatabase } from './testDatabase.js';

export type TestDriver = 'postgres' | 'pglite';

export interface TestEventStore {
  store: DrizzleEventStore;
  driver: TestDriver;
  /** The database's URL (postgres driver only). */
  url?: string;
  /** Closes the store and drops its database. */
  close(): Promise<void>;
}

export interface TestEventStoreOptions extends EventStoreOptions {
  /** Names the test database (postgres driver), so a leftover one says whose it was. */
  label?: string;
  /** Connections in the pool (postgres driver). */
  max?: number;
  /** A service's or package's own migrations, applied after the store's (see `applyMigrations`). */
  migrate?: (db: StoreDatabase) => Promise<void>;
}

const withOwnMigrations = async (
  store: DrizzleEventStore,
  migrate: TestEventStoreOptions['migrate'],
): Promise<DrizzleEventStore> => {
  try {
    await migrate?.(store.db);
    return store;
  } catch (error) {
    await store.close();
    throw error;
  }
};

/**
 * A migrated store on a fresh database: `postgres` in its own test database (see
 * `createTestDatabase`), `pglite` in memory. Run a suite on both with
 * `describe.each(['postgres', 'pglite'] as const)`.
 */
export const createTestEventStore = async (
  driver: TestDriver = 'postgres',
  options: TestEventStoreOptions = {},
): Promise<TestEventStore> => {
  const { label, max, migrate, ...storeOptions } = options;
  if (driver === 'pglite') {
    const store = await withOwnMigrations(await createPGliteEventStore(storeOptions), migrate);
    return { store, driver, close: () => store.close() };
  }
  const database: TestDatabase = await createTestDatabase(label ? { label } : {});
  try {
    const store = await withOwnMigrations(
      await createPostgresEventStore({
        ...storeOptions,
        url: database.url,
        migrate: true,
        ...(max ? { max } : {}),
      }),
      migrate,
    );
    return {
      store,
      driver,
      url: database.url,
      close: async () => {
        await store.close();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
};
