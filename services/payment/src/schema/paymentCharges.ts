import { sql } from 'drizzle-orm';
import { bigint, check, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The simulated gateway's ledger: one row per payment id, written when the gateway charges (or
 * declines), and updated once when it refunds. Keyed by payment id, so a redelivered or repeated
 * PROCESS_PAYMENT finds its charge and never charges twice, even when the process died after
 * charging and before appending the event.
 */
export const paymentCharges = pgTable(
  'payment_charges',
  {
    paymentId: text('payment_id').primaryKey(),
    orderId: text('order_id').notNull(),
    /** The PROCESS_PAYMENT command that charged. */
    chargeCommandId: text('charge_command_id').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    outcome: text('outcome', { enum: ['APPROVED', 'DECLINED'] }).notNull(),
    declineReason: text('decline_reason'),
    /** The REFUND_PAYMENT command that refunded, and how much; null until refunded. */
    refundCommandId: text('refund_command_id'),
    refundedAmount: bigint('refunded_amount', { mode: 'number' }),
    chargedAt: timestamp('charged_at', { withTimezone: true, mode: 'date' }).default(sql`now()`).notNull(),
    refundedAt: timestamp('refunded_at', { withTimezone: true, mode: 'date' }),
  },
  // Amounts are bigint: an order may reach 100 items x 1,000 x 100,000,000 cents, past int4.
  (table) => [
    check('payment_charges_amount_check', sql`${table.amount} >= 0`),
    check('payment_charges_outcome_check', sql`${table.outcome} IN ('APPROVED', 'DECLINED')`),
    check(
      'payment_charges_refund_check',
      sql`${table.refundedAmount} IS NULL OR (${table.outcome} = 'APPROVED' AND ${table.refundedAmount} BETWEEN 0 AND ${table.amount})`,
    ),
  ],
);
