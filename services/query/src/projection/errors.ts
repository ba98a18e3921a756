import { CausewayError } from '@causeway/kernel';

/**
 * An order event does not continue its stream: the read model has version `expectedVersion - 1`
 * and the event carries a later one, so events in between never arrived. Applying it would build
 * a wrong row; the runner retries, then dead-letters it, and `/projections` shows it.
 */
export class ProjectionGapError extends CausewayError {
  readonly code = 'PROJECTION_VERSION_GAP';

  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(
      `Version gap in ${streamId}: the read model expects version ${expectedVersion}, got ${actualVersion}`,
    );
  }
}

export const isProjectionGapError = (error: unknown): error is ProjectionGapError =>
  error instanceof ProjectionGapError;

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
