export { type AppendRequest, appendBatch, appendOne, prepareAppend } from './append/append.js';
export { type AppendBatcherOptions, createAppendBatcher } from './append/appendBatcher.js';
export { streamIdIssue, validateAppend } from './append/validateAppend.js';
export { requestHash } from './command/requestHash.js';
export { createEventStore, type DrizzleEventStore, type EventStoreOptions } from './createEventStore.js';
export { pgErrorOf, queryRows, type StoreDatabase, type StoreTransaction } from './db.js';
export { createPGliteEventStore, type PGliteEventStoreOptions } from './drivers/pglite.js';
export { createPostgresEventStore, type PostgresEventStoreOptions } from './drivers/postgres.js';
export * from './errors/index.js';
export type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventStoreSession,
  IdempotencyRecord,
  NewEvent,
  NewIdempotencyRecord,
  ReadAllOptions,
  ReadStreamOptions,
  ReadStreamResult,
  StoredEvent,
  StoredSnapshot,
} from './eventStore.js';
export {
  commandStreamId,
  type HandleCommandOptions,
  type HandleCommandResult,
  handleCommand,
} from './handleCommand.js';
export { MIGRATIONS_FOLDER, type MigrateTarget, migrate, migrationSet } from './migrate.js';
export { applyMigrations, MigrationError, type MigrationSet } from './migrations/applyMigrations.js';
export { EVENTS_CHANNEL } from './notify.js';
export {
  comparePositions,
  formatPosition,
  isPosition,
  maxPosition,
  type Position,
  type PositionParts,
  parsePosition,
  positionParts,
  START,
} from './position.js';
export * as schema from './schema/index.js';
export { xid8 } from './schema/xid8.js';
export type { CheckpointAssumption } from './state/checkpoints.js';
