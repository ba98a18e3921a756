import { sql } from 'drizzle-orm';
import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The first answer to a request that may be retried: `handleCommand` keys it by command id
 * (`command:<id>`), the HTTP layer by `Idempotency-Key`. `request_hash` tells a true retry from a
 * different request reusing the key.
 */
export const idempotencyKeys = pgTable('idempotency_keys', {
  key: text('key').primaryKey(),
  requestHash: text('request_hash').notNull(),
  response: jsonb('response').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).default(sql`now()`).notNull(),
});
