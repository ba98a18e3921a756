import type { Metadata } from '@causeway/kernel';
import { sql } from 'drizzle-orm';
import type { StoredEvent } from '../eventStore.js';
import { formatPosition } from '../position.js';

/** The columns every event read selects, shaped for `toStoredEvent`. */
export const eventColumns = sql.raw(`e.transaction_id::text AS transaction_id, e.seq::text AS seq, e.version,
  e.id::text AS id, e.type, e.aggregate_type, e.aggregate_id, e.schema_version,
  (extract(epoch FROM e."timestamp") * 1000)::bigint::text AS timestamp_ms, e.payload, e.metadata`);

export interface EventRow {
  transaction_id: string;
  seq: string;
  version: number;
  id: string;
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  schema_version: number;
  timestamp_ms: string;
  payload: unknown;
  metadata: Metadata;
}

/**
 * A row read back, as an envelope. The columns' SQL types and NOT NULLs already hold, and every
 * row was validated on its way in; what is checked here is what the database cannot (JSON shapes).
 */
export const toStoredEvent = (row: EventRow): StoredEvent => {
  const { metadata } = row;
  if (typeof metadata !== 'object' || metadata === null || typeof metadata.correlationId !== 'string') {
    throw new TypeError(`Event ${row.id} has malformed metadata`);
  }
  return {
    id: row.id,
    type: row.type,
    aggregateType: row.aggregate_type,
    aggregateId: row.aggregate_id,
    version: Number(row.version),
    schemaVersion: Number(row.schema_version),
    timestamp: new Date(Number(row.timestamp_ms)).toISOString(),
    payload: row.payload,
    metadata,
    position: formatPosition(row.transaction_id, row.seq),
  };
};
