import { expect } from 'vitest';
import { killTree, type Launcher, listening, processTreeOf, waitForExit } from './launcher.js';
import { SERVICE_PORTS } from './repo.js';

/** The launcher's promise: every process gone within 10 s of SIGTERM to `pnpm`. */
export const STOP_WITHIN_MS = 10_000;

/**
 * Stops a launcher as a process manager does, with SIGTERM to the `pnpm` process alone (pnpm
 * exits at once and does not pass it on: the launcher must notice by itself), or as Ctrl-C in a
 * terminal does, with SIGINT to pnpm's whole process group. Checks that every process of the
 * tree, taken just before, is gone within 10 s and the ports are free; returns how long it took.
 */
export const stopWithSigterm = async (launcher: Launcher, how: 'sigterm' | 'ctrl-c' = 'sigterm') => {
  const tree = await processTreeOf(launcher);
  expect(tree.length).toBeGreaterThan(3);
  const started = Date.now();
  if (how === 'sigterm') launcher.child.kill('SIGTERM');
  else process.kill(-(launcher.child.pid as number), 'SIGINT');
  const left = await waitForExit(tree, STOP_WITHIN_MS);
  const elapsed = Date.now() - started;
  killTree(left);
  expect(left.map(({ pid, args }) => `${pid} ${args}`)).toEqual([]);
  expect(elapsed).toBeLessThan(STOP_WITHIN_MS);
  for (const port of SERVICE_PORTS) expect(await listening(port)).toBe(false);
  return elapsed;
};
