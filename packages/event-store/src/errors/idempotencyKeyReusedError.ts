import { CausewayError } from '@causeway/kernel';

/** An idempotency key (or command id) came back with a different request than the one it first answered. */
export class IdempotencyKeyReusedError extends CausewayError {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';

  constructor(readonly key: string) {
    super(`Idempotency key ${key} was already used for a different request`);
  }
}

export const isIdempotencyKeyReusedError = (error: unknown): error is IdempotencyKeyReusedError =>
  error instanceof IdempotencyKeyReusedError;
