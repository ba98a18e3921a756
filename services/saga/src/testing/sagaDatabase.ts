import { createTestEventStore, type TestEventStore } from '@causeway/event-store/testing';
import { migrateSaga } from '../db/migrate.js';

export type SagaTestDatabase = TestEventStore & { url: string };

/** A fresh database of its own with the event store's and the saga service's tables. */
export const createSagaTestDatabase = async (label: string): Promise<SagaTestDatabase> => {
  const test = await createTestEventStore('postgres', { label, max: 6, migrate: migrateSaga });
  return { ...test, url: test.url as string };
};
