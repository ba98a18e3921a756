import type { z } from 'zod';
import { CausewayError } from './causewayError.js';

export interface ValidationIssue {
  /** Dotted path of the failing field, e.g. `payload.items.0.quantity`; empty for the value itself. */
  path: string;
  message: string;
}

/** Input did not match its schema. The message names every failing field. */
export class ValidationError extends CausewayError {
  readonly code = 'VALIDATION_FAILED';

  constructor(
    readonly subject: string,
    readonly issues: readonly ValidationIssue[],
  ) {
    super(`Invalid ${subject}: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`);
  }

  static fromZod(
    subject: string,
    error: z.ZodError,
    pathPrefix: readonly PropertyKey[] = [],
  ): ValidationError {
    return new ValidationError(
      subject,
      error.issues.map((issue) => ({
        path: [...pathPrefix, ...issue.path].map(String).join('.'),
        message: issue.message,
      })),
    );
  }
}

export const isValidationError = (error: unknown): error is ValidationError =>
  error instanceof ValidationError;
