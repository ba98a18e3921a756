import { CausewayError } from './causewayError.js';

/** A business rule refused a command. `code` is stable (e.g. `ORDER_NOT_PENDING`); the edge maps it to 409/422. */
export class DomainRuleError<Code extends string = string> extends CausewayError {
  constructor(
    readonly code: Code,
    message: string,
  ) {
    super(message);
  }
}

export const isDomainRuleError = (error: unknown): error is DomainRuleError =>
  error instanceof DomainRuleError;
