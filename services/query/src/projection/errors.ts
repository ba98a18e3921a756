import { CausewayError } from '@causeway/kernel';

/** An event that cannot come where it came: a first event that is not ORDER_CREATED, or a second creation. */
export class UnexpectedEventError extends CausewayError {
  readonly code = 'PROJECTION_UNEXPECTED_EVENT';

  constructor(
    readonly streamId: string,
    readonly eventType: string,
    readonly version: number,
  ) {
    super(`Unexpected ${eventType} at version ${version} of ${streamId}`);
  }
}
