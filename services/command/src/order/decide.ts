import {
  type AddOrderItem,
  type CancelOrder,
  type ConfirmOrder,
  type CreateOrder,
  limits,
  OrderCancelled,
  type OrderCommand,
  OrderConfirmed,
  OrderCreated,
  type OrderEvent,
  OrderItemAdded,
  orderTotal,
} from '@causeway/contracts';
import { type MessageOf, UnknownCommandError } from '@causeway/kernel';
import type { Order, OrderStatus } from './order.js';
import { OrderRuleError } from './orderRuleError.js';

export const decide = (command: OrderCommand, state: Order): OrderEvent[] => {
  switch (command.type) {
    case 'CREATE_ORDER':
      return create(command, state);
    case 'ADD_ORDER_ITEM':
      return addItem(command, state);
    case 'CANCEL_ORDER':
      return cancel(command, state);
    case 'CONFIRM_ORDER':
      return confirm(command, state);
    default: {
      const unknown: never = command;
      throw new UnknownCommandError(unknown);
    }
  }
};

const create = ({ payload }: MessageOf<typeof CreateOrder>, state: Order): OrderEvent[] => {
  if (state.status !== 'NONE') throw new OrderRuleError('ORDER_ALREADY_EXISTS', 'The order exists already');
  return [OrderCreated.of({ ...payload, total: orderTotal(payload.items) })];
};

const addItem = ({ payload: item }: MessageOf<typeof AddOrderItem>, state: Order): OrderEvent[] => {
  const order = pending(state);
  if (order.items.length >= limits.itemsPerOrder.max) {
    throw new OrderRuleError(
      'ORDER_TOO_MANY_ITEMS',
      `An order holds at most ${limits.itemsPerOrder.max} items`,
    );
  }
  return [OrderItemAdded.of({ item, total: order.total + item.quantity * item.unitPrice })];
};

const cancel = ({ payload }: MessageOf<typeof CancelOrder>, state: Order): OrderEvent[] => {
  pending(state);
  return [OrderCancelled.of(payload)];
};

const confirm = ({ payload }: MessageOf<typeof ConfirmOrder>, state: Order): OrderEvent[] => {
  const order = pending(state);
  if (payload.amountPaid < order.total) {
    throw new OrderRuleError(
      'ORDER_UNDERPAID',
      `Paid ${payload.amountPaid} of a total of ${order.total}: an order is confirmed only when fully paid`,
    );
  }
  return [OrderConfirmed.of(payload)];
};

type ExistingOrder = Exclude<Order, { status: 'NONE' }>;

const pending = (state: Order): ExistingOrder & { status: Extract<OrderStatus, 'PENDING'> } => {
  if (state.status === 'NONE') throw new OrderRuleError('ORDER_NOT_FOUND', 'The order does not exist');
  if (state.status !== 'PENDING') {
    throw new OrderRuleError('ORDER_NOT_PENDING', `The order is ${state.status.toLowerCase()}, not pending`);
  }
  return state as ExistingOrder & { status: 'PENDING' };
};
