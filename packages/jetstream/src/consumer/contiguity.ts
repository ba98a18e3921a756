import { type Position, positionParts, queryRows, START, type StoreTransaction } from '@causeway/event-store';
import { streamIdOf } from '@causeway/kernel';
import { type SQL, sql } from 'drizzle-orm';
import type { DeliveredEvent } from '../codec/eventMessage.js';
import type { EventFilter } from '../topology/names.js';
import { VersionGapError } from './errors.js';

/**
 * The store's events in (after, through] that `filter` lets through. Positions up to a delivered
 * event are final: the relay publishes only below the store's visibility horizon, so every
 * transaction with a lower id has ended and the range can no longer change.
 */
const storeRange = (
  after: Position | undefined,
  through: Position,
  filter: EventFilter | undefined,
  { inclusive = true } = {},
): SQL => {
  const from = positionParts(after ?? START);
  const to = positionParts(through);
  return sql`(transaction_id, seq) > (${from.transactionId}::xid8, ${from.seq}::bigint)
         AND (transaction_id, seq) ${inclusive ? sql`<=` : sql`<`} (${to.transactionId}::xid8, ${to.seq}::bigint)
         ${filter?.aggregateType === undefined ? sql`` : sql`AND aggregate_type = ${filter.aggregateType}`}
         ${filter?.eventType === undefined ? sql`` : sql`AND type = ${filter.eventType}`}`;
};

/**
 * Proves that `events`, the next deliveries after the checkpoint `after`, are exactly the store's
 * events in that stretch of the log: none missing (a hole in the delivered stream) and none
 * foreign (a message on the events subjects the store never held). One read per batch and no
 * writes: the store's log is the reference, so a lost message is caught in the batch it belonged
 * to, not only when its stream's next event arrives. Throws `VersionGapError` naming the first
 * difference; the caller's transaction then rolls back.
 */
export const assertContiguous = async (
  tx: StoreTransaction,
  after: Position | undefined,
  events: readonly DeliveredEvent[],
  filter?: EventFilter,
): Promise<void> => {
  const last = events.at(-1);
  if (!last) return;
  const range = storeRange(after, last.position, filter);
  const ids = JSON.stringify(events.map((event) => event.id));
  const [counts] = await queryRows<{ total: number; delivered: number }>(
    tx,
    sql`SELECT count(*)::int AS total,
               count(*) FILTER (WHERE id = ANY(ARRAY(SELECT jsonb_array_elements_text(${ids}::jsonb)::uuid)))::int AS delivered
          FROM events WHERE ${range}`,
  );
  if (counts?.total === events.length && counts.delivered === events.length) return;
  throw await firstDifference(tx, range, events);
};

/**
 * Moving the checkpoint to `position` without applying what is there (a dead-lettered message)
 * must not pass over anything else: the store may hold no event in (after, position).
 */
export const assertNothingBefore = async (
  tx: StoreTransaction,
  after: Position | undefined,
  position: Position,
  filter?: EventFilter,
): Promise<void> => {
  const [first] = await queryRows<StoredRef>(
    tx,
    sql`SELECT id::text AS id, stream_id, version FROM events
         WHERE ${storeRange(after, position, filter, { inclusive: false })}
         ORDER BY transaction_id, seq LIMIT 1`,
  );
  if (first) throw missing(first, undefined);
};

interface StoredRef {
  id: string;
  stream_id: string;
  version: number;
}

const missing = (event: StoredRef, received: number | undefined) =>
  received === undefined
    ? new VersionGapError(
        event.stream_id,
        Number(event.version),
        undefined,
        `Version gap in ${event.stream_id}: version ${event.version} (event ${event.id}) was never delivered; ` +
          'refusing to apply past it (the delivered stream is missing events the store has)',
      )
    : new VersionGapError(event.stream_id, Number(event.version), received);

/** Walks the range in order beside the deliveries and names where they part. */
const firstDifference = async (
  tx: StoreTransaction,
  range: SQL,
  events: readonly DeliveredEvent[],
): Promise<VersionGapError> => {
  const stored = await queryRows<StoredRef>(
    tx,
    sql`SELECT id::text AS id, stream_id, version FROM events WHERE ${range}
         ORDER BY transaction_id, seq LIMIT ${events.length + 1}`,
  );
  const delivered = new Set(events.map((event) => event.id));
  const held = new Set(stored.map((event) => event.id));
  for (const [i, event] of events.entries()) {
    const expected = stored[i];
    if (expected && !delivered.has(expected.id)) {
      const next = events.find((e) => streamIdOf(e) === expected.stream_id && e.version > expected.version);
      return missing(expected, next?.version);
    }
    if (!held.has(event.id)) {
      return new VersionGapError(
        streamIdOf(event),
        event.version,
        event.version,
        `Event ${event.id} (${streamIdOf(event)} version ${event.version}) at ${event.position} is not in the store: ` +
          'only the relay publishes events; refusing to apply it or anything after it',
      );
    }
  }
  const extra = stored[events.length];
  if (extra) return missing(extra, undefined);
  const first = events[0] as DeliveredEvent;
  return new VersionGapError(
    streamIdOf(first),
    first.version,
    first.version,
    `The deliveries from ${first.position} on differ from the store's log; refusing to apply them`,
  );
};
