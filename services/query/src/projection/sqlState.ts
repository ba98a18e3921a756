import type { StoreTransaction } from '@causeway/event-store';
import { eq } from 'drizzle-orm';
import {
  type OrderPaymentRow,
  type OrderSummaryRow,
  orderPayments,
  orderSummaries,
} from '../schema/index.js';
import { heldBy, type PaymentTotals } from './evolve.js';
import type { ReadModelState } from './readModelState.js';

const withoutKey = <Row extends object, K extends keyof Row>(row: Row, key: K): Omit<Row, K> => {
  const { [key]: _key, ...rest } = row;
  return rest;
};

/** The read model as rows in the consumer's checkpoint transaction: what the live projection writes. */
export const sqlState = (tx: StoreTransaction): ReadModelState => ({
  summary: async (orderId) => {
    const [row] = await tx.select().from(orderSummaries).where(eq(orderSummaries.orderId, orderId));
    return row;
  },
  payment: async (paymentId) => {
    const [row] = await tx.select().from(orderPayments).where(eq(orderPayments.paymentId, paymentId));
    return row;
  },
  // Only payments projected while the order had no row can exist when its ORDER_CREATED arrives.
  earlyPayments: async (orderId) => {
    const rows = await tx.select().from(orderPayments).where(eq(orderPayments.orderId, orderId));
    return rows.reduce<PaymentTotals>(
      (totals, row) => ({ paid: totals.paid + heldBy(row), refunded: totals.refunded + row.refunded }),
      { paid: 0, refunded: 0 },
    );
  },
  putSummary: async (row: OrderSummaryRow) => {
    await tx
      .insert(orderSummaries)
      .values(row)
      .onConflictDoUpdate({ target: orderSummaries.orderId, set: withoutKey(row, 'orderId') });
  },
  putPayment: async (row: OrderPaymentRow) => {
    await tx
      .insert(orderPayments)
      .values(row)
      .onConflictDoUpdate({ target: orderPayments.paymentId, set: withoutKey(row, 'paymentId') });
  },
  noteEarlyPayment: async () => {},
});
