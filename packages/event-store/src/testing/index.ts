export { newTestEvent, type TestEventInput } from './newTestEvent.js';
export { type SweepOptions, sweepTestDatabases } from './sweepTestDatabases.js';
export {
  createTestDatabase,
  DEFAULT_PG_ADMIN_URL,
  TEST_DATABASE_PREFIX,
  type TestDatabase,
  type TestDatabaseOptions,
} from './testDatabase.js';
export {
  createTestEventStore,
  type TestDriver,
  type TestEventStore,
  type TestEventStoreOptions,
} from './testEventStore.js';
