import { CausewayError } from '@causeway/kernel';

/**
 * An append carrying an idempotency record (`AppendOptions.idempotencyRecord`) found its key
 * recorded already: the request was answered before (or concurrently), so nothing was written.
 * Read the record for the first answer.
 */
export class IdempotencyKeyTakenError extends CausewayError {
  readonly code = 'IDEMPOTENCY_KEY_TAKEN';

  constructor(readonly key: string) {
    super(`Idempotency key ${key} is recorded already; nothing was written`);
  }
}

export const isIdempotencyKeyTakenError = (error: unknown): error is IdempotencyKeyTakenError =>
  error instanceof IdempotencyKeyTakenError;
