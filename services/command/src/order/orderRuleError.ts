import { DomainRuleError } from '@causeway/kernel';

export type OrderRuleCode =
  | 'ORDER_ALREADY_EXISTS'
  | 'ORDER_NOT_FOUND'
  | 'ORDER_NOT_PENDING'
  | 'ORDER_TOO_MANY_ITEMS'
  | 'ORDER_UNDERPAID';

/** An order rule refused a command. The HTTP edge maps the codes to 404, 409 or 422. */
export class OrderRuleError extends DomainRuleError<OrderRuleCode> {}
