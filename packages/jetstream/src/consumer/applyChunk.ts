import { comparePositions, type DrizzleEventStore } from '@causeway/event-store';
import type { DeliveredEvent } from '../codec/eventMessage.js';
import { HandlerError } from './errors.js';
import { advanceStreamVersions } from './streamVersions.js';
import type { Subscriber } from './subscriber.js';

export interface ChunkItem {
  event: DeliveredEvent;
  /** False for event types the subscriber does not know: checkpoint and version only. */
  handled: boolean;
}

/**
 * Applies consecutive events in one transaction that also moves the checkpoint to the last one.
 * Events at or before the stored checkpoint (read under the subscriber's lock) were applied
 * before and are skipped. Returns how many were applied and how many skipped.
 */
export const applyChunk = async (
  store: DrizzleEventStore,
  subscriber: Subscriber,
  items: readonly ChunkItem[],
  detectVersionGaps: boolean,
): Promise<{ applied: number; skipped: number }> => {
  const last = items.at(-1);
  if (!last) return { applied: 0, skipped: 0 };
  const outcome = await store.withCheckpoint(subscriber.name, last.event.position, async (tx) => {
    const checkpoint = items.length > 1 ? await store.within(tx).readCheckpoint(subscriber.name) : undefined;
    const fresh = checkpoint
      ? items.filter((item) => comparePositions(item.event.position, checkpoint) > 0)
      : items;
    if (detectVersionGaps) {
      await advanceStreamVersions(
        tx,
        subscriber.name,
        fresh.map((item) => item.event),
      );
    }
    for (const item of fresh) {
      if (!item.handled) continue;
      try {
        await subscriber.handle(item.event, tx);
      } catch (error) {
        throw new HandlerError(error);
      }
    }
    return fresh.length;
  });
  return outcome.applied
    ? { applied: outcome.result, skipped: items.length - outcome.result }
    : { applied: 0, skipped: items.length };
};
