import { sql } from 'drizzle-orm';
import { integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The newest snapshot of a stream per state schema version: a snapshot taken by older code (another
 * `schema_version`) is never returned to newer code, which rebuilds from events instead.
 */
export const snapshots = pgTable(
  'snapshots',
  {
    streamId: text('stream_id').notNull(),
    schemaVersion: integer('schema_version').notNull(),
    version: integer('version').notNull(),
    state: jsonb('state').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).default(sql`now()`).notNull(),
  },
  (table) => [primaryKey({ name: 'snapshots_pkey', columns: [table.streamId, table.schemaVersion] })],
);
