export { EventIdConflictError, isEventIdConflictError } from './eventIdConflictError.js';
export { IdempotencyKeyReusedError, isIdempotencyKeyReusedError } from './idempotencyKeyReusedError.js';
export { isStoreUnavailableError, StoreUnavailableError } from './storeUnavailableError.js';
