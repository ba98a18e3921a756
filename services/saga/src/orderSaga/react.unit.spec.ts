import { describe, expect, it } from 'vitest';
import type { OrderSagaState } from './orderSagaState.js';
import { react } from './react.js';
import type { Reaction, SagaInput } from './sagaMessages.js';

const context = { now: Date.parse('2026-01-01T00:00:00Z'), paymentTimeoutMs: 30_000 };
const orderId = 'o-1';
const pay = (n: number) => `${orderId}-pay-${n}`;

const run = (inputs: SagaInput[]): Reaction => {
  let reaction: Reaction = { state: undefined, commands: [] };
  for (const input of inputs) reaction = react(reaction.state, input, context);
  return reaction;
};
const stateAfter = (inputs: SagaInput[]): OrderSagaState | undefined => run(inputs).state;

const created = (total = 3_000): SagaInput => ({
  type: 'ORDER_CREATED',
  aggregateId: orderId,
  payload: { customerId: 'c-1', items: [{ sku: 'A', quantity: 1, unitPrice: total }], total },
});
const itemAdded = (total: number): SagaInput => ({
  type: 'ORDER_ITEM_ADDED',
  aggregateId: orderId,
  payload: { item: { sku: 'B', quantity: 1, unitPrice: 1 }, total },
});
const processed = (n: number, amount: number): SagaInput => ({
  type: 'PAYMENT_PROCESSED',
  aggregateId: pay(n),
  payload: { paymentId: pay(n), orderId, amount },
});
const failed = (n: number): SagaInput => ({
  type: 'PAYMENT_FAILED',
  aggregateId: pay(n),
  payload: { orderId, reason: 'declined' },
});
const refunded = (n: number, amount: number): SagaInput => ({
  type: 'PAYMENT_REFUNDED',
  aggregateId: pay(n),
  payload: { paymentId: pay(n), orderId, amount },
});
const cancelled: SagaInput = {
  type: 'ORDER_CANCELLED',
  aggregateId: orderId,
  payload: { reason: 'customer' },
};
const confirmed: SagaInput = {
  type: 'ORDER_CONFIRMED',
  aggregateId: orderId,
  payload: { paymentId: pay(1), amountPaid: 3_000 },
};
const timedOut: SagaInput = { type: 'PAYMENT_TIMED_OUT', aggregateId: orderId };

describe('the order saga', () => {
  it('charges the total when an order is created, with a deadline', () => {
    const { state, commands } = run([created()]);
    expect(commands).toEqual([
      {
        type: 'PROCESS_PAYMENT',
        step: 'pay-1',
        aggregateId: pay(1),
        payload: { orderId, amount: 3_000 },
      },
    ]);
    expect(state?.paymentDeadline).toBe('2026-01-01T00:00:30.000Z');
  });

  it('confirms once the payment covers the total', () => {
    const { state, commands } = run([created(), processed(1, 3_000)]);
    expect(commands).toEqual([
      {
        type: 'CONFIRM_ORDER',
        step: 'confirm-1',
        aggregateId: orderId,
        payload: { paymentId: pay(1), amountPaid: 3_000 },
      },
    ]);
    expect(state?.paymentDeadline).toBeUndefined();
  });

  it('asks the order to cancel when the payment is declined', () => {
    expect(run([created(), failed(1)]).commands).toEqual([
      {
        type: 'CANCEL_ORDER',
        step: 'cancel-declined',
        aggregateId: orderId,
        payload: { reason: 'payment declined' },
      },
    ]);
  });

  it('cancels on timeout and refunds the payment that arrives late', () => {
    expect(run([created(), timedOut]).commands).toMatchObject([
      { type: 'CANCEL_ORDER', payload: { reason: 'payment timed out' } },
    ]);
    expect(run([created(), timedOut, processed(1, 3_000)]).commands).toEqual([]);
    expect(run([created(), timedOut, processed(1, 3_000), cancelled]).commands).toEqual([
      {
        type: 'REFUND_PAYMENT',
        step: `refund-${pay(1)}`,
        aggregateId: pay(1),
        payload: { paymentId: pay(1), orderId, amount: 3_000 },
      },
    ]);
  });

  it('refunds a payment processed after a customer cancel, and never confirms', () => {
    const { commands } = run([created(), cancelled, processed(1, 3_000)]);
    expect(commands.map((c) => c.type)).toEqual(['REFUND_PAYMENT']);
  });

  it('charges what is outstanding after an item is added during the payment', () => {
    const { commands } = run([created(), itemAdded(3_500), processed(1, 3_000)]);
    expect(commands).toEqual([
      { type: 'PROCESS_PAYMENT', step: 'pay-2', aggregateId: pay(2), payload: { orderId, amount: 500 } },
    ]);
    expect(run([created(), itemAdded(3_500), processed(1, 3_000), processed(2, 500)]).commands).toMatchObject(
      [{ type: 'CONFIRM_ORDER', payload: { paymentId: pay(2), amountPaid: 3_500 } }],
    );
  });

  it('charges again when an item lands after the confirmation was sent', () => {
    const { state, commands } = run([created(), processed(1, 3_000), itemAdded(4_000)]);
    expect(state?.requested).toBe('NONE');
    expect(commands).toMatchObject([{ type: 'PROCESS_PAYMENT', step: 'pay-2', payload: { amount: 1_000 } }]);
  });

  it('ignores redelivered inputs', () => {
    const once = run([created(), processed(1, 3_000)]);
    expect(react(once.state, processed(1, 3_000), context).commands).toEqual([]);
    expect(react(once.state, created(), context).commands).toEqual([]);
  });

  it('is finished when confirmed, or cancelled with everything refunded', () => {
    expect(stateAfter([created(), processed(1, 3_000), confirmed])?.order).toBe('CONFIRMED');
    const refundedState = stateAfter([created(), cancelled, processed(1, 3_000), refunded(1, 3_000)]);
    expect(refundedState?.payments).toEqual([{ paymentId: pay(1), amount: 3_000, status: 'REFUNDED' }]);
  });

  it('never names two different commands with one step, whichever path decides from a state', () => {
    // After a crash before commit, the timer and the redelivered event may both decide from the
    // same stored state; their command ids come from the step, so equal steps must be equal commands.
    const inputs = [failed(1), timedOut, processed(1, 3_000), cancelled, itemAdded(3_500)];
    for (const history of [[created()], [created(), itemAdded(3_500), processed(1, 3_000)]]) {
      const state = stateAfter(history);
      const byStep = new Map<string, unknown>();
      for (const input of inputs) {
        for (const command of react(state, input, context).commands) {
          if (byStep.has(command.step)) expect(command).toEqual(byStep.get(command.step));
          byStep.set(command.step, command);
        }
      }
    }
  });

  it('ignores a timer that fires when no payment is awaited', () => {
    expect(run([created(), processed(1, 3_000), timedOut]).commands).toEqual([]);
  });
});
