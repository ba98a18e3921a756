import {
  AddOrderItem,
  CancelOrder,
  ConfirmOrder,
  CreateOrder,
  OrderCancelled,
  OrderConfirmed,
  OrderCreated,
  type OrderItem,
  OrderItemAdded,
} from '@causeway/contracts';
import { DeciderSpecification } from '@causeway/kernel/testing';
import { describe, it } from 'vitest';
import { orderDecider } from './orderDecider.js';
import { OrderRuleError } from './orderRuleError.js';

const given = DeciderSpecification.for(orderDecider);

const book: OrderItem = { sku: 'BOOK-1', quantity: 2, unitPrice: 1_500 };
const pen: OrderItem = { sku: 'PEN.blue', quantity: 3, unitPrice: 250 };
const createOrder = (items = [book]) => CreateOrder.of({ customerId: 'c-1', items });
const orderCreated = () => OrderCreated.of({ customerId: 'c-1', items: [book], total: 3_000 });
const orderConfirmed = () => OrderConfirmed.of({ paymentId: 'p-1', amountPaid: 3_000 });
const orderCancelled = () => OrderCancelled.of({ reason: 'payment declined' });
const many = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ sku: `SKU-${i}`, quantity: 1, unitPrice: 1 }));

describe('a new order', () => {
  it('is created with the total computed from its items', () =>
    given([])
      .when(createOrder([book, pen]))
      .thenEvents([OrderCreated.of({ customerId: 'c-1', items: [book, pen], total: 3_750 })]));

  it('cannot be created twice', () =>
    given([orderCreated()]).when(createOrder()).thenThrows(OrderRuleError, 'ORDER_ALREADY_EXISTS'));

  it.each([
    ['an item added', AddOrderItem.of(pen)],
    ['a cancel', CancelOrder.of({ reason: 'changed my mind' })],
    ['a confirmation', ConfirmOrder.of({ paymentId: 'p-1', amountPaid: 1 })],
  ])('that does not exist refuses %s', (_, command) =>
    given([]).when(command).thenThrows(OrderRuleError, 'ORDER_NOT_FOUND'),
  );
});

describe('a pending order', () => {
  it('takes an item and raises its total', () =>
    given([orderCreated()])
      .when(AddOrderItem.of(pen))
      .thenEvents([OrderItemAdded.of({ item: pen, total: 3_750 })]));

  it('adds to the total of earlier added items', () =>
    given([orderCreated(), OrderItemAdded.of({ item: pen, total: 3_750 })])
      .when(AddOrderItem.of(book))
      .thenEvents([OrderItemAdded.of({ item: book, total: 6_750 })]));

  it('refuses the 101st item', () =>
    given([OrderCreated.of({ customerId: 'c-1', items: many(100), total: 100 })])
      .when(AddOrderItem.of(pen))
      .thenThrows(OrderRuleError, 'ORDER_TOO_MANY_ITEMS'));

  it('can be cancelled', () =>
    given([orderCreated()])
      .when(CancelOrder.of({ reason: 'payment declined' }))
      .thenEvents([orderCancelled()]));

  it('is confirmed when paid in full', () =>
    given([orderCreated()])
      .when(ConfirmOrder.of({ paymentId: 'p-1', amountPaid: 3_000 }))
      .thenEvents([orderConfirmed()]));

  it('is confirmed when paid more than its total', () =>
    given([orderCreated()])
      .when(ConfirmOrder.of({ paymentId: 'p-1', amountPaid: 3_001 }))
      .thenEvents([OrderConfirmed.of({ paymentId: 'p-1', amountPaid: 3_001 })]));

  it('is not confirmed when underpaid', () =>
    given([orderCreated()])
      .when(ConfirmOrder.of({ paymentId: 'p-1', amountPaid: 2_999 }))
      .thenThrows(OrderRuleError, 'ORDER_UNDERPAID'));

  it('is not confirmed for the old total after an item was added', () =>
    given([orderCreated(), OrderItemAdded.of({ item: pen, total: 3_750 })])
      .when(ConfirmOrder.of({ paymentId: 'p-1', amountPaid: 3_000 }))
      .thenThrows(OrderRuleError, 'ORDER_UNDERPAID'));
});

describe.each([
  ['a confirmed order', orderConfirmed],
  ['a cancelled order', orderCancelled],
])('%s', (_, finished) => {
  it.each([
    ['new items', AddOrderItem.of(pen)],
    ['a cancel', CancelOrder.of({ reason: 'too late' })],
    ['a confirmation', ConfirmOrder.of({ paymentId: 'p-2', amountPaid: 3_000 })],
  ])('refuses %s', (_, command) =>
    given([orderCreated(), finished()]).when(command).thenThrows(OrderRuleError, 'ORDER_NOT_PENDING'),
  );
});
