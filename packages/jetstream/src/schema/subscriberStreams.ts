import { integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/**
 * No longer written or read: the runner now checks deliveries against the store's log itself
 * (`assertContiguous`). Kept until a migration drops it, so processes of the previous version
 * still running during an upgrade find it.
 */
export const subscriberStreams = pgTable(
  'subscriber_streams',
  {
    subscriber: text('subscriber').notNull(),
    streamId: text('stream_id').notNull(),
    version: integer('version').notNull(),
  },
  (table) => [primaryKey({ name: 'subscriber_streams_pkey', columns: [table.subscriber, table.streamId] })],
);
