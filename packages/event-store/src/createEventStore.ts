import type { AnyDefinition, Registry } from '@causeway/kernel';
import { type AppendRequest, appendOne, prepareAppend } from './append/append.js';
import { type AppendBatcherOptions, createAppendBatcher } from './append/appendBatcher.js';
import type { StoreDatabase, StoreTransaction } from './db.js';
import type { AppendResult, EventStore, EventStoreSession } from './eventStore.js';
import { createNotifier, EVENTS_CHANNEL, type Notifier, silentNotifier } from './notify.js';
import { maxPosition, type Position } from './position.js';
import { headPosition, readAll, streamAll } from './read/readAll.js';
import { readStream } from './read/readStream.js';
import { readCheckpoint, validateCheckpointArgs, withCheckpoint } from './state/checkpoints.js';
import { readIdempotencyRecord, saveIdempotencyRecord } from './state/idempotency.js';
import { loadSnapshot, saveSnapshot } from './state/snapshots.js';

export interface EventStoreOptions {
  /** Upcasts and validates the events `readStream` returns; without it, events come back as stored. */
  // biome-ignore lint/suspicious/noExplicitAny: any registry of event definitions.
  registry?: Registry<any>;
  /** `pg_notify` channel announcing appends (see `EVENTS_CHANNEL`); `false` turns notifications off. */
  notify?: string | false;
  /**
   * Appends made while earlier ones are in flight share the next database call (see
   * `createAppendBatcher`); `false` sends each append on its own. Appends inside a transaction
   * (`within(tx)`) are never batched.
   */
  appendBatching?: AppendBatcherOptions | false;
}

/** A store on drizzle: the database is exposed for callers that keep their own tables beside the log. */
export interface DrizzleEventStore extends EventStore<StoreTransaction> {
  readonly db: StoreDatabase;
}

/**
 * The one implementation both drivers share; they differ only in how `db` is made and closed.
 * `close` is the driver's: it ends the connection (after a pending notification).
 */
export const createEventStore = (
  db: StoreDatabase,
  options: EventStoreOptions,
  close: () => Promise<void>,
): DrizzleEventStore => {
  const registry = options.registry as Registry<AnyDefinition> | undefined;
  const notifier: Notifier =
    options.notify === false ? silentNotifier : createNotifier(db, options.notify ?? EVENTS_CHANNEL);
  /** Newest position appended in each open transaction: announced once it commits. */
  const appendedIn = new WeakMap<StoreTransaction, Position>();

  const batcher =
    options.appendBatching === false ? undefined : createAppendBatcher(db, options.appendBatching);
  const appendRoot = batcher ? batcher.append : (request: AppendRequest) => appendOne(db, request);

  const session = (
    handle: StoreDatabase,
    run: (request: AppendRequest) => Promise<AppendResult>,
    onAppended: (result: AppendResult) => void,
  ): EventStoreSession => ({
    append: async (streamId, events, appendOptions) => {
      const result = await run(prepareAppend(streamId, events, appendOptions));
      if (result.written) onAppended(result);
      return result;
    },
    readStream: (streamId, readOptions) => readStream(handle, streamId, readOptions, registry),
    saveSnapshot: (streamId, snapshot) => saveSnapshot(handle, streamId, snapshot),
    loadSnapshot: (streamId, schemaVersion) => loadSnapshot(handle, streamId, schemaVersion),
    readCheckpoint: (subscriber) => readCheckpoint(handle, subscriber),
    readIdempotencyRecord: (key) => readIdempotencyRecord(handle, key),
    saveIdempotencyRecord: (key, hash, response) => saveIdempotencyRecord(handle, key, hash, response),
  });

  const transaction = async <T>(fn: (tx: StoreTransaction) => Promise<T>): Promise<T> => {
    let appended: Position | undefined;
    const result = await db.transaction(async (tx) => {
      try {
        return await fn(tx);
      } finally {
        appended = appendedIn.get(tx);
      }
    });
    if (appended) notifier.poke(appended);
    return result;
  };

  return {
    db,
    ...session(db, appendRoot, (result) => notifier.poke(result.position)),
    readAll: (readOptions) => readAll(db, readOptions),
    streamAll: (readOptions) => streamAll(db, readOptions),
    headPosition: () => headPosition(db),
    withCheckpoint: async (subscriber, position, fn, assumed) => {
      validateCheckpointArgs(subscriber, position);
      return transaction((tx) => withCheckpoint(tx, subscriber, position, fn, assumed));
    },
    transaction,
    within: (tx) =>
      session(
        tx,
        (request) => appendOne(tx, request),
        (result) => appendedIn.set(tx, maxPosition(appendedIn.get(tx), result.position) as Position),
      ),
    close: async () => {
      await notifier.flush();
      await close();
    },
  };
};
