import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isFinished, type OrderSagaState } from './orderSagaState.js';
import { react } from './react.js';
import type { SagaCommand, SagaInput } from './sagaMessages.js';

/**
 * A small model of the whole flow (order aggregate, payment gateway, event log, command queues)
 * driven by random interleavings: customers add items and cancel at any moment, payments are
 * approved, declined or slow, timers fire early or late, commands are delivered in any order.
 * Whatever happens, once everything is delivered the order is CONFIRMED and paid exactly its
 * total, or CANCELLED with nothing charged.
 */
type Action =
  | 'deliver-event'
  | 'deliver-order-command'
  | 'deliver-payment-command'
  | 'add-item'
  | 'cancel'
  | 'timeout';

const simulate = (choices: { action: Action; pick: number; amount: number; declineAbove: number }[]) => {
  const orderId = 'o-1';
  const order = { status: 'PENDING' as 'PENDING' | 'CONFIRMED' | 'CANCELLED', total: 1_000 };
  const payments = new Map<string, { amount: number; state: 'PROCESSED' | 'FAILED' | 'REFUNDED' }>();
  const log: SagaInput[] = [
    {
      type: 'ORDER_CREATED',
      aggregateId: orderId,
      payload: { customerId: 'c', items: [{ sku: 'A', quantity: 1, unitPrice: 1_000 }], total: 1_000 },
    },
  ];
  let cursor = 0;
  let saga: OrderSagaState | undefined;
  const orderQueue: SagaCommand[] = [];
  const paymentQueue: SagaCommand[] = [];
  const sentSteps = new Set<string>();
  let declineAbove = Number.POSITIVE_INFINITY;

  const feedSaga = (input: SagaInput) => {
    const reaction = react(saga, input, { now: 0, paymentTimeoutMs: 1 });
    saga = reaction.state;
    for (const command of reaction.commands) {
      expect(sentSteps.has(command.step), `step ${command.step} decided twice`).toBe(false);
      sentSteps.add(command.step);
      (command.type === 'CONFIRM_ORDER' || command.type === 'CANCEL_ORDER' ? orderQueue : paymentQueue).push(
        command,
      );
    }
  };
  const orderCommand = (command: SagaCommand | { type: 'ADD' | 'CUSTOMER_CANCEL'; amount: number }) => {
    if (order.status !== 'PENDING') return;
    if (command.type === 'ADD') {
      order.total += command.amount;
      log.push({
        type: 'ORDER_ITEM_ADDED',
        aggregateId: orderId,
        payload: { item: { sku: 'B', quantity: 1, unitPrice: command.amount }, total: order.total },
      });
    } else if (command.type === 'CUSTOMER_CANCEL' || command.type === 'CANCEL_ORDER') {
      order.status = 'CANCELLED';
      log.push({ type: 'ORDER_CANCELLED', aggregateId: orderId, payload: { reason: 'r' } });
    } else if (command.type === 'CONFIRM_ORDER' && command.payload.amountPaid >= order.total) {
      order.status = 'CONFIRMED';
      log.push({ type: 'ORDER_CONFIRMED', aggregateId: orderId, payload: command.payload });
    }
  };
  const paymentCommand = (command: SagaCommand) => {
    const known = payments.get(command.aggregateId);
    if (command.type === 'PROCESS_PAYMENT' && !known) {
      const approved = command.payload.amount <= declineAbove;
      payments.set(command.aggregateId, {
        amount: command.payload.amount,
        state: approved ? 'PROCESSED' : 'FAILED',
      });
      log.push(
        approved
          ? {
              type: 'PAYMENT_PROCESSED',
              aggregateId: command.aggregateId,
              payload: { paymentId: command.aggregateId, orderId, amount: command.payload.amount },
            }
          : {
              type: 'PAYMENT_FAILED',
              aggregateId: command.aggregateId,
              payload: { orderId, reason: 'declined' },
            },
      );
    } else if (command.type === 'REFUND_PAYMENT' && known?.state === 'PROCESSED') {
      known.state = 'REFUNDED';
      log.push({ type: 'PAYMENT_REFUNDED', aggregateId: command.aggregateId, payload: command.payload });
    }
  };
  const take = (queue: SagaCommand[], pick: number) => queue.splice(pick % queue.length, 1)[0] as SagaCommand;

  for (const { action, pick, amount, declineAbove: limit } of choices) {
    declineAbove = limit;
    if (action === 'deliver-event' && cursor < log.length) feedSaga(log[cursor++] as SagaInput);
    if (action === 'deliver-order-command' && orderQueue.length > 0) orderCommand(take(orderQueue, 0));
    if (action === 'deliver-payment-command' && paymentQueue.length > 0)
      paymentCommand(take(paymentQueue, pick));
    if (action === 'add-item') orderCommand({ type: 'ADD', amount });
    if (action === 'cancel') orderCommand({ type: 'CUSTOMER_CANCEL', amount: 0 });
    if (action === 'timeout' && saga?.paymentDeadline)
      feedSaga({ type: 'PAYMENT_TIMED_OUT', aggregateId: orderId });
  }
  // Drain: every message is delivered, payments always answer, no customer acts any more.
  declineAbove = Number.POSITIVE_INFINITY;
  for (let guard = 0; guard < 1_000; guard++) {
    if (cursor < log.length) feedSaga(log[cursor++] as SagaInput);
    else if (orderQueue.length > 0) orderCommand(take(orderQueue, 0));
    else if (paymentQueue.length > 0) paymentCommand(take(paymentQueue, 0));
    else break;
  }
  const net = [...payments.values()].reduce((sum, p) => sum + (p.state === 'PROCESSED' ? p.amount : 0), 0);
  return { order, net, saga };
};

const action = fc.constantFrom<Action>(
  'deliver-event',
  'deliver-event',
  'deliver-order-command',
  'deliver-payment-command',
  'add-item',
  'cancel',
  'timeout',
);

describe('the order saga under any interleaving', () => {
  it('always ends confirmed and paid exactly, or cancelled with nothing charged', () =>
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            action,
            pick: fc.nat(),
            amount: fc.integer({ min: 0, max: 500 }),
            declineAbove: fc.constantFrom(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, 200),
          }),
          { maxLength: 60 },
        ),
        (choices) => {
          const { order, net, saga } = simulate(choices);
          expect(order.status).not.toBe('PENDING');
          expect(net).toBe(order.status === 'CONFIRMED' ? order.total : 0);
          expect(saga && isFinished(saga)).toBe(true);
        },
      ),
      { numRuns: 2_000 },
    ));
});
