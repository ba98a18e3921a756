import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const paymentStatuses = ['PROCESSED', 'FAILED', 'REFUNDED'] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

const columns = {
  /** The payment aggregate id (stream `payment-<id>`). */
  paymentId: text('payment_id').primaryKey(),
  orderId: text('order_id').notNull(),
  status: text('status', { enum: paymentStatuses }).notNull(),
  /** Amount charged; null for a declined payment (PAYMENT_FAILED carries none). */
  amount: bigint('amount', { mode: 'number' }),
  refunded: bigint('refunded', { mode: 'number' }).notNull(),
  failureReason: text('failure_reason'),
  /** The payment stream's version this row reflects. */
  version: integer('version').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3, mode: 'date' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3, mode: 'date' }).notNull(),
};

/** Payments by order, from PAYMENT_* events (keyed by their `orderId`): what `paid` is made of. */
export const orderPayments = pgTable('order_payments', columns, (table) => [
  index('order_payments_order_idx').on(table.orderId, table.createdAt, table.paymentId),
  check('order_payments_status_check', sql`${table.status} IN ('PROCESSED', 'FAILED', 'REFUNDED')`),
]);

export const orderPaymentsNamed = (name: string) => pgTable(name, columns);

export type OrderPaymentRow = typeof orderPayments.$inferSelect;
