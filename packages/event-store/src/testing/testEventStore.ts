import type { DrizzleEventStore, EventStoreOptions } from '../createEventStore.js';
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

/**
 * A migrated store on a fresh database: `postgres` in its own test database (see
 * `createTestDatabase`), `pglite` in memory. Run a suite on both with
 * `describe.each(['postgres', 'pglite'] as const)`.
 */
export const createTestEventStore = async (
  driver: TestDriver = 'postgres',
  options: EventStoreOptions & { label?: string; max?: number } = {},
): Promise<TestEventStore> => {
  const { label, max, ...storeOptions } = options;
  if (driver === 'pglite') {
    const store = await createPGliteEventStore(storeOptions);
    return { store, driver, close: () => store.close() };
  }
  const database: TestDatabase = await createTestDatabase(label ? { label } : {});
  try {
    const store = await createPostgresEventStore({
      ...storeOptions,
      url: database.url,
      migrate: true,
      ...(max ? { max } : {}),
    });
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
