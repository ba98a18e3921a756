import {
  formatPosition,
  type Position,
  positionParts,
  queryRows,
  type StoreTransaction,
} from '@causeway/event-store';
import { sql } from 'drizzle-orm';

/**
 * The consumer runner of `@causeway/jetstream` remembers, per subscriber, each stream's last
 * version (table `subscriber_streams`) to refuse gaps. A rebuild moves the checkpoint past events
 * the live consumer never applied; those it will now skip, so their streams' versions are
 * recorded here, in the switch transaction, from the store itself: only the window between the
 * live checkpoint (read under the subscriber's lock) and the rebuilt position.
 */
export const recordStreamVersions = async (
  tx: StoreTransaction,
  subscriber: string,
  liveCheckpoint: Position | undefined,
  target: Position,
): Promise<void> => {
  const [table] = await queryRows<{ found: string | null }>(
    tx,
    sql`SELECT to_regclass('subscriber_streams')::text AS found`,
  );
  if (!table?.found) return;
  const from = positionParts(liveCheckpoint ?? formatPosition(0, 0));
  const to = positionParts(target);
  await tx.execute(
    sql`INSERT INTO subscriber_streams (subscriber, stream_id, version)
        SELECT ${subscriber}, e.stream_id, max(e.version) FROM events e
         WHERE (e.transaction_id, e.seq) > (${from.transactionId}::xid8, ${from.seq}::bigint)
           AND (e.transaction_id, e.seq) <= (${to.transactionId}::xid8, ${to.seq}::bigint)
         GROUP BY e.stream_id
        ON CONFLICT (subscriber, stream_id)
        DO UPDATE SET version = GREATEST(subscriber_streams.version, EXCLUDED.version)`,
  );
};
