import { createPostgresEventStore, type DrizzleEventStore } from '@causeway/event-store';
import { createTestDatabase } from '@causeway/event-store/testing';
import { migratePayment } from '../db/migrate.js';

export interface PaymentTestDatabase {
  url: string;
  store: DrizzleEventStore;
  close(): Promise<void>;
}

/** A fresh database of its own with the event store's and the payment service's tables. */
export const createPaymentTestDatabase = async (label: string): Promise<PaymentTestDatabase> => {
  const database = await createTestDatabase({ label });
  try {
    const store = await createPostgresEventStore({ url: database.url, migrate: true, max: 4 });
    await migratePayment(store.db);
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
