import { performance } from 'node:perf_hooks';
import { type Summary, summarize } from './stats.js';

export interface LoadOptions {
  concurrency: number;
  /** Run unmeasured for this long first (connections, plans, caches). */
  warmupMs: number;
  durationMs: number;
  /** Keep going past the duration until this many operations were measured; default 1. */
  minOps?: number;
}

/**
 * One operation per call; resolves to the number of events it handled. `worker` is 0-based and
 * stable, so an operation can keep per-worker state (its own stream, its version).
 */
export type Operation = (worker: number) => Promise<number>;

/**
 * Closed-loop load: `concurrency` workers each run `operation` back to back; after the warm-up,
 * every operation's latency and event count is recorded until the duration is up.
 */
export const runLoad = async (operation: Operation, options: LoadOptions): Promise<Summary> => {
  const warmupEnd = performance.now() + options.warmupMs;
  const end = warmupEnd + options.durationMs;
  const latencies: number[] = [];
  let events = 0;
  let measuredFrom = Number.POSITIVE_INFINITY;
  let measuredTo = 0;
  const worker = async (index: number) => {
    for (;;) {
      const started = performance.now();
      if (started >= end && latencies.length >= (options.minOps ?? 1)) return;
      const handled = await operation(index);
      const finished = performance.now();
      if (started >= warmupEnd) {
        latencies.push(finished - started);
        events += handled;
        measuredFrom = Math.min(measuredFrom, started);
        measuredTo = Math.max(measuredTo, finished);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, i) => worker(i)));
  return summarize(latencies, events, Math.max(0, measuredTo - measuredFrom));
};
