import { allEvents } from '@causeway/contracts';
import { createPostgresEventStore } from '@causeway/event-store';
import { rebuildReadModel } from '@causeway/query-service';
import postgres from 'postgres';
import { loadOrderFlows } from '../../fixtures/bulkLoad.js';
import { benchDatabase } from '../../fixtures/database.js';
import type { BenchContext, Benchmark, BenchResult } from '../../runner/benchmark.js';
import type { LoadOptions } from '../../runner/load.js';
import { fmt, type GrowthSeries, type Measurement } from '../../runner/report.js';
import { ratioOf } from '../../runner/stats.js';
import { measureAppends, measureReads, writeProbeStreams } from './appendAndRead.js';
import { streamThroughCursor, streamThroughStore } from './streamAll.js';

const REBUILD_TARGET = 30_000;

const compact = (n: number) =>
  n >= 1e6 ? `${+(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${+(n / 1e3).toFixed(1)}k` : `${n}`;

/** "flat" within ±25% (a shared machine's noise), otherwise how much it moved. */
const trend = (from: number, to: number): string => {
  const change = to / from - 1;
  return Math.abs(change) <= 0.25
    ? `flat (${change >= 0 ? '+' : ''}${fmt(change * 100)}%)`
    : `${change > 0 ? 'up' : 'down'} ${fmt(Math.abs(change) * 100)}%`;
};

/**
 * `growth`: one database grown in steps (0, 100k, 1M events; 0, 1.5k, 6k with --quick) by bulk
 * order flows. At each step: single-event append throughput (32 writers) and readStream latency
 * of 10-event streams; from the first step on, a full rebuild of the order projection from the
 * store. At the top step, `streamAll` over the whole log against a raw server-side cursor.
 */
export const growthBenchmark: Benchmark = {
  name: 'growth',
  async run({ quick, log }: BenchContext): Promise<BenchResult> {
    const levels = quick ? [0, 1_500, 6_000] : [0, 100_000, 1_000_000];
    const appendLoad: LoadOptions = quick
      ? { concurrency: 32, warmupMs: 100, durationMs: 300 }
      : { concurrency: 32, warmupMs: 500, durationMs: 3_000 };
    const readLoad: LoadOptions = quick
      ? { concurrency: 1, warmupMs: 50, durationMs: 200 }
      : { concurrency: 1, warmupMs: 300, durationMs: 2_000 };
    const database = await benchDatabase({ label: 'bench_growth', schemas: 'query' });
    const store = await createPostgresEventStore({ url: database.url, max: 33, registry: allEvents });
    const sql = postgres(database.url, { max: 2, onnotice: () => {} });
    const appendRate: GrowthSeries = {
      name: 'append, single events, 32 writers',
      unit: 'events/s',
      points: [],
    };
    const readP50: GrowthSeries = { name: 'readStream of 10 events, p50', unit: 'ms', points: [] };
    const readP99: GrowthSeries = { name: 'readStream of 10 events, p99', unit: 'ms', points: [] };
    const rebuildCost: GrowthSeries = {
      name: 'rebuild of the order projection',
      unit: 'µs per event',
      points: [],
    };
    const measurements: Measurement[] = [];
    const result: BenchResult = { measurements, growth: [appendRate, readP50, readP99, rebuildCost] };
    try {
      await writeProbeStreams(store);
      let flows = 0;
      for (const level of levels) {
        const wanted = Math.ceil(level / 3);
        if (wanted > flows) {
          const loaded = performance.now();
          await loadOrderFlows(sql, wanted - flows);
          flows = wanted;
          log(`growth · bulk-loaded ${fmt(level)} events in ${fmt(performance.now() - loaded)} ms`);
        }
        // The probe streams and earlier steps' appends count too: the x axis is what is stored.
        const [count] = await sql<{ n: string }[]>`SELECT count(*)::text AS n FROM events`;
        const stored = Number(count?.n ?? 0);
        const appends = await measureAppends(store, `g${level}`, appendLoad);
        const reads = await measureReads(store, readLoad);
        appendRate.points.push({ stored, value: appends.eventsPerSecond });
        readP50.points.push({ stored, value: reads.p50Ms });
        readP99.points.push({ stored, value: reads.p99Ms });
        log(
          `growth · ${fmt(stored)} stored: append ${fmt(appends.eventsPerSecond)} events/s (p99 ${fmt(appends.p99Ms, 1)} ms), readStream p50 ${fmt(reads.p50Ms, 2)} ms p99 ${fmt(reads.p99Ms, 2)} ms`,
        );
        if (level === 0) continue;
        const rebuilt = await rebuildReadModel({ store, force: true });
        rebuildCost.points.push({ stored, value: (rebuilt.durationMs * 1000) / rebuilt.events });
        measurements.push({
          benchmark: 'projection',
          scenario: `rebuild of the order projection from the store, ${compact(stored)} events`,
          value: rebuilt.eventsPerSecond,
          unit: 'events/s',
          target: REBUILD_TARGET,
          detail: `${fmt(rebuilt.events)} events in ${fmt(rebuilt.durationMs / 1000, 1)} s`,
        });
        log(`growth · rebuild ${fmt(rebuilt.events)} events: ${fmt(rebuilt.eventsPerSecond)} events/s`);
      }
      const chunk = quick ? 500 : 20_000;
      const ceiling = await streamThroughCursor(sql, chunk);
      const subject = await streamThroughStore(store, chunk);
      result.comparisons = [
        {
          benchmark: 'read',
          scenario: `streamAll over ${compact(subject.events)} events (pages of 1,000)`,
          subject,
          ceiling,
          ratio: ratioOf(subject, ceiling),
          target: 0.7,
          latencyOf: `${fmt(chunk)} events`,
        },
      ];
      log(
        `read · streamAll ${fmt(subject.eventsPerSecond)} events/s vs cursor ${fmt(ceiling.eventsPerSecond)}`,
      );
      result.notes = flatness(appendRate, readP50, rebuildCost);
      return result;
    } finally {
      await sql.end({ timeout: 5 });
      await store.close();
      await database.drop();
    }
  },
};

const flatness = (append: GrowthSeries, read: GrowthSeries, rebuild: GrowthSeries): string[] => {
  const ends = (s: GrowthSeries) => [s.points[0]?.value ?? 0, s.points.at(-1)?.value ?? 0] as const;
  const lastStored = compact(append.points.at(-1)?.stored ?? 0);
  const [a0, a1] = ends(append);
  const [r0, r1] = ends(read);
  const [b0, b1] = ends(rebuild);
  return [
    `Growth, ${compact(append.points[0]?.stored ?? 0)} to ${lastStored} events stored: append throughput ${trend(a0, a1)}; readStream p50 ${trend(r0, r1)}; rebuild cost per event from ${compact(rebuild.points[0]?.stored ?? 0)} to ${lastStored} ${trend(b0, b1)}.`,
  ];
};
