import { integer, pgTable, text } from 'drizzle-orm/pg-core';

/** One row per stream with its current version: what `expectedVersion` is checked against. */
export const streams = pgTable('streams', {
  streamId: text('stream_id').primaryKey(),
  version: integer('version').notNull(),
});
