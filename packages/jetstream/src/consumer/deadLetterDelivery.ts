import type { DrizzleEventStore } from '@causeway/event-store';
import { assertNothingBefore } from './contiguity.js';
import { describeError, writeDeadLetter } from './deadLetters.js';
import type { Delivery } from './delivery.js';
import type { DeadLetterRecord, Subscriber } from './subscriber.js';

/**
 * Records a dead letter. With `skip`, in the same transaction the checkpoint moves past the
 * message, so the subscriber goes on as if it had applied it, unless that would pass over other
 * events of the store (a junk message claiming a later position): then it throws
 * `VersionGapError` and nothing moves. Without `skip`, nothing else changes and the subscriber
 * halts in front of the message.
 */
export const deadLetterDelivery = async (
  store: DrizzleEventStore,
  subscriber: Subscriber,
  delivery: Delivery,
  failure: { error: unknown; attempts: number },
  { skip, detectVersionGaps }: { skip: boolean; detectVersionGaps: boolean },
): Promise<DeadLetterRecord> => {
  const { decoded } = delivery;
  const { event } = decoded;
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
    await store.withCheckpoint(subscriber.name, position, async (tx, previous) => {
      if (detectVersionGaps) await assertNothingBefore(tx, previous, position, subscriber.filter);
      await writeDeadLetter(tx, record, message);
    });
  } else {
    await store.transaction((tx) => writeDeadLetter(tx, record, message));
  }
  return record;
};
