import { sql } from 'drizzle-orm';
import { bigint, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { xid8 } from './xid8.js';

/** Each subscriber's last applied position, both parts of it (a sequence alone is not a position). */
export const checkpoints = pgTable('checkpoints', {
  subscriber: text('subscriber').primaryKey(),
  transactionId: xid8('transaction_id').notNull(),
  seq: bigint('seq', { mode: 'bigint' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).default(sql`now()`).notNull(),
});
