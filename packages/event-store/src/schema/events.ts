import { sql } from 'drizzle-orm';
import {
  bigint,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { xid8 } from './xid8.js';

/**
 * The append-only log. An event's position is (transaction_id, seq): the writing transaction's id
 * and a global sequence. Readers order by that pair and read only below the oldest running
 * transaction, so a transaction that commits late can never be skipped. The pair is the primary
 * key (one index fewer on the hot insert path than a separate `seq` key).
 */
export const events = pgTable(
  'events',
  {
    seq: bigint('seq', { mode: 'bigint' }).generatedAlwaysAsIdentity().notNull(),
    transactionId: xid8('transaction_id').default(sql`pg_current_xact_id()`).notNull(),
    streamId: text('stream_id').notNull(),
    version: integer('version').notNull(),
    id: uuid('id').notNull(),
    type: text('type').notNull(),
    aggregateType: text('aggregate_type').notNull(),
    aggregateId: text('aggregate_id').notNull(),
    schemaVersion: integer('schema_version').notNull(),
    timestamp: timestamp('timestamp', { withTimezone: true, precision: 3, mode: 'date' }).notNull(),
    payload: jsonb('payload').notNull(),
    metadata: jsonb('metadata').notNull(),
  },
  (table) => [
    primaryKey({ name: 'events_pkey', columns: [table.transactionId, table.seq] }),
    unique('events_id_key').on(table.id),
    unique('events_stream_version_key').on(table.streamId, table.version),
  ],
);
