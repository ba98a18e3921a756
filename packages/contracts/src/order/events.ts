import { defineEvent, type EventOf, type MessageOf } from '@causeway/kernel';
import { z } from 'zod';
import { customerId, entityId, money, orderItem, orderItems, reason } from '../fields.js';

// Order events live in the stream `order-<orderId>`: the order id is the envelope's aggregateId.

export const OrderCreated = defineEvent({
  type: 'ORDER_CREATED',
  aggregateType: 'order',
  payload: z.strictObject({ customerId, items: orderItems, total: money }),
});

/** `total` is the order's new total, including the added item. */
export const OrderItemAdded = defineEvent({
  type: 'ORDER_ITEM_ADDED',
  aggregateType: 'order',
  payload: z.strictObject({ item: orderItem, total: money }),
});

export const OrderConfirmed = defineEvent({
  type: 'ORDER_CONFIRMED',
  aggregateType: 'order',
  payload: z.strictObject({ paymentId: entityId, amountPaid: money }),
});

export const OrderCancelled = defineEvent({
  type: 'ORDER_CANCELLED',
  aggregateType: 'order',
  payload: z.strictObject({ reason }),
});

export const orderEventDefinitions = [OrderCreated, OrderItemAdded, OrderConfirmed, OrderCancelled] as const;

/** What the order decider returns and evolves on: `{ type, payload }`. */
export type OrderEvent =
  | MessageOf<typeof OrderCreated>
  | MessageOf<typeof OrderItemAdded>
  | MessageOf<typeof OrderConfirmed>
  | MessageOf<typeof OrderCancelled>;

/** An order event as stored and delivered. */
export type OrderEventEnvelope =
  | EventOf<typeof OrderCreated>
  | EventOf<typeof OrderItemAdded>
  | EventOf<typeof OrderConfirmed>
  | EventOf<typeof OrderCancelled>;
