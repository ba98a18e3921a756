import { positionParts, type StoreTransaction, schema } from '@causeway/event-store';
import { storable } from './storable.js';
import type { DeadLetterRecord } from './subscriber.js';

/** Records a message the subscriber gave up on, in the store's `dead_letters` table. */
export const writeDeadLetter = async (
  tx: StoreTransaction,
  record: DeadLetterRecord,
  message: unknown,
): Promise<void> => {
  const parts = record.position ? positionParts(record.position) : undefined;
  await tx.insert(schema.deadLetters).values({
    subscriber: record.subscriber,
    eventId: record.eventId ?? null,
    eventType: record.eventType === undefined ? null : (storable(record.eventType) as string),
    transactionId: parts?.transactionId ?? null,
    seq: parts ? BigInt(parts.seq) : null,
    error: storable(record.error) as string,
    attempts: record.attempts,
    message: storable(message ?? null) as never,
  });
};

export const describeError = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);
