import { comparePositions, type Position } from '@causeway/event-store';

export interface CheckpointWatcherOptions {
  /** Reads the projection's checkpoint (a one-row select). */
  read: () => Promise<Position | undefined>;
  /** How often the checkpoint is read while someone waits; defaults to 10 ms. */
  pollIntervalMs?: number;
  onError?: (error: unknown) => void;
}

export interface CheckpointWatcher {
  /**
   * Resolves true as soon as the checkpoint is at or past `position`, false once `timeoutMs` has
   * passed without that. Never rejects: a failing read counts as "not yet".
   */
  reached(position: Position, timeoutMs: number): Promise<boolean>;
  /** An in-process hint that the checkpoint moved (a consumer in this process committed). */
  notify(position?: Position): void;
  /** The newest checkpoint seen. */
  readonly known: Position | undefined;
  close(): void;
}

interface Waiter {
  position: Position;
  done(reached: boolean): void;
}

const atOrPast = (checkpoint: Position | undefined, position: Position): boolean =>
  checkpoint !== undefined && comparePositions(checkpoint, position) >= 0;

/**
 * Read-your-writes support: many requests waiting for positions share one poll loop, which runs
 * only while someone waits, so the cost is one small query per interval whatever the number of
 * waiters. Checkpoints only move forward, so the newest one seen answers the easy cases at once.
 */
export const createCheckpointWatcher = (options: CheckpointWatcherOptions): CheckpointWatcher => {
  const interval = options.pollIntervalMs ?? 10;
  const waiters = new Set<Waiter>();
  let known: Position | undefined;
  let polling = false;
  let wake: (() => void) | undefined;
  let closed = false;

  const advance = (checkpoint: Position | undefined) => {
    if (checkpoint !== undefined && !atOrPast(known, checkpoint)) known = checkpoint;
    for (const waiter of waiters) if (atOrPast(known, waiter.position)) waiter.done(true);
  };

  const refresh = async () => {
    try {
      advance(await options.read());
    } catch (error) {
      options.onError?.(error);
    }
  };

  const poll = async () => {
    while (waiters.size > 0 && !closed) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, interval);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
      await refresh();
    }
    polling = false;
  };

  return {
    async reached(position, timeoutMs) {
      if (atOrPast(known, position)) return true;
      await refresh();
      if (atOrPast(known, position) || timeoutMs <= 0 || closed) return atOrPast(known, position);
      return new Promise<boolean>((resolve) => {
        const waiter: Waiter = {
          position,
          done: (reached) => {
            clearTimeout(timer);
            waiters.delete(waiter);
            resolve(reached);
          },
        };
        const timer = setTimeout(() => waiter.done(atOrPast(known, position)), timeoutMs);
        waiters.add(waiter);
        if (!polling) {
          polling = true;
          void poll();
        }
      });
    },
    notify(position) {
      if (position !== undefined) advance(position);
      wake?.();
    },
    get known() {
      return known;
    },
    close() {
      closed = true;
      for (const waiter of waiters) waiter.done(atOrPast(known, waiter.position));
      wake?.();
    },
  };
};
