import {
  comparePositions,
  type DrizzleEventStore,
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
 * the whole transaction back.
 */
export const applyChunk = async (
  store: DrizzleEventStore,
  subscriber: Subscriber,
  items: readonly ChunkItem[],
  detectVersionGaps: boolean,
): Promise<{ applied: number; skipped: number }> => {
  const last = items.at(-1);
  if (!last) return { applied: 0, skipped: 0 };
  const outcome = await store.withCheckpoint(subscriber.name, last.event.position, async (tx, previous) => {
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
  });
  return outcome.applied
    ? { applied: outcome.result, skipped: items.length - outcome.result }
    : { applied: 0, skipped: items.length };
};
