import {
  PaymentFailed,
  PaymentProcessed,
  PaymentRefunded,
  ProcessPayment,
  RefundPayment,
} from '@causeway/contracts';
import { DeciderSpecification } from '@causeway/kernel/testing';
import { describe, it } from 'vitest';
import type { GatewayAnswer } from './gatewayAnswer.js';
import { paymentDecider } from './paymentDecider.js';
import { PaymentRuleError } from './paymentRuleError.js';

const paymentId = 'o-1-pay-1';
const orderId = 'o-1';
const given = (answer?: GatewayAnswer) => DeciderSpecification.for(paymentDecider(answer));

const approved = (amount = 3_000): GatewayAnswer => ({ type: 'CHARGE_APPROVED', paymentId, amount });
const declined: GatewayAnswer = { type: 'CHARGE_DECLINED', paymentId, reason: 'amount above limit' };
const refundAccepted = (amount = 3_000): GatewayAnswer => ({ type: 'REFUND_ACCEPTED', paymentId, amount });

const processPayment = (amount = 3_000, order = orderId) => ProcessPayment.of({ orderId: order, amount });
const refundPayment = (amount = 3_000, order = orderId) =>
  RefundPayment.of({ paymentId, orderId: order, amount });
const processed = (amount = 3_000) => PaymentProcessed.of({ paymentId, orderId, amount });
const failed = PaymentFailed.of({ orderId, reason: 'amount above limit' });
const refunded = (amount = 3_000) => PaymentRefunded.of({ paymentId, orderId, amount });

describe('a new payment', () => {
  it('is processed when the gateway approves the charge', () =>
    given(approved())([]).when(processPayment()).thenEvents([processed()]));

  it('fails with the reason the gateway declined it for', () =>
    given(declined)([]).when(processPayment()).thenEvents([failed]));

  it('is never decided without the gateway answer', () =>
    given()([]).when(processPayment()).thenThrows(PaymentRuleError, 'GATEWAY_ANSWER_MISSING'));

  it('refuses an answer for another amount under the same payment id', () =>
    given(approved(2_000))([]).when(processPayment(3_000)).thenThrows(PaymentRuleError, 'PAYMENT_ID_REUSED'));

  it('cannot be refunded', () =>
    given(refundAccepted())([]).when(refundPayment()).thenThrows(PaymentRuleError, 'PAYMENT_NOT_PROCESSED'));
});

describe('a processed payment', () => {
  it('is not charged again by a second PROCESS_PAYMENT for the same payment', () =>
    given(approved())([processed()]).when(processPayment()).thenNothing());

  it('refuses a PROCESS_PAYMENT for another order or amount under its id', () => {
    given(approved())([processed()])
      .when(processPayment(4_000))
      .thenThrows(PaymentRuleError, 'PAYMENT_ID_REUSED');
    given(approved())([processed()])
      .when(processPayment(3_000, 'o-2'))
      .thenThrows(PaymentRuleError, 'PAYMENT_ID_REUSED');
  });

  it('is refunded when the gateway accepts the refund', () =>
    given(refundAccepted())([processed()]).when(refundPayment()).thenEvents([refunded()]));

  it('may be refunded in part', () =>
    given(refundAccepted(1_000))([processed()])
      .when(refundPayment(1_000))
      .thenEvents([refunded(1_000)]));

  it('refuses a refund above the amount processed', () =>
    given(refundAccepted(3_001))([processed()])
      .when(refundPayment(3_001))
      .thenThrows(PaymentRuleError, 'REFUND_EXCEEDS_PAYMENT'));

  it('refuses a refund for another order', () =>
    given(refundAccepted())([processed()])
      .when(refundPayment(3_000, 'o-2'))
      .thenThrows(PaymentRuleError, 'REFUND_ORDER_MISMATCH'));

  it('refuses a refund the gateway refused', () =>
    given({ type: 'REFUND_REFUSED', paymentId, reason: 'the gateway said no' })([processed()])
      .when(refundPayment())
      .thenThrows(PaymentRuleError, 'REFUND_REFUSED'));

  it('is never refunded without the gateway answer', () =>
    given()([processed()]).when(refundPayment()).thenThrows(PaymentRuleError, 'GATEWAY_ANSWER_MISSING'));
});

describe('a failed payment', () => {
  it('stays failed when the same payment is asked again', () =>
    given(declined)([failed]).when(processPayment()).thenNothing());

  it('cannot be refunded', () =>
    given(refundAccepted())([failed])
      .when(refundPayment())
      .thenThrows(PaymentRuleError, 'PAYMENT_NOT_PROCESSED'));
});

describe('a refunded payment', () => {
  it('is refunded only once', () =>
    given(refundAccepted())([processed(), refunded()])
      .when(refundPayment())
      .thenThrows(PaymentRuleError, 'PAYMENT_ALREADY_REFUNDED'));

  it('is not charged again', () =>
    given(approved())([processed(), refunded()]).when(processPayment()).thenNothing());
});
