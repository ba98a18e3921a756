import { createPostgresEventStore, type DrizzleEventStore } from '@causeway/event-store';
import { createRelay, ensureTopology, runConsumer, type Subscriber } from '@causeway/jetstream';
import { isolateNats, type NatsIsolation } from '@causeway/jetstream/testing';
import { createOrderSummaryProjection } from '@causeway/query-service';
import postgres from 'postgres';
import { loadOrderFlows } from '../../fixtures/bulkLoad.js';
import { benchDatabase } from '../../fixtures/database.js';
import { waitFor } from '../../fixtures/waitFor.js';
import type { BenchContext, Benchmark, BenchResult } from '../../runner/benchmark.js';
import { ChunkTimer } from '../../runner/progress.js';
import { type Comparison, fmt } from '../../runner/report.js';
import { mergeSummaries, ratioOf, type Summary } from '../../runner/stats.js';
import { RAW_TABLES, runRawProjector } from './rawProjector.js';
import { upsertSubscriber } from './upsertSubscriber.js';

interface Sizes {
  total: number;
  chunk: number;
  /** A run stops here even if the stream is not consumed yet; its rate is what it managed. */
  maxMs: number;
}

/** Copies the store into the stream (not measured): the consumers then read a full stream. */
const publishAll = async (nats: NatsIsolation, store: DrizzleEventStore, total: number) => {
  await ensureTopology({ nc: nats.nc, prefix: nats.prefix });
  const relay = createRelay({ nc: nats.nc, store, prefix: nats.prefix });
  relay.start();
  try {
    await waitFor(() => relay.metrics.published >= total, 'the relay to fill the stream', {
      timeoutMs: 300_000,
      intervalMs: 20,
    });
  } finally {
    await relay.stop();
  }
};

/** A subscriber through the consumer runner, on a durable of its own, its tables emptied first. */
const measureRunner = async (
  nats: NatsIsolation,
  store: DrizzleEventStore,
  sql: postgres.Sql,
  subscriber: Subscriber,
  batchSize: number,
  sizes: Sizes,
): Promise<Summary> => {
  await sql`TRUNCATE order_summaries, order_payments, raw_summaries, raw_payments`;
  const runner = runConsumer({
    nc: nats.nc,
    store,
    subscriber,
    prefix: nats.prefix,
    batchSize,
    onError: (error) => console.error(`projection runner: ${String(error)}`),
  });
  const timer = new ChunkTimer(sizes.chunk);
  const started = performance.now();
  const done = () => runner.metrics.applied + runner.metrics.skipped;
  timer.start();
  try {
    await waitFor(
      () => done() >= sizes.total || performance.now() - started > sizes.maxMs,
      'the projection',
      {
        timeoutMs: sizes.maxMs + 60_000,
        intervalMs: 1,
        onPoll: () => timer.mark(done()),
      },
    );
    timer.mark(done());
  } finally {
    await runner.stop();
  }
  if (runner.metrics.deadLettered > 0 || runner.status === 'halted') {
    throw new Error(`the projection dead-lettered ${runner.metrics.deadLettered} events or halted`);
  }
  return timer.summary();
};

/**
 * `projection`: JetStream -> read model events/s through `runConsumer`, against a raw consumer
 * that parses and upserts the same events in batches of 100 (the ceiling). The runner is measured
 * on that same upsert as its handler (what the runner itself costs: the target), then with the
 * query service's order projection (read-modify-write of the real read model) in batches of 100
 * and one event per transaction (the runner's default). Each run has its own durable on one
 * stream filled beforehand from a store of order flows.
 */
export const projectionBenchmark: Benchmark = {
  name: 'projection',
  async run({ quick, log }: BenchContext): Promise<BenchResult> {
    const sizes: Sizes = quick
      ? { total: 1_500, chunk: 250, maxMs: 3_000 }
      : { total: 30_000, chunk: 2_000, maxMs: 10_000 };
    const database = await benchDatabase({ label: 'bench_projection', schemas: 'query' });
    const sql = postgres(database.url, { max: 4, onnotice: () => {} });
    const store = await createPostgresEventStore({ url: database.url, max: 4, notify: false });
    const nats = await isolateNats({ label: 'benchproj' });
    try {
      await sql.unsafe(RAW_TABLES);
      await loadOrderFlows(sql, sizes.total / 3);
      await publishAll(nats, store, sizes.total);
      const raw: Summary[] = [];
      const upserts: Summary[] = [];
      const batched: Summary[] = [];
      const single: Summary[] = [];
      const last = (parts: Summary[]) => fmt(parts.at(-1)?.eventsPerSecond ?? 0);
      for (let round = 0; round < (quick ? 1 : 2); round++) {
        await sql`TRUNCATE raw_summaries, raw_payments`;
        raw.push(
          await runRawProjector({ ...nats, sql, durable: `bench-raw-${round}`, batchSize: 100, ...sizes }),
        );
        upserts.push(
          await measureRunner(nats, store, sql, upsertSubscriber(`bench-upsert-${round}`), 100, sizes),
        );
        const projection = (name: string) => createOrderSummaryProjection(name);
        batched.push(await measureRunner(nats, store, sql, projection(`bench-batched-${round}`), 100, sizes));
        single.push(await measureRunner(nats, store, sql, projection(`bench-single-${round}`), 1, sizes));
        log(
          `projection · round ${round + 1}: runner ${last(upserts)} (the same upserts), order projection ${last(batched)} (batches of 100), ${last(single)} (one per transaction) events/s vs raw ${last(raw)}`,
        );
      }
      const ceiling = mergeSummaries(raw);
      const line = (scenario: string, parts: Summary[], target?: number): Comparison => {
        const subject = mergeSummaries(parts);
        return {
          benchmark: 'projection',
          scenario,
          subject,
          ceiling,
          ratio: ratioOf(subject, ceiling),
          ...(target === undefined ? {} : { target }),
          latencyOf: `${fmt(sizes.chunk)} events`,
        };
      };
      return {
        comparisons: [
          line('JetStream -> the raw upserts, consumer runner with batches of 100', upserts, 0.5),
          line('JetStream -> order summaries (query projection), runner with batches of 100', batched),
          line('JetStream -> order summaries, runner one event per transaction (its default)', single),
        ],
      };
    } finally {
      await nats.cleanup();
      await store.close();
      await sql.end({ timeout: 5 });
      await database.drop();
    }
  },
};
