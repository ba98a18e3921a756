export { checkpoints } from './checkpoints.js';
export { deadLetters } from './deadLetters.js';
export { events } from './events.js';
export { idempotencyKeys } from './idempotencyKeys.js';
export { snapshots } from './snapshots.js';
export { streams } from './streams.js';
export { xid8 } from './xid8.js';
