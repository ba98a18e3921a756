import type { EventEnvelope, ExpectedVersion, Snapshot } from '@causeway/kernel';
import type { Position } from './position.js';
import type { CheckpointAssumption } from './state/checkpoints.js';

/** An event as handed to `append`: the store assigns `version` and `position`. */
export type NewEvent = Omit<EventEnvelope, 'version' | 'position'>;

/** A stored event: `position` is always set. */
export type StoredEvent = EventEnvelope & { readonly position: Position };

export interface AppendOptions {
  /** Defaults to `'any'`. */
  expectedVersion?: ExpectedVersion;
  /**
   * Saves this idempotency record with the events, in the same statement and transaction: both
   * commit or neither does. The stored `response` gets the append's `position` added. When the
   * key is recorded already, nothing is written and the append throws `IdempotencyKeyTakenError`.
   */
  idempotencyRecord?: NewIdempotencyRecord;
}

/** An idempotency record written by an append (see `AppendOptions.idempotencyRecord`). */
export interface NewIdempotencyRecord {
  key: string;
  requestHash: string;
  /** A JSON object; `position` is set by the append. */
  response: Record<string, unknown>;
}

export interface AppendResult {
  /** The stream's version after the append (the last event's version). */
  nextVersion: number;
  /** Position of the last event of this append. */
  position: Position;
  /** False when every event id was stored already (an idempotent retry): nothing was written. */
  written: boolean;
}

export interface ReadStreamOptions {
  /** First version to read (inclusive); defaults to 1. */
  fromVersion?: number;
  limit?: number;
}

export interface ReadStreamResult {
  events: StoredEvent[];
  /** Current version of the stream (0 when it does not exist). */
  streamVersion: number;
}

export interface ReadAllOptions {
  /** Exclusive lower bound; omitted (or undefined: no checkpoint yet) means from the beginning. */
  after?: Position | undefined;
  limit?: number;
}

export interface StoredSnapshot<State> extends Snapshot<State> {
  /** Version of the state's own schema; a snapshot with another schema version is ignored. */
  schemaVersion: number;
}

/** The first answer to a retried request, kept under its idempotency key. */
export interface IdempotencyRecord {
  key: string;
  /** Tells a true retry from a different request reusing the key. */
  requestHash: string;
  response: unknown;
  createdAt: Date;
}

/**
 * The store's operations that run inside a transaction (see `EventStore.within`). An append inside
 * a transaction must come before the transaction's other writes: the database refuses it otherwise,
 * because a transaction id taken before the stream lock could reorder the stream's versions.
 */
export interface EventStoreSession {
  append(streamId: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<ReadStreamResult>;
  saveSnapshot<State>(streamId: string, snapshot: StoredSnapshot<State>): Promise<void>;
  loadSnapshot<State>(streamId: string, schemaVersion: number): Promise<StoredSnapshot<State> | undefined>;
  readCheckpoint(subscriber: string): Promise<Position | undefined>;
  readIdempotencyRecord(key: string): Promise<IdempotencyRecord | undefined>;
  /** Stores the first answer for `key`; false (and nothing written) when the key is taken already. */
  saveIdempotencyRecord(key: string, requestHash: string, response: unknown): Promise<boolean>;
}

/**
 * The store's public API; both drivers (postgres.js and PGlite) implement it.
 * `Tx` is the transaction handle passed to `withCheckpoint` / `transaction` callbacks.
 */
export interface EventStore<Tx = unknown> extends EventStoreSession {
  /** Events in delivery order, strictly after `after`, never skipping one that commits later. */
  readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;
  /** Streams the whole log (or the part after `after`) in delivery order, in constant memory. */
  streamAll(options?: ReadAllOptions & { batchSize?: number }): AsyncIterable<StoredEvent>;
  /** Position of the newest event a reader may see now; undefined for an empty log. */
  headPosition(): Promise<Position | undefined>;
  /**
   * Runs `fn` and moves `subscriber`'s checkpoint to `position` in one transaction. A position at
   * or before the stored checkpoint is skipped (`applied: false`, `fn` not called); `fn` gets the
   * checkpoint as it stood (read under the subscriber's lock), to skip what a batch already holds.
   * With `assumed` (what the caller's own last transaction committed), `fn` starts without waiting
   * for that read, a round trip saved; if the checkpoint is not as assumed, nothing is written and
   * it throws `CheckpointMovedError`.
   */
  withCheckpoint<T>(
    subscriber: string,
    position: Position,
    fn: (tx: Tx, previous: Position | undefined) => Promise<T>,
    assumed?: CheckpointAssumption,
  ): Promise<{ applied: true; result: T } | { applied: false }>;
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** The store's operations bound to `tx` (from `transaction` or `withCheckpoint`), committing with it. */
  within(tx: Tx): EventStoreSession;
  close(): Promise<void>;
}
