import type { EventStore, NewEvent } from '@causeway/event-store';
import { uuidv7 } from '@causeway/kernel';

export const newEvent = (aggregateId: string, n: number, type = 'ITEM_ADDED'): NewEvent => ({
  id: uuidv7(),
  type,
  aggregateType: 'cart',
  aggregateId,
  schemaVersion: 1,
  timestamp: new Date().toISOString(),
  payload: { n },
  metadata: { correlationId: `c-${aggregateId}`, causationId: `cmd-${aggregateId}-${n}` },
});

/**
 * Appends `count` events spread over `streams` carts, `concurrency` appends at a time, so that
 * transactions overlap and commit out of id order as they do in production.
 */
export const appendMany = async (
  store: Pick<EventStore, 'append'>,
  count: number,
  { streams = 8, concurrency = 4, tag = 'a' }: { streams?: number; concurrency?: number; tag?: string } = {},
): Promise<void> => {
  let next = 0;
  const worker = async () => {
    for (let n = next++; n < count; n = next++) {
      await store.append(`cart-${tag}${n % streams}`, [newEvent(`${tag}${n % streams}`, n)]);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
};
