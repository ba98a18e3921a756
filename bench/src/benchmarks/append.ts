import { createPostgresEventStore, migrate, type NewEvent } from '@causeway/event-store';
import { createTestDatabase } from '@causeway/event-store/testing';
import postgres from 'postgres';
import { orderCreated } from '../fixtures/orderEvents.js';
import type { BenchContext, Benchmark, BenchResult } from '../runner/benchmark.js';
import { type LoadOptions, runLoad } from '../runner/load.js';
import type { Comparison } from '../runner/report.js';
import { mergeSummaries as merge, type Summary } from '../runner/stats.js';

interface Scenario {
  name: string;
  batch: number;
  concurrency: number;
  target?: number;
  /** Also measure the store with appendBatching off, to show what batching contributes. */
  unbatched?: boolean;
}

// Targets from the benchmarks issue: >= 60% of the raw ceiling for single events at concurrency
// 32, >= 70% at concurrency 1 and for batches of 10.
const SCENARIOS: Scenario[] = [
  { name: 'single event, concurrency 1', batch: 1, concurrency: 1, target: 0.7 },
  { name: 'single event, concurrency 32', batch: 1, concurrency: 32, target: 0.6, unbatched: true },
  { name: 'batch of 10, concurrency 1', batch: 10, concurrency: 1, target: 0.7 },
  { name: 'batch of 10, concurrency 32', batch: 10, concurrency: 32, target: 0.7 },
  { name: 'batch of 100, concurrency 1', batch: 100, concurrency: 1 },
  { name: 'batch of 100, concurrency 32', batch: 100, concurrency: 32 },
];

/** The ceiling's table: the same columns as `events`, a plain identity key, no constraints. */
const RAW_TABLE = `CREATE TABLE raw_events (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, stream_id text NOT NULL, version integer NOT NULL,
  id uuid NOT NULL, type text NOT NULL, aggregate_type text NOT NULL, aggregate_id text NOT NULL,
  schema_version integer NOT NULL, "timestamp" timestamptz(3) NOT NULL, payload jsonb NOT NULL,
  metadata jsonb NOT NULL)`;

const rawRow = (event: NewEvent, version: number) => ({
  stream_id: `${event.aggregateType}-${event.aggregateId}`,
  version,
  id: event.id,
  type: event.type,
  aggregate_type: event.aggregateType,
  aggregate_id: event.aggregateId,
  schema_version: event.schemaVersion,
  timestamp: event.timestamp,
  payload: event.payload as postgres.JSONValue,
  metadata: event.metadata as postgres.JSONValue,
});

const measureRaw = async (url: string, scenario: Scenario, tag: string, load: LoadOptions) => {
  const sql = postgres(url, { max: scenario.concurrency, onnotice: () => {} });
  const versions = new Array<number>(scenario.concurrency).fill(0);
  try {
    return await runLoad(async (worker) => {
      const rows = Array.from({ length: scenario.batch }, () =>
        rawRow(orderCreated(`${tag}w${worker}`), ++(versions[worker] as number)),
      );
      await sql`INSERT INTO raw_events ${sql(rows)}`;
      return rows.length;
    }, load);
  } finally {
    await sql.end({ timeout: 5 });
  }
};

const measureAppend = async (
  url: string,
  scenario: Scenario,
  tag: string,
  load: LoadOptions,
  batching = true,
) => {
  // One spare connection for the store's coalesced NOTIFY.
  const store = await createPostgresEventStore({
    url,
    max: scenario.concurrency + 1,
    ...(batching ? {} : { appendBatching: false as const }),
  });
  const versions = new Array<number>(scenario.concurrency).fill(0);
  try {
    return await runLoad(async (worker) => {
      const aggregateId = `${tag}w${worker}`;
      const events = Array.from({ length: scenario.batch }, () => orderCreated(aggregateId));
      const expectedVersion = versions[worker] as number;
      const { nextVersion } = await store.append(`order-${aggregateId}`, events, { expectedVersion });
      versions[worker] = nextVersion;
      return events.length;
    }, load);
  } finally {
    await store.close();
  }
};

/**
 * Appends through the store against raw INSERTs of the same rows into a plain table, on one
 * fresh database, at the same concurrency and batch size. Phases alternate raw/store over two
 * rounds (one in --quick) so drift on a shared machine hits both sides alike.
 */
export const appendBenchmark: Benchmark = {
  name: 'append',
  async run({ quick, log }: BenchContext): Promise<BenchResult> {
    const database = await createTestDatabase({ label: 'bench_append' });
    const load: LoadOptions = quick
      ? { concurrency: 1, warmupMs: 100, durationMs: 400 }
      : { concurrency: 1, warmupMs: 500, durationMs: 3_000 };
    const rounds = quick ? 1 : 2;
    try {
      await migrate({ url: database.url });
      const admin = postgres(database.url, { max: 1, onnotice: () => {} });
      await admin.unsafe(RAW_TABLE);
      await admin.end();
      const comparisons: Comparison[] = [];
      for (const [index, scenario] of SCENARIOS.entries()) {
        const raw: Summary[] = [];
        const store: Summary[] = [];
        const unbatched: Summary[] = [];
        for (let round = 0; round < rounds; round++) {
          const phase = { ...load, concurrency: scenario.concurrency };
          raw.push(await measureRaw(database.url, scenario, `s${index}r${round}`, phase));
          store.push(await measureAppend(database.url, scenario, `s${index}r${round}`, phase));
          if (scenario.unbatched) {
            unbatched.push(await measureAppend(database.url, scenario, `s${index}r${round}u`, phase, false));
          }
        }
        const ceiling = merge(raw);
        const lines: [string, Summary[]][] = [[scenario.name, store]];
        if (scenario.unbatched) lines.push([`${scenario.name}, appendBatching off`, unbatched]);
        for (const [name, parts] of lines) {
          const subject = merge(parts);
          const comparison: Comparison = {
            benchmark: 'append',
            scenario: name,
            subject,
            ceiling,
            ratio: subject.eventsPerSecond / ceiling.eventsPerSecond,
            ...(scenario.target === undefined || name !== scenario.name ? {} : { target: scenario.target }),
          };
          log(
            `append · ${name}: ${Math.round(subject.eventsPerSecond)} events/s vs raw ${Math.round(ceiling.eventsPerSecond)} (${Math.round(comparison.ratio * 100)}%)`,
          );
          comparisons.push(comparison);
        }
      }
      return { comparisons };
    } finally {
      await database.drop();
    }
  },
};
