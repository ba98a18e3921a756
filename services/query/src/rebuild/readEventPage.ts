import { allEvents } from '@causeway/contracts';
import {
  formatPosition,
  type Position,
  positionParts,
  queryRows,
  START,
  type StoreDatabase,
} from '@causeway/event-store';
import { ValidationError } from '@causeway/kernel';
import { sql } from 'drizzle-orm';
import type { ProjectableEvent } from '../projection/events.js';

export interface EventPage {
  /** The events the projection reads, parsed and upcast. */
  events: ProjectableEvent[];
  /** Rows read, of every type: fewer than asked means the visible end of the log. */
  read: number;
  /** Position of the last row read. */
  last: Position | undefined;
}

interface Row {
  transaction_id: string;
  seq: string;
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  version: number;
  schema_version: number;
  timestamp: Date | string;
  payload: unknown;
}

/**
 * One page of the log in delivery order, with the store's own visibility rule (`readAll`'s: only
 * transactions older than the oldest one running, so a late commit is never skipped), but only
 * the columns the projection reads: ids, metadata and the envelope check are left out. That
 * halves what the rebuild transfers and parses. Payloads are still validated and upcast by the
 * event type's definition, as `allEvents.parse` would.
 */
export const readEventPage = async (
  db: StoreDatabase,
  after: Position | undefined,
  limit: number,
): Promise<EventPage> => {
  const from = positionParts(after ?? START);
  const rows = await queryRows<Row>(
    db,
    sql`SELECT e.transaction_id::text AS transaction_id, e.seq::text AS seq, e.type, e.aggregate_type,
               e.aggregate_id, e.version, e.schema_version, e."timestamp", e.payload
          FROM events e
         WHERE (e.transaction_id, e.seq) > (${from.transactionId}::xid8, ${from.seq}::bigint)
           AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
         ORDER BY e.transaction_id, e.seq
         LIMIT ${limit}::integer`,
  );
  const events: ProjectableEvent[] = [];
  for (const row of rows) {
    const definition = allEvents.get(row.type);
    if (!definition) continue;
    if (row.aggregate_type !== definition.aggregateType) {
      throw new ValidationError(row.type, [
        { path: 'aggregateType', message: `must be ${JSON.stringify(definition.aggregateType)}` },
      ]);
    }
    events.push({
      type: row.type,
      aggregateType: row.aggregate_type,
      aggregateId: row.aggregate_id,
      version: Number(row.version),
      timestamp: new Date(row.timestamp).toISOString(),
      payload: definition.parsePayload(row.payload, Number(row.schema_version)),
    } as ProjectableEvent);
  }
  const last = rows.at(-1);
  return {
    events,
    read: rows.length,
    last: last ? formatPosition(last.transaction_id, last.seq) : undefined,
  };
};
