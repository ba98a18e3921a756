import { watchAncestors } from './watchAncestors.js';

/** Signals this close to the first are the same request delivered twice (a terminal and a wrapper). */
const SAME_REQUEST_MS = 300;

/**
 * Calls `stop(reason, again)` on SIGTERM, SIGINT or SIGHUP and, with `ancestors`, when the `pnpm`
 * that started the launcher has gone (see `watchAncestors`). `again` is true for a later signal
 * (a second Ctrl-C: stop waiting, kill); pnpm going away while a stop is under way is expected
 * (Ctrl-C reaches it too) and changes nothing.
 */
export const onShutdown = async (
  stop: (reason: string, again: boolean) => void,
  { ancestors = true }: { ancestors?: boolean } = {},
): Promise<void> => {
  let firstSignal: number | undefined;
  let stopping = false;
  for (const name of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.on(name, () => {
      const now = Date.now();
      if (firstSignal !== undefined && now - firstSignal < SAME_REQUEST_MS) return;
      const again = firstSignal !== undefined;
      firstSignal ??= now;
      stopping = true;
      stop(name, again);
    });
  }
  if (ancestors) {
    await watchAncestors(() => {
      if (stopping) return;
      stopping = true;
      stop('pnpm exited', false);
    });
  }
};
