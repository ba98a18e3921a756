import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { OrderSagaState } from '../orderSaga/orderSagaState.js';

/**
 * One row per order saga. `state` is the pure saga's state; `payment_deadline` mirrors
 * `state.paymentDeadline` so the timer finds due sagas by index, and `finished` keeps finished
 * sagas out of its way. The event path and the timer both lock the row (`FOR UPDATE`) before
 * deciding, so one saga never decides twice at once.
 */
export const orderSagas = pgTable(
  'order_sagas',
  {
    orderId: text('order_id').primaryKey(),
    state: jsonb('state').$type<OrderSagaState>().notNull(),
    finished: boolean('finished').notNull().default(false),
    paymentDeadline: timestamp('payment_deadline', { withTimezone: true, mode: 'date' }),
    /** The order's correlation id, carried by every command the saga sends. */
    correlationId: text('correlation_id').notNull(),
    /** Id of the last command sent: the causation of a command the timer decides. */
    lastCommandId: text('last_command_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).default(sql`now()`).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).default(sql`now()`).notNull(),
  },
  (table) => [
    index('order_sagas_due_idx')
      .on(table.paymentDeadline)
      .where(sql`${table.paymentDeadline} IS NOT NULL AND NOT ${table.finished}`),
  ],
);
