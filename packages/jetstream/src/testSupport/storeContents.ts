import type { EventStore, StoredEvent } from '@causeway/event-store';
import { waitFor } from '@causeway/kernel/testing';

/**
 * The store's events in delivery order, once `count` of them are readable. Readers see only what
 * committed below the oldest transaction running anywhere in the cluster, so right after an
 * append the tail may still be hidden for a moment.
 */
export const storeEvents = (store: Pick<EventStore, 'readAll'>, count: number): Promise<StoredEvent[]> =>
  waitFor(async () => {
    const events = await store.readAll({ limit: 100_000 });
    return events.length >= count ? events : undefined;
  }, `${count} readable events in the store`);

export const storeIds = async (store: Pick<EventStore, 'readAll'>, count: number): Promise<string[]> =>
  (await storeEvents(store, count)).map((event) => event.id);
