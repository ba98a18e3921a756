import { CausewayError } from '@causeway/kernel';

/** The database could not be reached (refused, timed out, unknown host); the message names the host. */
export class StoreUnavailableError extends CausewayError {
  readonly code = 'STORE_UNAVAILABLE';

  constructor(
    readonly host: string,
    cause: unknown,
  ) {
    super(`Cannot reach PostgreSQL at ${host}: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }
}

export const isStoreUnavailableError = (error: unknown): error is StoreUnavailableError =>
  error instanceof StoreUnavailableError;
