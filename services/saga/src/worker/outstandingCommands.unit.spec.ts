import { describe, expect, it } from 'vitest';
import type { OrderSagaState, PaymentAttempt } from '../orderSaga/orderSagaState.js';
import type { SentCommand } from '../schema/sagaHistory.js';
import { outstandingCommands } from './outstandingCommands.js';

const orderId = 'o-1';
const payment = (n: number, status: PaymentAttempt['status'], amount = 100): PaymentAttempt => ({
  paymentId: `${orderId}-pay-${n}`,
  amount,
  status,
});
const state = (patch: Partial<OrderSagaState>): OrderSagaState => ({
  orderId,
  total: 100,
  order: 'PENDING',
  requested: 'NONE',
  payments: [],
  ...patch,
});
const sent = (type: string, step: string, aggregateId = orderId): SentCommand => ({
  id: `id-${step}`,
  type,
  step,
  aggregateId,
  payload: {},
});

const pay1 = sent('PROCESS_PAYMENT', 'pay-1', `${orderId}-pay-1`);
const pay2 = sent('PROCESS_PAYMENT', 'pay-2', `${orderId}-pay-2`);
const confirm1 = sent('CONFIRM_ORDER', 'confirm-1');
const confirm2 = sent('CONFIRM_ORDER', 'confirm-2');
const cancel = sent('CANCEL_ORDER', 'cancel-timeout');
const refund1 = sent('REFUND_PAYMENT', `refund-${orderId}-pay-1`, `${orderId}-pay-1`);

describe('outstanding commands', () => {
  it('are the payments still requested', () => {
    expect(outstandingCommands(state({ payments: [payment(1, 'REQUESTED')] }), [pay1])).toEqual([pay1]);
    expect(outstandingCommands(state({ payments: [payment(1, 'PROCESSED')] }), [pay1])).toEqual([]);
  });

  it('are the latest confirm while the order is pending and the confirm is asked', () => {
    const payments = [payment(1, 'PROCESSED'), payment(2, 'PROCESSED')];
    const history = [pay1, confirm1, pay2, confirm2];
    expect(outstandingCommands(state({ payments, requested: 'CONFIRM' }), history)).toEqual([confirm2]);
    expect(
      outstandingCommands(state({ payments, requested: 'CONFIRM', order: 'CONFIRMED' }), history),
    ).toEqual([]);
  });

  it('are the cancel while the order is pending, and the refunds still asked once it is cancelled', () => {
    const asked = state({ payments: [payment(1, 'REQUESTED')], requested: 'CANCEL' });
    expect(outstandingCommands(asked, [pay1, cancel])).toEqual([pay1, cancel]);
    const refunding = state({
      payments: [payment(1, 'REFUND_REQUESTED')],
      requested: 'CANCEL',
      order: 'CANCELLED',
    });
    expect(outstandingCommands(refunding, [pay1, cancel, refund1])).toEqual([refund1]);
    const refunded = state({ payments: [payment(1, 'REFUNDED')], requested: 'CANCEL', order: 'CANCELLED' });
    expect(outstandingCommands(refunded, [pay1, cancel, refund1])).toEqual([]);
  });
});
