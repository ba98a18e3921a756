import { randomUUID } from 'node:crypto';
import { OrderCancelled, OrderCreated, PaymentFailed, PaymentProcessed } from '@causeway/contracts';
import type { SagaEvent } from '../worker/handleSagaEvent.js';

const metadata = (correlationId: string) => ({ correlationId, causationId: randomUUID() });

/** Envelopes as the saga receives them, for tests. */
export const sagaEvents = (orderId: string, correlationId = `corr-${orderId}`) => ({
  created: (total = 3_000, version = 1): SagaEvent =>
    OrderCreated.create({
      aggregateId: orderId,
      version,
      payload: { customerId: 'c-1', items: [{ sku: 'A', quantity: 1, unitPrice: total }], total },
      metadata: metadata(correlationId),
    }),
  cancelled: (version = 2): SagaEvent =>
    OrderCancelled.create({
      aggregateId: orderId,
      version,
      payload: { reason: 'customer' },
      metadata: metadata(correlationId),
    }),
  processed: (paymentId: string, amount = 3_000): SagaEvent =>
    PaymentProcessed.create({
      aggregateId: paymentId,
      version: 1,
      payload: { paymentId, orderId, amount },
      metadata: metadata(correlationId),
    }),
  failed: (paymentId: string): SagaEvent =>
    PaymentFailed.create({
      aggregateId: paymentId,
      version: 1,
      payload: { orderId, reason: 'declined' },
      metadata: metadata(correlationId),
    }),
});
