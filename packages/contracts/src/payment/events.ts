import { defineEvent, type EventOf, type MessageOf } from '@causeway/kernel';
import { z } from 'zod';
import { entityId, money, reason } from '../fields.js';

// Payment events live in the stream `payment-<paymentId>`: the payment id is the aggregateId
// (also in the payload where consumers need it without the envelope).

export const PaymentProcessed = defineEvent({
  type: 'PAYMENT_PROCESSED',
  aggregateType: 'payment',
  payload: z.strictObject({ paymentId: entityId, orderId: entityId, amount: money }),
});

export const PaymentFailed = defineEvent({
  type: 'PAYMENT_FAILED',
  aggregateType: 'payment',
  payload: z.strictObject({ orderId: entityId, reason }),
});

export const PaymentRefunded = defineEvent({
  type: 'PAYMENT_REFUNDED',
  aggregateType: 'payment',
  payload: z.strictObject({ paymentId: entityId, orderId: entityId, amount: money }),
});

export const paymentEventDefinitions = [PaymentProcessed, PaymentFailed, PaymentRefunded] as const;

export type PaymentEvent =
  | MessageOf<typeof PaymentProcessed>
  | MessageOf<typeof PaymentFailed>
  | MessageOf<typeof PaymentRefunded>;

export type PaymentEventEnvelope =
  | EventOf<typeof PaymentProcessed>
  | EventOf<typeof PaymentFailed>
  | EventOf<typeof PaymentRefunded>;
