import { CausewayError } from './causewayError.js';

export type ExpectedVersion = number | 'any' | 'noStream' | 'streamExists';

/** The stream was not at the version the writer expected; `actualVersion` is 0 for a missing stream. */
export class ConcurrencyError extends CausewayError {
  readonly code = 'CONCURRENCY_CONFLICT';

  constructor(
    readonly streamId: string,
    readonly expectedVersion: ExpectedVersion,
    readonly actualVersion: number,
  ) {
    super(`Stream ${streamId} is at version ${actualVersion}, expected ${String(expectedVersion)}`);
  }
}

export const isConcurrencyError = (error: unknown): error is ConcurrencyError =>
  error instanceof ConcurrencyError;
