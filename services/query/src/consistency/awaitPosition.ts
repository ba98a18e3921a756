import type { Position } from '@causeway/event-store';
import { ServiceUnavailableError } from '@causeway/service-kit';
import type { CheckpointWatcher } from './checkpointWatcher.js';

/**
 * Read-your-writes: returns once the projection has applied everything up to `position` (the one
 * a write returned), or answers 503 with `Retry-After` past `timeoutMs`, never stale data silently.
 */
export const awaitPosition = async (
  watcher: CheckpointWatcher,
  position: Position | undefined,
  timeoutMs: number,
): Promise<void> => {
  if (position === undefined) return;
  if (await watcher.reached(position, timeoutMs)) return;
  throw new ServiceUnavailableError(
    `The read model has not reached position ${position} within ${timeoutMs} ms; retry shortly`,
    Math.max(1, Math.ceil(timeoutMs / 1000)),
  );
};
