import { CausewayError } from '@causeway/kernel';

/**
 * Some of an append's event ids are stored already, but not as this same append (another stream,
 * other versions, or only part of the batch). An idempotent retry resends exactly the same events;
 * this is something else, so nothing is written.
 */
export class EventIdConflictError extends CausewayError {
  readonly code = 'EVENT_ID_CONFLICT';

  constructor(
    readonly streamId: string,
    readonly eventIds: readonly string[],
  ) {
    super(
      `Append to ${streamId} refused: event ids ${eventIds.join(', ')} are partly or elsewhere stored already`,
    );
  }
}

export const isEventIdConflictError = (error: unknown): error is EventIdConflictError =>
  error instanceof EventIdConflictError;
