import { waitFor } from '../../fixtures/waitFor.js';
import type { BenchContext, Benchmark, BenchResult } from '../../runner/benchmark.js';
import { fmt, type Measurement } from '../../runner/report.js';
import { percentile } from '../../runner/stats.js';
import { type LoadResult, runOpenLoop } from './openLoop.js';
import { type System, startSystem } from './system.js';

const HELD_P99_MS = 100;
const HELD_TARGET = 1_000;

interface Step {
  rate: number;
  result: LoadResult;
  p50Ms: number;
  p99Ms: number;
  /** Percentiles of the POST alone. */
  post: { p50Ms: number; p99Ms: number };
  /** Completed orders per second over the time it took to send them. */
  achieved: number;
}

/** Held: p99 under 100 ms, nothing failed, everything answered, and the offered rate kept up. */
const holds = (step: Step) =>
  step.p99Ms < HELD_P99_MS &&
  step.result.errors === 0 &&
  step.result.shed === 0 &&
  step.result.completed === step.result.sent &&
  step.achieved >= step.rate * 0.95;

const percentiles = (latencies: number[]) => {
  const sorted = Float64Array.from(latencies).sort();
  return { p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99) };
};

/**
 * Waits until the system has worked off the step's backlog, so the next step starts clean; a
 * system that cannot within the bound goes on, and the report says so.
 */
const settle = async (system: System, timeoutMs: number) => {
  try {
    await waitFor(() => system.caughtUp(), 'the system to catch up', { timeoutMs, intervalMs: 100 });
  } catch {
    system.errors.push(`not caught up ${timeoutMs / 1000} s after a step: the next step started behind`);
  }
};

/** Offers `rate` orders/s for `durationMs`, each POSTed then read back with minPosition. */
const step = async (system: System, rate: number, durationMs: number): Promise<Step> => {
  const result = await runOpenLoop({
    commandUrl: system.commandUrl,
    queryUrl: system.queryUrl,
    rate,
    durationMs,
    visible: true,
    drainMs: 20_000,
    maxInFlight: 2_000,
  });
  await settle(system, 60_000);
  return {
    rate,
    result,
    ...percentiles(result.latencies),
    post: percentiles(result.postLatencies),
    achieved: (result.completed * 1000) / Math.max(result.sentForMs, durationMs),
  };
};

const visibleMeasurement = (s: Step, scenario: string, target?: number): Measurement => ({
  benchmark: 'end to end',
  scenario,
  value: s.achieved,
  unit: 'orders/s',
  p50Ms: s.p50Ms,
  p99Ms: s.p99Ms,
  ...(target === undefined ? {} : { target }),
  detail: `offered ${fmt(s.rate)}/s: ${fmt(s.result.completed)} of ${fmt(s.result.sent)} visible${s.result.unanswered ? ` (${fmt(s.result.unanswered)} not within 20 s: p99 is a lower bound)` : ''}, ${s.result.shed ? `${fmt(s.result.shed)} shed at 2,000 waiting, ` : ''}${s.result.errors} errors, ${s.result.retries} re-reads${holds(s) ? '' : ' (not held)'}; the POST alone p50 / p99 ${fmt(s.post.p50Ms, 1)} / ${fmt(s.post.p99Ms, 1)} ms`,
});

/**
 * The highest rate held for 30 s with p99 under 100 ms: from the fixed steps, probe up (x1.5)
 * while they hold or bisect between the best held and the lowest failed (10 s probes), then
 * hold the best for 30 s, stepping down by a fifth when the hold fails.
 */
const findHeldRate = async (
  system: System,
  steps: Step[],
  log: (line: string) => void,
): Promise<Step | undefined> => {
  let best = Math.max(0, ...steps.filter(holds).map((s) => s.rate));
  let failed = Math.min(Number.POSITIVE_INFINITY, ...steps.filter((s) => !holds(s)).map((s) => s.rate));
  for (let probe = 0; probe < 3; probe++) {
    const rate =
      failed === Number.POSITIVE_INFINITY ? Math.round(best * 1.5) : Math.round((best + failed) / 2);
    if (failed !== Number.POSITIVE_INFINITY && failed - best < Math.max(25, best * 0.15)) break;
    const s = await step(system, rate, 10_000);
    log(`end to end · probe ${rate}/s: p99 ${fmt(s.p99Ms, 1)} ms, ${holds(s) ? 'held' : 'not held'}`);
    if (holds(s)) best = rate;
    else failed = rate;
  }
  for (let attempt = 0; attempt < 3 && best >= 25; attempt++) {
    const s = await step(system, best, 30_000);
    log(`end to end · hold ${best}/s for 30 s: p99 ${fmt(s.p99Ms, 1)} ms, ${holds(s) ? 'held' : 'not held'}`);
    if (holds(s)) return s;
    best = Math.round(best * 0.8);
  }
  return undefined;
};

