import type { OrderItem } from '@causeway/contracts';
import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const orderStatuses = ['PENDING', 'CONFIRMED', 'CANCELLED'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

const columns = {
  orderId: text('order_id').primaryKey(),
  customerId: text('customer_id').notNull(),
  status: text('status', { enum: orderStatuses }).notNull(),
  items: jsonb('items').$type<OrderItem[]>().notNull(),
  /** Money in minor units: bigint, since 100 items of 1000 units at the top price pass 2^31. */
  total: bigint('total', { mode: 'number' }).notNull(),
  /** Money held for the order now: processed payments minus refunds. */
  paid: bigint('paid', { mode: 'number' }).notNull(),
  refunded: bigint('refunded', { mode: 'number' }).notNull(),
  cancellationReason: text('cancellation_reason'),
  /** The order stream's version this row reflects: the ETag, and the projection's idempotency key. */
  version: integer('version').notNull(),
  /** Event timestamps, never the projection's clock, so a rebuild reproduces every row exactly. */
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3, mode: 'date' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3, mode: 'date' }).notNull(),
};

/**
 * One row per order. The list query pages by (created_at, order_id) under an optional customer or
 * status filter; each filter has an index ending in that key, so a page is one index range scan.
 */
export const orderSummaries = pgTable('order_summaries', columns, (table) => [
  index('order_summaries_customer_idx').on(table.customerId, table.createdAt, table.orderId),
  index('order_summaries_status_idx').on(table.status, table.createdAt, table.orderId),
  index('order_summaries_created_idx').on(table.createdAt, table.orderId),
  check('order_summaries_status_check', sql`${table.status} IN ('PENDING', 'CONFIRMED', 'CANCELLED')`),
]);

/** The same columns under another name: the rebuild writes its shadow table through this. */
export const orderSummariesNamed = (name: string) => pgTable(name, columns);

export type OrderSummaryRow = typeof orderSummaries.$inferSelect;
