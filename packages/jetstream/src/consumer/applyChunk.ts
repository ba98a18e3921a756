import {
  type CheckpointAssumption,
  comparePositions,
  type DrizzleEventStore,
  isCheckpointMovedError,
  type Position,
  pgErrorOf,
  type StoreTransaction,
} from '@causeway/event-store';
import type { DeliveredEvent } from '../codec/eventMessage.js';
import { assertContiguous } from './contiguity.js';
import { HandlerError, isVersionGapError } from './errors.js';
import type { Subscriber } from './subscriber.js';

export interface ChunkItem {
  event: DeliveredEvent;
  /** False for event types the subscriber does not know: checkpoint and version only. */
  handled: boolean;
}

const handleAll = async (subscriber: Subscriber, events: readonly DeliveredEvent[], tx: StoreTransaction) => {
  try {
    if (subscriber.handleBatch) {
      if (events.length > 0) await subscriber.handleBatch(events, tx);
      return;
    }
    for (const event of events) await subscriber.handle(event, tx);
  } catch (error) {
    throw new HandlerError(error);
  }
};

/** SQLSTATE of a statement refused only because an earlier one in its transaction failed. */
const IN_FAILED_TRANSACTION = '25P02';

/** A version gap first; else the failure that aborted the transaction, not its echoes. */
const firstCause = (failures: unknown[]): unknown =>
  failures.find(isVersionGapError) ??
  failures.find((error) => pgErrorOf(error).code !== IN_FAILED_TRANSACTION) ??
  failures[0];

/**
 * Applies consecutive events in one transaction that also moves the checkpoint to the last one.
 * Events at or before the stored checkpoint (read under the subscriber's lock) were applied
 * before and are skipped. Returns how many were applied and how many skipped.
 *
 * The check that the batch is the store's log without a hole (`assertContiguous`) and the handler
 * run concurrently: on PostgreSQL their statements are pipelined on the transaction's connection.
 * A gap wins over the handler's own failure (which the gap may have caused), and either one rolls
 * the whole transaction back. While `known` holds the checkpoint this runner last committed, the
 * batch starts without waiting for the checkpoint's read (`withCheckpoint`'s `assumed`); if
 * someone else moved it meanwhile, the batch runs again the plain way.
 */
export const applyChunk = async (
  store: DrizzleEventStore,
  subscriber: Subscriber,
  items: readonly ChunkItem[],
  detectVersionGaps: boolean,
  known: { checkpoint: CheckpointAssumption | undefined } = { checkpoint: undefined },
): Promise<{ applied: number; skipped: number }> => {
  const last = items.at(-1);
  if (!last) return { applied: 0, skipped: 0 };
  const assumed = known.checkpoint;
  known.checkpoint = undefined;
  const apply = async (tx: StoreTransaction, previous: Position | undefined) => {
    const fresh = previous
      ? items.filter((item) => comparePositions(item.event.position, previous) > 0)
      : items;
    const handled = fresh.filter((item) => item.handled).map((item) => item.event);
    const [versions, handler] = await Promise.allSettled([
      detectVersionGaps
        ? assertContiguous(
            tx,
            previous,
            fresh.map((item) => item.event),
            subscriber.filter,
          )
        : undefined,
      handleAll(subscriber, handled, tx),
    ]);
    const failures = [versions, handler].flatMap((settled) =>
      settled.status === 'rejected' ? [settled.reason as unknown] : [],
    );
    if (failures.length > 0) throw firstCause(failures);
    return fresh.length;
  };
  const first = items[0] as ChunkItem;
  // Speculate only where the assumption covers the whole batch (every item after it).
  const speculate =
    assumed && (!assumed.checkpoint || comparePositions(first.event.position, assumed.checkpoint) > 0);
  const outcome = await (speculate
    ? store.withCheckpoint(subscriber.name, last.event.position, apply, assumed).catch((error: unknown) => {
        if (!isCheckpointMovedError(error)) throw error;
        return store.withCheckpoint(subscriber.name, last.event.position, apply);
      })
    : store.withCheckpoint(subscriber.name, last.event.position, apply));
  // Committed: the checkpoint is now this batch's last position.
  if (outcome.applied) known.checkpoint = { checkpoint: last.event.position };
  return outcome.applied
    ? { applied: outcome.result, skipped: items.length - outcome.result }
    : { applied: 0, skipped: items.length };
};
