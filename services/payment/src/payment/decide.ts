import {
  type PaymentCommand,
  type PaymentEvent,
  PaymentFailed,
  PaymentProcessed,
  PaymentRefunded,
  type ProcessPayment,
  type RefundPayment,
} from '@causeway/contracts';
import { type MessageOf, UnknownCommandError } from '@causeway/kernel';
import type { GatewayAnswer } from './gatewayAnswer.js';
import type { Payment } from './payment.js';
import { PaymentRuleError } from './paymentRuleError.js';

/** Decides with the gateway's answer to this very command (undefined when it was not asked). */
export const decide =
  (answer: GatewayAnswer | undefined) =>
  (command: PaymentCommand, state: Payment): PaymentEvent[] => {
    switch (command.type) {
      case 'PROCESS_PAYMENT':
        return processPayment(command, state, answer);
      case 'REFUND_PAYMENT':
        return refundPayment(command, state, answer);
      default: {
        const unknown: never = command;
        throw new UnknownCommandError(unknown);
      }
    }
  };

const processPayment = (
  { payload }: MessageOf<typeof ProcessPayment>,
  state: Payment,
  answer: GatewayAnswer | undefined,
): PaymentEvent[] => {
  if (state.status !== 'NONE') {
    // The same payment asked again (another command id for the same payment id): it was charged
    // or declined once, and that stands. Asking it for another order or amount is a mistake.
    const sameAmount = state.status === 'FAILED' || state.amount === payload.amount;
    if (state.orderId === payload.orderId && sameAmount) return [];
    throw new PaymentRuleError('PAYMENT_ID_REUSED', 'This payment id was used for another order or amount');
  }
  if (answer?.type === 'CHARGE_DECLINED') {
    return [PaymentFailed.of({ orderId: payload.orderId, reason: answer.reason })];
  }
  if (answer?.type !== 'CHARGE_APPROVED') {
    throw new PaymentRuleError(
      'GATEWAY_ANSWER_MISSING',
      'A payment is processed only with the gateway answer',
    );
  }
  if (answer.amount !== payload.amount) {
    // The gateway holds a charge of another amount under this payment id.
    throw new PaymentRuleError('PAYMENT_ID_REUSED', 'This payment id was charged for another amount');
  }
  return [
    PaymentProcessed.of({ paymentId: answer.paymentId, orderId: payload.orderId, amount: answer.amount }),
  ];
};

const refundPayment = (
  { payload }: MessageOf<typeof RefundPayment>,
  state: Payment,
  answer: GatewayAnswer | undefined,
): PaymentEvent[] => {
  if (state.status === 'REFUNDED') {
    throw new PaymentRuleError('PAYMENT_ALREADY_REFUNDED', 'The payment was refunded already');
  }
  if (state.status !== 'PROCESSED') {
    throw new PaymentRuleError('PAYMENT_NOT_PROCESSED', 'Only a processed payment can be refunded');
  }
  if (payload.orderId !== state.orderId) {
    throw new PaymentRuleError('REFUND_ORDER_MISMATCH', 'The payment belongs to another order');
  }
  if (payload.amount > state.amount) {
    throw new PaymentRuleError(
      'REFUND_EXCEEDS_PAYMENT',
      `Refund of ${payload.amount} exceeds the payment of ${state.amount}`,
    );
  }
  if (answer?.type === 'REFUND_REFUSED') throw new PaymentRuleError('REFUND_REFUSED', answer.reason);
  if (answer?.type !== 'REFUND_ACCEPTED') {
    throw new PaymentRuleError('GATEWAY_ANSWER_MISSING', 'A refund is recorded only with the gateway answer');
  }
  return [
    PaymentRefunded.of({ paymentId: payload.paymentId, orderId: payload.orderId, amount: answer.amount }),
  ];
};
