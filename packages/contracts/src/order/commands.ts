import { type CommandOf, defineCommand, type MessageOf } from '@causeway/kernel';
import { z } from 'zod';
import { customerId, entityId, money, orderItem, orderItems, reason } from '../fields.js';

// Order commands address the order by the envelope's aggregateId. CREATE_ORDER carries the id
// the command service chose for the new order.

export const CreateOrder = defineCommand({
  type: 'CREATE_ORDER',
  aggregateType: 'order',
  payload: z.strictObject({ customerId, items: orderItems }),
});

/** The payload is the item itself: `{ sku, quantity, unitPrice }`. */
export const AddOrderItem = defineCommand({
  type: 'ADD_ORDER_ITEM',
  aggregateType: 'order',
  payload: orderItem,
});

export const ConfirmOrder = defineCommand({
  type: 'CONFIRM_ORDER',
  aggregateType: 'order',
  payload: z.strictObject({ paymentId: entityId, amountPaid: money }),
});

export const CancelOrder = defineCommand({
  type: 'CANCEL_ORDER',
  aggregateType: 'order',
  payload: z.strictObject({ reason }),
});

export const orderCommandDefinitions = [CreateOrder, AddOrderItem, ConfirmOrder, CancelOrder] as const;

export type OrderCommand =
  | MessageOf<typeof CreateOrder>
  | MessageOf<typeof AddOrderItem>
  | MessageOf<typeof ConfirmOrder>
  | MessageOf<typeof CancelOrder>;

export type OrderCommandEnvelope =
  | CommandOf<typeof CreateOrder>
  | CommandOf<typeof AddOrderItem>
  | CommandOf<typeof ConfirmOrder>
  | CommandOf<typeof CancelOrder>;
