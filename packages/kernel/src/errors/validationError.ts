import type { z } from 'zod';
import { CausewayError } from './causewayError.js';

export interface ValidationIssue {
  /** Dotted path of the failing field, e.g. `payload.items.0.quantity`; empty for the value itself. */
  path: string;
  message: string;
}

const dotted = (path: readonly PropertyKey[]) => path.map(String).join('.');

/** Input did not match its schema. The message names every failing field. */
export class ValidationError extends CausewayError {
  readonly code = 'VALIDATION_FAILED';

  constructor(
    readonly subject: string,
    readonly issues: readonly ValidationIssue[],
    options?: ErrorOptions,
  ) {
    super(
      `Invalid ${subject}: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`,
      options,
    );
  }

  /**
   * Converts zod's issues, prefixing their paths (e.g. with `payload`). An unknown key in a strict
   * object becomes one issue on that key's own path, so the path names the offending field.
   */
  static fromZod(
    subject: string,
    error: z.ZodError,
    pathPrefix: readonly PropertyKey[] = [],
  ): ValidationError {
    const issues = error.issues.flatMap((issue): ValidationIssue[] =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({
            path: dotted([...pathPrefix, ...issue.path, key]),
            message: 'is not allowed (unknown key)',
          }))
        : [{ path: dotted([...pathPrefix, ...issue.path]), message: issue.message }],
    );
    return new ValidationError(subject, issues, { cause: error });
  }
}

export const isValidationError = (error: unknown): error is ValidationError =>
  error instanceof ValidationError;
