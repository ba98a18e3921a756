import { isIdempotencyKeyReusedError } from '@causeway/event-store';
import { isConcurrencyError, isDomainRuleError } from '@causeway/kernel';
import {
  IdempotencyKeyReusedError,
  PreconditionFailedError,
  ProblemError,
  problemTypes,
} from '@causeway/service-kit';
import type { OrderRuleCode } from '../order/orderRuleError.js';

/**
 * The HTTP status of each order rule, in one table: a missing order is 404; a request that can
 * never succeed as sent is 422; a state that has moved on (or an order that exists already) 409.
 */
export const orderRuleStatus: Readonly<Record<OrderRuleCode, 404 | 409 | 422>> = {
  ORDER_NOT_FOUND: 404,
  ORDER_UNDERPAID: 422,
  ORDER_TOO_MANY_ITEMS: 422,
  ORDER_ALREADY_EXISTS: 409,
  ORDER_NOT_PENDING: 409,
};

const isOrderRuleCode = (code: string): code is OrderRuleCode => Object.hasOwn(orderRuleStatus, code);

/**
 * What a failed order command means to an HTTP client; errors it does not own pass through to
 * service-kit's problem mapping (a plain `ConcurrencyError` there is 409 with `currentVersion`).
 * Under `If-Match`, any conflict is the caller's stale version: 412.
 */
export const toHttpError = (error: unknown, expectedVersion: number | undefined): unknown => {
  if (isConcurrencyError(error) && expectedVersion !== undefined) {
    return PreconditionFailedError.fromConcurrencyError(expectedVersion, error);
  }
  if (isIdempotencyKeyReusedError(error)) return new IdempotencyKeyReusedError(error.key);
  if (isDomainRuleError(error) && isOrderRuleCode(error.code)) {
    const status = orderRuleStatus[error.code];
    return new ProblemError({
      status,
      type: status === 404 ? problemTypes.notFound : problemTypes.ruleViolation,
      title: status === 404 ? 'Not found' : 'Business rule violated',
      detail: error.message,
      extensions: { code: error.code },
    });
  }
  return error;
};
