import { watchAncestors } from './watchAncestors.js';

/**
 * Calls `stop(reason, again)` on SIGTERM, SIGINT or SIGHUP and, with `ancestors`, when the `pnpm`
 * that started the launcher has gone (see `watchAncestors`); `again` is true from the second time
 * on (a second Ctrl-C: stop waiting, kill).
 */
export const onShutdown = async (
  stop: (reason: string, again: boolean) => void,
  { ancestors = true }: { ancestors?: boolean } = {},
): Promise<void> => {
  let calls = 0;
  const handle = (reason: string) => {
    calls += 1;
    stop(reason, calls > 1);
  };
  for (const name of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(name, () => handle(name));
  if (ancestors) await watchAncestors(() => handle('pnpm exited'));
};
