export { CheckpointMovedError, isCheckpointMovedError } from './checkpointMovedError.js';
export { EventIdConflictError, isEventIdConflictError } from './eventIdConflictError.js';
export { IdempotencyKeyReusedError, isIdempotencyKeyReusedError } from './idempotencyKeyReusedError.js';
export { IdempotencyKeyTakenError, isIdempotencyKeyTakenError } from './idempotencyKeyTakenError.js';
export { isStoreUnavailableError, StoreUnavailableError } from './storeUnavailableError.js';
