import { createPostgresEventStore, type DrizzleEventStore } from '@causeway/event-store';
import { createTestDatabase } from '@causeway/event-store/testing';
import { migrateSaga } from '../db/migrate.js';

export interface SagaTestDatabase {
  url: string;
  store: DrizzleEventStore;
  close(): Promise<void>;
}

/** A fresh database of its own with the event store's and the saga service's tables. */
export const createSagaTestDatabase = async (label: string): Promise<SagaTestDatabase> => {
  const database = await createTestDatabase({ label });
  try {
    const store = await createPostgresEventStore({ url: database.url, migrate: true, max: 6 });
    await migrateSaga(store.db);
    return {
      url: database.url,
      store,
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
