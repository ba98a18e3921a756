import { awaitingPayment, charged, type OrderSagaState, type PaymentStatus } from './orderSagaState.js';
import type { Reaction, SagaCommand, SagaContext, SagaInput } from './sagaMessages.js';

/**
 * The order saga, pure: given its state and one input, the next state and the commands to send.
 * Invariants it keeps: it confirms only when the processed payments cover the total and none is
 * in flight; once it asked to cancel it never asks to confirm; every payment processed for an
 * order that ends cancelled is refunded.
 */
export const react = (
  state: OrderSagaState | undefined,
  input: SagaInput,
  context: SagaContext,
): Reaction => {
  if (input.type === 'ORDER_CREATED') {
    if (state) return { state, commands: [] };
    const created: OrderSagaState = {
      orderId: input.aggregateId,
      total: input.payload.total,
      order: 'PENDING',
      requested: 'NONE',
      payments: [],
    };
    return advance(created, context);
  }
  if (!state) return { state, commands: [] };
  switch (input.type) {
    case 'ORDER_ITEM_ADDED':
      return itemAdded(state, input.payload.total, context);
    case 'ORDER_CONFIRMED':
      return { state: withoutDeadline({ ...state, order: 'CONFIRMED' }), commands: [] };
    case 'ORDER_CANCELLED':
      return refundCharges(withoutDeadline({ ...state, order: 'CANCELLED' }));
    case 'PAYMENT_PROCESSED':
      return paymentProcessed(state, input.payload.paymentId, context);
    case 'PAYMENT_FAILED':
      return paymentFailed(state, input.aggregateId);
    case 'PAYMENT_REFUNDED':
      return { state: setStatus(state, input.payload.paymentId, 'REFUNDED'), commands: [] };
    case 'PAYMENT_TIMED_OUT':
      return timedOut(state);
    default: {
      const unknown: never = input;
      return unknown;
    }
  }
};

const itemAdded = (state: OrderSagaState, total: number, context: SagaContext): Reaction => {
  const next = { ...state, total };
  // A confirmation sent for the old total will be refused as underpaid: charge the rest instead.
  if (next.requested === 'CONFIRM' && charged(next) < total)
    return advance({ ...next, requested: 'NONE' }, context);
  return advance(next, context);
};

const paymentProcessed = (state: OrderSagaState, paymentId: string, context: SagaContext): Reaction => {
  const attempt = state.payments.find((p) => p.paymentId === paymentId);
  if (attempt?.status !== 'REQUESTED') return { state, commands: [] };
  const next = setStatus(state, paymentId, 'PROCESSED');
  return next.order === 'CANCELLED' ? refundCharges(next) : advance(next, context);
};

const paymentFailed = (state: OrderSagaState, paymentId: string): Reaction => {
  const attempt = state.payments.find((p) => p.paymentId === paymentId);
  if (attempt?.status !== 'REQUESTED') return { state, commands: [] };
  return requestCancel(setStatus(state, paymentId, 'FAILED'), 'cancel-declined', 'payment declined');
};

const timedOut = (state: OrderSagaState): Reaction =>
  awaitingPayment(state)
    ? requestCancel(state, 'cancel-timeout', 'payment timed out')
    : { state: withoutDeadline(state), commands: [] };

/** While the order is pending and nothing is in flight: charge what is outstanding, or confirm. */
const advance = (state: OrderSagaState, context: SagaContext): Reaction => {
  if (state.order !== 'PENDING' || state.requested !== 'NONE' || awaitingPayment(state)) {
    return { state, commands: [] };
  }
  const paid = charged(state);
  const processed = state.payments.filter((p) => p.status === 'PROCESSED');
  const last = processed.at(-1);
  if (last && paid >= state.total) {
    const confirm: SagaCommand = {
      type: 'CONFIRM_ORDER',
      step: `confirm-${state.payments.length}`,
      aggregateId: state.orderId,
      payload: { paymentId: last.paymentId, amountPaid: paid },
    };
    return { state: withoutDeadline({ ...state, requested: 'CONFIRM' }), commands: [confirm] };
  }
  const paymentId = `${state.orderId}-pay-${state.payments.length + 1}`;
  const amount = state.total - paid;
  const pay: SagaCommand = {
    type: 'PROCESS_PAYMENT',
    step: `pay-${state.payments.length + 1}`,
    aggregateId: paymentId,
    payload: { orderId: state.orderId, amount },
  };
  const next: OrderSagaState = {
    ...state,
    payments: [...state.payments, { paymentId, amount, status: 'REQUESTED' }],
    paymentDeadline: new Date(context.now + context.paymentTimeoutMs).toISOString(),
  };
  return { state: next, commands: [pay] };
};

/**
 * The step names the cause: the timer and the event path may each decide a cancel from the same
 * state (after a crash before either committed), and a step id must never stand for two
 * different commands. Should both go out, the order takes the first and refuses the second.
 */
const requestCancel = (state: OrderSagaState, step: string, reason: string): Reaction => {
  if (state.order !== 'PENDING' || state.requested === 'CANCEL')
    return { state: withoutDeadline(state), commands: [] };
  const cancel: SagaCommand = {
    type: 'CANCEL_ORDER',
    step,
    aggregateId: state.orderId,
    payload: { reason },
  };
  return { state: withoutDeadline({ ...state, requested: 'CANCEL' }), commands: [cancel] };
};

/** The order is cancelled: ask back every charge still held. */
const refundCharges = (state: OrderSagaState): Reaction => {
  const toRefund = state.payments.filter((p) => p.status === 'PROCESSED');
  const commands: SagaCommand[] = toRefund.map((p) => ({
    type: 'REFUND_PAYMENT',
    step: `refund-${p.paymentId}`,
    aggregateId: p.paymentId,
    payload: { paymentId: p.paymentId, orderId: state.orderId, amount: p.amount },
  }));
  const next = toRefund.reduce((s, p) => setStatus(s, p.paymentId, 'REFUND_REQUESTED'), state);
  return { state: next, commands };
};

const setStatus = (state: OrderSagaState, paymentId: string, status: PaymentStatus): OrderSagaState => ({
  ...state,
  payments: state.payments.map((p) => (p.paymentId === paymentId ? { ...p, status } : p)),
});

const withoutDeadline = ({ paymentDeadline: _, ...state }: OrderSagaState): OrderSagaState => state;
