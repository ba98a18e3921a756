import { ancestorsOf, isAlive, listProcesses } from './processTree.js';

const isPackageManager = (args: string) => /(^|[\s/])pnpm(\.c?js)?(\s|$)/.test(args);

/**
 * Calls `onGone` once a process between this one and the `pnpm` that started it has exited.
 * `pnpm dev` answers SIGTERM by exiting at once without passing the signal on, which leaves this
 * script orphaned and unaware; watching its ancestors is how the launcher notices and still stops
 * every service. Without a `pnpm` above it, only the direct parent is watched.
 */
export const watchAncestors = async (onGone: () => void, intervalMs = 250): Promise<() => void> => {
  const processes = await listProcesses();
  const chain = ancestorsOf(processes, process.pid);
  const argsOf = new Map(processes.map((p) => [p.pid, p.args]));
  const manager = chain.findIndex((pid) => isPackageManager(argsOf.get(pid) ?? ''));
  const watched = manager >= 0 ? chain.slice(0, manager + 1) : chain.slice(0, 1);
  const timer = setInterval(() => {
    if (watched.every(isAlive)) return;
    clearInterval(timer);
    onGone();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
};
