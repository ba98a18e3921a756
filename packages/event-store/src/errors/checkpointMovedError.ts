import { CausewayError } from '@causeway/kernel';
import type { Position } from '../position.js';

/**
 * `withCheckpoint` was told what the checkpoint would be (`assumed`) and it was something else
 * (another runner of the subscriber moved it): the transaction rolled back, nothing was written.
 */
export class CheckpointMovedError extends CausewayError {
  readonly code = 'CHECKPOINT_MOVED';

  constructor(
    readonly subscriber: string,
    readonly assumed: Position | undefined,
    readonly actual: Position | undefined,
  ) {
    super(`Checkpoint of ${subscriber} is ${actual ?? 'unset'}, not ${assumed ?? 'unset'} as assumed`);
  }
}

export const isCheckpointMovedError = (error: unknown): error is CheckpointMovedError =>
  error instanceof CheckpointMovedError;
