import { integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/**
 * The last version of each event stream a subscriber has applied, written in the same transaction
 * as its checkpoint: the next event of a stream must carry the next version, or the subscriber
 * has missed one (a hole in the delivered stream) and refuses to go on.
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
