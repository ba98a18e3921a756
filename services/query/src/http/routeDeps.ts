import type { DrizzleEventStore } from '@causeway/event-store';
import type { RunnerStatus } from '@causeway/jetstream';
import type { CheckpointWatcher } from '../consistency/checkpointWatcher.js';

/** What the route plugins read from. */
export interface RouteDeps {
  store: DrizzleEventStore;
  /** The order-summaries projection's checkpoint, for `minPosition`. */
  watcher: CheckpointWatcher;
  /** Bound on a `minPosition` wait before 503. */
  minPositionWaitMs: number;
  /** The projections `/projections` reports, with this process's consumer status when it runs one. */
  projections: readonly { name: string; status: () => RunnerStatus | undefined }[];
}
