import { CausewayError } from './causewayError.js';

/** A message's `type` is not registered. Raised for events and commands alike. */
export class UnknownEventTypeError extends CausewayError {
  readonly code = 'UNKNOWN_MESSAGE_TYPE';

  constructor(readonly type: string) {
    super(`Unknown message type: ${JSON.stringify(type)}`);
  }
}

export const isUnknownEventTypeError = (error: unknown): error is UnknownEventTypeError =>
  error instanceof UnknownEventTypeError;

/** A decider received a command its exhaustive switch does not know (a `never` default). */
export class UnknownCommandError extends CausewayError {
  readonly code = 'UNKNOWN_COMMAND';

  constructor(readonly command: unknown) {
    super(`Unknown command: ${JSON.stringify((command as { type?: unknown } | null)?.type)}`);
  }
}
