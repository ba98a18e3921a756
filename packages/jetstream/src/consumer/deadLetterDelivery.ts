import type { DrizzleEventStore } from '@causeway/event-store';
import { describeError, writeDeadLetter } from './deadLetters.js';
import type { Delivery } from './delivery.js';
import { advanceStreamVersions } from './streamVersions.js';
import type { DeadLetterRecord, Subscriber } from './subscriber.js';

/**
 * Records a dead letter. With `skip`, in the same transaction the checkpoint (and stream version)
 * moves past the message, so the subscriber goes on as if it had applied it; without, nothing
 * else changes and the subscriber halts in front of it.
 */
export const deadLetterDelivery = async (
  store: DrizzleEventStore,
  subscriber: Subscriber,
  delivery: Delivery,
  failure: { error: unknown; attempts: number },
  { skip, detectVersionGaps }: { skip: boolean; detectVersionGaps: boolean },
): Promise<DeadLetterRecord> => {
  const { decoded } = delivery;
  const event = decoded.ok ? decoded.event : undefined;
  const position = event?.position ?? (decoded.ok ? undefined : decoded.position);
  const record: DeadLetterRecord = {
    subscriber: subscriber.name,
    eventId: event?.id,
    eventType: event?.type,
    position,
    error: describeError(failure.error),
    attempts: failure.attempts,
  };
  const message = decoded.ok ? decoded.event : decoded.raw;
  if (skip && position) {
    await store.withCheckpoint(subscriber.name, position, async (tx) => {
      if (event && detectVersionGaps) await advanceStreamVersions(tx, subscriber.name, [event]);
      await writeDeadLetter(tx, record, message);
    });
  } else {
    await store.transaction((tx) => writeDeadLetter(tx, record, message));
  }
  return record;
};
