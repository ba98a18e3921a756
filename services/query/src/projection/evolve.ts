import type { OrderPaymentRow, OrderSummaryRow } from '../schema/index.js';
import type { ProjectableOrderEvent, ProjectablePaymentEvent } from './events.js';

/** Money an order's payments amount to: `paid` is held now (charged minus refunded). */
export interface PaymentTotals {
  paid: number;
  refunded: number;
}

export const noPayments: PaymentTotals = { paid: 0, refunded: 0 };

/** Money a payment holds now: what it charged (nothing if declined) minus what was refunded. */
export const heldBy = (payment: OrderPaymentRow | undefined): number =>
  payment === undefined ? 0 : (payment.status === 'FAILED' ? 0 : (payment.amount ?? 0)) - payment.refunded;

export const totalsDelta = (before: OrderPaymentRow | undefined, after: OrderPaymentRow): PaymentTotals => ({
  paid: heldBy(after) - heldBy(before),
  refunded: after.refunded - (before?.refunded ?? 0),
});

type OrderCreatedEvent = Extract<ProjectableOrderEvent, { type: 'ORDER_CREATED' }>;
type LaterOrderEvent = Exclude<ProjectableOrderEvent, { type: 'ORDER_CREATED' }>;

/** The row an ORDER_CREATED starts, with any payment that was projected before the order was. */
export const createdSummary = (event: OrderCreatedEvent, payments: PaymentTotals): OrderSummaryRow => {
  const at = new Date(event.timestamp);
  return {
    orderId: event.aggregateId,
    customerId: event.payload.customerId,
    status: 'PENDING',
    items: event.payload.items,
    total: event.payload.total,
    paid: payments.paid,
    refunded: payments.refunded,
    cancellationReason: null,
    version: event.version,
    createdAt: at,
    updatedAt: at,
  };
};

/** The next row after one of the order's later events. Pure: same row and event, same result. */
export const evolveSummary = (summary: OrderSummaryRow, event: LaterOrderEvent): OrderSummaryRow => {
  const next = { ...summary, version: event.version, updatedAt: new Date(event.timestamp) };
  switch (event.type) {
    case 'ORDER_ITEM_ADDED':
      return { ...next, items: [...summary.items, event.payload.item], total: event.payload.total };
    case 'ORDER_CONFIRMED':
      return { ...next, status: 'CONFIRMED' };
    case 'ORDER_CANCELLED':
      return { ...next, status: 'CANCELLED', cancellationReason: event.payload.reason };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
};

/** The payment's next row. A refund marks it REFUNDED once it covers the whole charge. */
export const evolvePayment = (
  payment: OrderPaymentRow | undefined,
  event: ProjectablePaymentEvent,
): OrderPaymentRow => {
  const at = new Date(event.timestamp);
  const base: OrderPaymentRow = payment ?? {
    paymentId: event.aggregateId,
    orderId: event.payload.orderId,
    status: 'PROCESSED',
    amount: null,
    refunded: 0,
    failureReason: null,
    version: 0,
    createdAt: at,
    updatedAt: at,
  };
  const next = { ...base, version: event.version, updatedAt: at };
  switch (event.type) {
    case 'PAYMENT_PROCESSED':
      return { ...next, status: 'PROCESSED', amount: event.payload.amount, failureReason: null };
    case 'PAYMENT_FAILED':
      return { ...next, status: 'FAILED', failureReason: event.payload.reason };
    case 'PAYMENT_REFUNDED': {
      const refunded = base.refunded + event.payload.amount;
      return { ...next, refunded, status: refunded >= (base.amount ?? 0) ? 'REFUNDED' : base.status };
    }
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
};
