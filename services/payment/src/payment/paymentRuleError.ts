import { DomainRuleError } from '@causeway/kernel';

export type PaymentRuleCode =
  | 'PAYMENT_ID_REUSED'
  | 'PAYMENT_NOT_PROCESSED'
  | 'PAYMENT_ALREADY_REFUNDED'
  | 'REFUND_EXCEEDS_PAYMENT'
  | 'REFUND_ORDER_MISMATCH'
  | 'REFUND_REFUSED'
  | 'GATEWAY_ANSWER_MISSING';

/** A payment rule refused a command. The command consumer acknowledges it: retrying cannot help. */
export class PaymentRuleError extends DomainRuleError<PaymentRuleCode> {}
