import { type DrizzleEventStore, queryRows, type StoreTransaction } from '@causeway/event-store';
import { sql } from 'drizzle-orm';
import type { DeliveredEvent } from '../codec/eventMessage.js';

/**
 * A stand-in read model: one row per application of an event, with no unique key, so a double
 * application shows up as two rows instead of being absorbed by a constraint.
 */
export const createEffectsTable = async (store: DrizzleEventStore): Promise<void> => {
  await store.db.execute(
    sql`CREATE TABLE IF NOT EXISTS effects (n bigserial PRIMARY KEY, subscriber text NOT NULL, event_id uuid NOT NULL)`,
  );
};

export const recordEffect = (subscriber: string) => async (event: DeliveredEvent, tx: StoreTransaction) => {
  await tx.execute(sql`INSERT INTO effects (subscriber, event_id) VALUES (${subscriber}, ${event.id})`);
};

/** Event ids in the order they were applied. */
export const appliedIds = async (store: DrizzleEventStore, subscriber: string): Promise<string[]> =>
  (
    await queryRows<{ event_id: string }>(
      store.db,
      sql`SELECT event_id::text AS event_id FROM effects WHERE subscriber = ${subscriber} ORDER BY n`,
    )
  ).map((row) => row.event_id);
