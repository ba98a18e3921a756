import type { PaymentEvent } from '@causeway/contracts';
import type { Payment } from './payment.js';

export const evolve = (state: Payment, event: PaymentEvent): Payment => {
  switch (event.type) {
    case 'PAYMENT_PROCESSED':
      return { status: 'PROCESSED', orderId: event.payload.orderId, amount: event.payload.amount };
    case 'PAYMENT_FAILED':
      return { status: 'FAILED', orderId: event.payload.orderId, reason: event.payload.reason };
    case 'PAYMENT_REFUNDED':
      return state.status === 'PROCESSED'
        ? { ...state, status: 'REFUNDED', refunded: event.payload.amount }
        : state;
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
};
