export type PaymentStatus = 'REQUESTED' | 'PROCESSED' | 'FAILED' | 'REFUND_REQUESTED' | 'REFUNDED';

export interface PaymentAttempt {
  paymentId: string;
  amount: number;
  status: PaymentStatus;
}

/** One order's saga, as persisted: what it knows of the order and of every payment it asked for. */
export interface OrderSagaState {
  orderId: string;
  total: number;
  order: 'PENDING' | 'CONFIRMED' | 'CANCELLED';
  /** What the saga asked of the order. Once it asked to cancel, it never asks to confirm. */
  requested: 'NONE' | 'CONFIRM' | 'CANCEL';
  payments: PaymentAttempt[];
  /** ISO time after which an unanswered payment request cancels the order. */
  paymentDeadline?: string;
}

/** Money actually held for the order: processed payments not yet asked back. */
export const charged = (state: OrderSagaState): number =>
  state.payments.filter((p) => p.status === 'PROCESSED').reduce((sum, p) => sum + p.amount, 0);

export const awaitingPayment = (state: OrderSagaState): boolean =>
  state.payments.some((p) => p.status === 'REQUESTED');

/** Finished: confirmed, or cancelled with every payment answered and every charge refunded. */
export const isFinished = (state: OrderSagaState): boolean =>
  state.order === 'CONFIRMED' ||
  (state.order === 'CANCELLED' &&
    state.payments.every((p) => p.status === 'FAILED' || p.status === 'REFUNDED'));
