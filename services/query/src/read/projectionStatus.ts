import {
  type DrizzleEventStore,
  formatPosition,
  type Position,
  positionParts,
  queryRows,
  schema,
} from '@causeway/event-store';
import { count, desc, eq, sql } from 'drizzle-orm';

/** Lag is counted exactly up to this many events; past it the figure reads "at least". */
export const LAG_COUNT_CAP = 1_000_000;

export interface DeadLetterView {
  id: number;
  eventId: string | null;
  eventType: string | null;
  position: string | null;
  error: string;
  attempts: number;
  createdAt: string;
}

export interface ProjectionStatus {
  name: string;
  checkpoint: Position | null;
  /** Events visible in the store after the checkpoint (capped at `LAG_COUNT_CAP`). */
  lag: number;
  deadLetters: { count: number; latest: DeadLetterView[] };
}

/** Events a reader may see now after `checkpoint`: the store's visibility rule, counted. */
export const lagAfter = async (
  store: DrizzleEventStore,
  checkpoint: Position | undefined,
): Promise<number> => {
  const { transactionId, seq } = positionParts(checkpoint ?? formatPosition(0, 0));
  const [row] = await queryRows<{ lag: string }>(
    store.db,
    sql`SELECT count(*)::text AS lag FROM (
          SELECT 1 FROM events e
           WHERE (e.transaction_id, e.seq) > (${transactionId}::xid8, ${seq}::bigint)
             AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
           LIMIT ${LAG_COUNT_CAP}::integer) behind`,
  );
  return Number(row?.lag ?? 0);
};

export const deadLetterCount = async (store: DrizzleEventStore, subscriber: string): Promise<number> => {
  const [row] = await store.db
    .select({ count: count() })
    .from(schema.deadLetters)
    .where(eq(schema.deadLetters.subscriber, subscriber));
  return row?.count ?? 0;
};

export const projectionStatus = async (
  store: DrizzleEventStore,
  name: string,
  latestDeadLetters = 5,
): Promise<ProjectionStatus> => {
  const checkpoint = await store.readCheckpoint(name);
  const [lag, deadCount, latest] = await Promise.all([
    lagAfter(store, checkpoint),
    deadLetterCount(store, name),
    store.db
      .select()
      .from(schema.deadLetters)
      .where(eq(schema.deadLetters.subscriber, name))
      .orderBy(desc(schema.deadLetters.id))
      .limit(latestDeadLetters),
  ]);
  return {
    name,
    checkpoint: checkpoint ?? null,
    lag,
    deadLetters: {
      count: deadCount,
      latest: latest.map((row) => ({
        id: row.id,
        eventId: row.eventId,
        eventType: row.eventType,
        position:
          row.transactionId === null || row.seq === null ? null : formatPosition(row.transactionId, row.seq),
        error: row.error,
        attempts: row.attempts,
        createdAt: row.createdAt.toISOString(),
      })),
    },
  };
};
