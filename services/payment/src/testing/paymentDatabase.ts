import { createTestEventStore, type TestEventStore } from '@causeway/event-store/testing';
import { migratePayment } from '../db/migrate.js';

export type PaymentTestDatabase = TestEventStore & { url: string };

/** A fresh database of its own with the event store's and the payment service's tables. */
export const createPaymentTestDatabase = async (label: string): Promise<PaymentTestDatabase> => {
  const test = await createTestEventStore('postgres', { label, max: 4, migrate: migratePayment });
  return { ...test, url: test.url as string };
};