/** The full saga at 100 orders/s: from when each POST was due to its ORDER_CONFIRMED's timestamp. */
const sagaRun = async (system: System, durationMs: number): Promise<Measurement> => {
  const rate = 100;
  const result = await runOpenLoop({
    commandUrl: system.commandUrl,
    queryUrl: system.queryUrl,
    rate,
    durationMs,
    visible: false,
    drainMs: 20_000,
    maxInFlight: 2_000,
  });
  const ids = result.created.map((c) => c.orderId);
  const confirmed = async () => {
    const [row] = await system.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM events WHERE type = 'ORDER_CONFIRMED' AND aggregate_id = ANY(${ids})`;
    return row?.n ?? 0;
  };
  const confirmedAll = await waitFor(async () => (await confirmed()) === ids.length, 'confirmations', {
    timeoutMs: 60_000,
    intervalMs: 100,
  }).then(
    () => true,
    () => false,
  );
  const rows = await system.sql<{ aggregate_id: string; at: string }[]>`
    SELECT aggregate_id, (extract(epoch FROM "timestamp") * 1000)::bigint::text AS at
      FROM events WHERE type = 'ORDER_CONFIRMED' AND aggregate_id = ANY(${ids})`;
  const confirmedAt = new Map(rows.map((r) => [r.aggregate_id, Number(r.at)]));
  // Not confirmed within the bound: counted at what they had waited so far, a lower bound.
  const cutoff = Date.now();
  const latencies = result.created.map((c) => (confirmedAt.get(c.orderId) ?? cutoff) - c.dueAtEpochMs);
  await settle(system, 60_000);
  return {
    benchmark: 'end to end',
    scenario: `full saga, POST /orders -> ORDER_CONFIRMED, offered ${rate}/s`,
    value: (result.completed * 1000) / Math.max(result.sentForMs, durationMs),
    unit: 'orders/s',
    ...percentiles(latencies),
    detail: `${fmt(confirmedAt.size)} of ${fmt(result.sent)} orders confirmed${confirmedAll ? '' : ' within 60 s (p99 is a lower bound)'}, ${result.errors} errors; confirmation time from the ORDER_CONFIRMED event's timestamp (ms precision)`,
  };
};

/**
 * `e2e`: the whole system in this process (see system.ts) under a fixed-rate open-loop load from
 * a worker thread: POST /orders until visible in GET /orders/:id at 100, 500 and 1,000 orders/s,
 * the highest rate held for 30 s with p99 under 100 ms (full run only), and the full saga.
 */
export const endToEndBenchmark: Benchmark = {
  name: 'e2e',
  async run({ quick, log }: BenchContext): Promise<BenchResult> {
    const rates = quick ? [100, 200] : [100, 500, 1_000];
    const stepMs = quick ? 500 : 10_000;
    const system = await startSystem();
    try {
      if (!quick) await step(system, 50, 2_000);
      const steps: Step[] = [];
      for (const rate of rates) {
        const s = await step(system, rate, stepMs);
        steps.push(s);
        log(
          `end to end · ${rate}/s offered: ${fmt(s.achieved)}/s visible, p50 ${fmt(s.p50Ms, 1)} ms, p99 ${fmt(s.p99Ms, 1)} ms${s.result.errors ? `, ${s.result.errors} errors: ${s.result.firstErrors.join('; ')}` : ''}`,
        );
      }
      const measurements = steps.map((s) =>
        visibleMeasurement(s, `POST /orders -> visible in GET /orders/:id, offered ${fmt(s.rate)}/s`),
      );
      if (!quick) {
        const held = await findHeldRate(system, steps, log);
        measurements.push(
          held
            ? visibleMeasurement(held, `highest rate held 30 s with p99 < ${HELD_P99_MS} ms`, HELD_TARGET)
            : {
                benchmark: 'end to end',
                scenario: `highest rate held 30 s with p99 < ${HELD_P99_MS} ms`,
                value: 0,
                unit: 'orders/s',
                target: HELD_TARGET,
                detail: 'no rate of 25/s or more held',
              },
        );
      }
      const saga = await sagaRun(system, stepMs);
      measurements.push(saga);
      log(`end to end · saga: p50 ${fmt(saga.p50Ms ?? 0, 1)} ms, p99 ${fmt(saga.p99Ms ?? 0, 1)} ms`);
      const notes = system.errors.length
        ? [
            `end to end: components reported ${system.errors.length} failures (retried), first: ${system.errors.slice(0, 3).join('; ')}`,
          ]
        : [];
      return { measurements, notes };
    } finally {
      await system.close();
    }
  },
};
