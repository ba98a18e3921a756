import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { xid8 } from './xid8.js';

/**
 * Messages a subscriber gave up on after repeated failures, with the last error. The event id and
 * position are null when the message could not even be parsed; `message` then keeps what arrived.
 */
export const deadLetters = pgTable(
  'dead_letters',
  {
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity().primaryKey(),
    subscriber: text('subscriber').notNull(),
    eventId: uuid('event_id'),
    eventType: text('event_type'),
    transactionId: xid8('transaction_id'),
    seq: bigint('seq', { mode: 'bigint' }),
    error: text('error').notNull(),
    attempts: integer('attempts').notNull(),
    message: jsonb('message'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).default(sql`now()`).notNull(),
  },
  (table) => [index('dead_letters_subscriber_idx').on(table.subscriber, table.createdAt)],
);
