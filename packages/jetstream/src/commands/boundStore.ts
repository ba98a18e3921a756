import type { DrizzleEventStore, EventStore, StoreTransaction } from '@causeway/event-store';

/**
 * The store as seen from inside one open transaction: every operation runs in it, and
 * `transaction(fn)` opens a savepoint in it rather than a transaction of its own. So code written
 * against the plain store (the event store's `handleCommand`, say) commits or rolls back with the
 * command handler's idempotency record. Reads of the whole log are not offered: they would need a
 * second connection, which the embedded driver does not have.
 */
export const boundStore = (store: DrizzleEventStore, tx: StoreTransaction): EventStore<StoreTransaction> => {
  // The outer handle throughout (the savepoint is connection state), so the store announces the
  // appends once the outer transaction commits.
  const session = store.within(tx);
  const unavailable = (operation: string) => () => {
    throw new Error(`${operation} is not available inside a command handler's transaction`);
  };
  return {
    ...session,
    transaction: (fn) => tx.transaction(() => fn(tx)),
    within: () => session,
    withCheckpoint: unavailable('withCheckpoint'),
    readAll: unavailable('readAll'),
    streamAll: unavailable('streamAll'),
    headPosition: unavailable('headPosition'),
    close: unavailable('close'),
  };
};
