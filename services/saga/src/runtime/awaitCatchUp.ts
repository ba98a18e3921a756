import { comparePositions, type EventStore } from '@causeway/event-store';

export interface CatchUpOptions {
  store: Pick<EventStore, 'headPosition' | 'readCheckpoint'>;
  subscriber: string;
  /** Give up waiting after this long (the timer then starts anyway); default 30 s. */
  timeoutMs?: number;
  pollMs?: number;
}

/**
 * Resolves once `subscriber`'s checkpoint reaches the head of the log as it was when called, or
 * after `timeoutMs`. The saga starts its timer after this: deadlines that passed while the service
 * was down would otherwise fire before the payments that did arrive meanwhile are read, cancelling
 * (and refunding) orders that were paid in time. Returns whether it caught up.
 */
export const awaitCatchUp = async (options: CatchUpOptions): Promise<boolean> => {
  const head = await options.store.headPosition();
  if (head === undefined) return true;
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const checkpoint = await options.store.readCheckpoint(options.subscriber);
    if (checkpoint !== undefined && comparePositions(checkpoint, head) >= 0) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 100));
  }
};
