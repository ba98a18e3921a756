import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { OrderSagaState } from '../orderSaga/orderSagaState.js';

export interface SentCommand {
  id: string;
  type: string;
  step: string;
  aggregateId: string;
  payload: unknown;
  /** The input that caused it (an event id, or the previous command for the timer). */
  causationId?: string;
}

/** For operators: every input a saga handled and the commands it sent, in order. */
export const sagaHistory = pgTable(
  'saga_history',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orderId: text('order_id').notNull(),
    /** An event type, or PAYMENT_TIMED_OUT for the timer. */
    inputType: text('input_type').notNull(),
    /** The event's id and store position; null for the timer. */
    inputId: text('input_id'),
    position: text('position'),
    commands: jsonb('commands').$type<SentCommand[]>().notNull(),
    stateAfter: jsonb('state_after').$type<OrderSagaState>().notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).default(sql`now()`).notNull(),
  },
  (table) => [index('saga_history_order_idx').on(table.orderId, table.id)],
);
