import { type CommandOf, defineCommand, type MessageOf } from '@causeway/kernel';
import { z } from 'zod';
import { entityId, money } from '../fields.js';

/**
 * Charge `amount` for `orderId`. The envelope's aggregateId is the payment id, chosen by the
 * sender (the saga derives it from the order and the saga step, so a redelivered event asks for
 * the same payment, never a second one). The payment service answers in the stream
 * `payment-<aggregateId>` with PAYMENT_PROCESSED (whose paymentId is that aggregateId) or
 * PAYMENT_FAILED.
 */
export const ProcessPayment = defineCommand({
  type: 'PROCESS_PAYMENT',
  aggregateType: 'payment',
  payload: z.strictObject({ orderId: entityId, amount: money }),
});

/** Refund `amount` of payment `paymentId`; the envelope's aggregateId is the same paymentId. */
export const RefundPayment = defineCommand({
  type: 'REFUND_PAYMENT',
  aggregateType: 'payment',
  payload: z.strictObject({ paymentId: entityId, orderId: entityId, amount: money }),
});

export const paymentCommandDefinitions = [ProcessPayment, RefundPayment] as const;

export type PaymentCommand = MessageOf<typeof ProcessPayment> | MessageOf<typeof RefundPayment>;

export type PaymentCommandEnvelope = CommandOf<typeof ProcessPayment> | CommandOf<typeof RefundPayment>;
