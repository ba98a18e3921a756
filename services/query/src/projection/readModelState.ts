import type { OrderPaymentRow, OrderSummaryRow } from '../schema/index.js';
import type { PaymentTotals } from './evolve.js';

/**
 * Where the projection reads and writes rows. The live consumer's is SQL inside its checkpoint
 * transaction; the rebuild's is memory flushed to shadow tables in batches. Both run the same
 * `applyEvent`, which is what makes a rebuild equal the incrementally built model.
 */
export interface ReadModelState {
  summary(orderId: string): Promise<OrderSummaryRow | undefined>;
  payment(paymentId: string): Promise<OrderPaymentRow | undefined>;
  /** Totals of the payments projected for an order before its ORDER_CREATED was. */
  earlyPayments(orderId: string): Promise<PaymentTotals>;
  putSummary(row: OrderSummaryRow): Promise<void>;
  putPayment(row: OrderPaymentRow): Promise<void>;
  /** A payment changed money for an order that has no row yet (see `earlyPayments`). */
  noteEarlyPayment(orderId: string, delta: PaymentTotals): Promise<void>;
}
