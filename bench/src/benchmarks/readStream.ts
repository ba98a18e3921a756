import { orderEvents } from '@causeway/contracts';
import { createPostgresEventStore, type DrizzleEventStore, type StoredEvent } from '@causeway/event-store';
import { Aggregate, type Decider, type EventEnvelope } from '@causeway/kernel';
import postgres from 'postgres';
import { benchDatabase } from '../fixtures/database.js';
import { orderCreated, orderItemAdded } from '../fixtures/orderEvents.js';
import { STORE_COLUMNS } from '../fixtures/storeColumns.js';
import type { BenchContext, Benchmark, BenchResult } from '../runner/benchmark.js';
import { type LoadOptions, runLoad } from '../runner/load.js';
import type { Comparison } from '../runner/report.js';
import { mergeSummaries, ratioOf, type Summary } from '../runner/stats.js';

const STREAM_LENGTH = 10_000;
const SNAPSHOT_AT = 9_900;
const ORDER_ID = 'bench-read-0001';
const STREAM = `order-${ORDER_ID}`;

/** An order reduced to what a decider needs (status, item count, total): O(1) per event. */
interface OrderTally {
  status: 'NONE' | 'PENDING';
  items: number;
  total: number;
}

const tallyDecider: Decider<OrderTally, never, EventEnvelope> = {
  initialState: () => ({ status: 'NONE', items: 0, total: 0 }),
  evolve: (state, event) => {
    const payload = event.payload as { items?: unknown[]; total: number };
    switch (event.type) {
      case 'ORDER_CREATED':
        return { status: 'PENDING', items: payload.items?.length ?? 0, total: payload.total };
      case 'ORDER_ITEM_ADDED':
        return { ...state, items: state.items + 1, total: payload.total };
      default:
        return state;
    }
  },
  decide: () => [],
};

const fill = async (store: DrizzleEventStore, sql: postgres.Sql) => {
  let version = 0;
  while (version < STREAM_LENGTH) {
    const events = Array.from({ length: Math.min(500, STREAM_LENGTH - version) }, (_, i) =>
      version + i === 0 ? orderCreated(ORDER_ID) : orderItemAdded(ORDER_ID, version + i),
    );
    version = (await store.append(STREAM, events, { expectedVersion: version })).nextVersion;
  }
  const { events } = await store.readStream(STREAM, { limit: SNAPSHOT_AT });
  const snapshot = Aggregate.load(tallyDecider, events);
  await store.saveSnapshot(STREAM, { state: snapshot.state, version: SNAPSHOT_AT, schemaVersion: 1 });
  // Plans as on a table autovacuum has analyzed, not on the empty table's guesses.
  await sql`ANALYZE events`;
  await sql`ANALYZE streams`;
};

interface Line {
  scenario: string;
  target?: number;
  subject: () => Promise<number>;
  ceiling: () => Promise<number>;
}

const lines = (store: DrizzleEventStore, sql: postgres.Sql): Line[] => {
  const rawStream = async (fromVersion: number) =>
    (
      await sql.unsafe(
        `SELECT ${STORE_COLUMNS} FROM events WHERE stream_id = $1 AND version >= $2 ORDER BY version`,
        [STREAM, fromVersion],
        { prepare: true },
      )
    ).length;
  const check = (aggregate: Aggregate<OrderTally, never, EventEnvelope>) => {
    if (aggregate.version !== STREAM_LENGTH) throw new Error(`rehydrated to ${aggregate.version}`);
  };
  return [
    {
      scenario: `${STREAM_LENGTH.toLocaleString('en-US')}-event stream, read and rehydrated`,
      target: 0.8,
      subject: async () => {
        const { events } = await store.readStream(STREAM);
        check(Aggregate.load(tallyDecider, events));
        return events.length;
      },
      ceiling: () => rawStream(1),
    },
    {
      scenario: `same stream from a snapshot at ${SNAPSHOT_AT.toLocaleString('en-US')} (100 events read)`,
      target: 0.8,
      subject: async () => {
        const snapshot = await store.loadSnapshot<OrderTally>(STREAM, 1);
        if (!snapshot) throw new Error('no snapshot');
        const { events } = await store.readStream(STREAM, { fromVersion: snapshot.version + 1 });
        check(Aggregate.load(tallyDecider, events, snapshot));
        return events.length;
      },
      ceiling: async () => {
        const [row] =
          await sql`SELECT state, version FROM snapshots WHERE stream_id = ${STREAM} AND schema_version = 1`;
        return rawStream(Number(row?.version) + 1);
      },
    },
    {
      // handleCommand parses every loaded event with the decider's registry (zod) before folding.
      // (The order decider itself is not used: orders stop at 100 items, so no real order stream
      // is this long, and its evolve copies the item list per event.)
      scenario: `${STREAM_LENGTH.toLocaleString('en-US')}-event stream, each event parsed by the registry as handleCommand does`,
      subject: async () => {
        const { events } = await store.readStream(STREAM);
        const history = events.map((event: StoredEvent) => orderEvents.parse(event) as EventEnvelope);
        check(Aggregate.load(tallyDecider, history));
        return events.length;
      },
      ceiling: () => rawStream(1),
    },
  ];
};

/**
 * `read`: one order stream of 10,000 events read through the store and rehydrated with the
 * kernel's `Aggregate`, with and without a snapshot, against a raw SELECT of the same rows on the
 * same connection pool size. Raw and store phases alternate.
 */
export const readStreamBenchmark: Benchmark = {
  name: 'read',
  async run({ quick, log }: BenchContext): Promise<BenchResult> {
    const database = await benchDatabase({ label: 'bench_read' });
    const store = await createPostgresEventStore({ url: database.url, max: 2, notify: false });
    const sql = postgres(database.url, { max: 2, onnotice: () => {} });
    const load: LoadOptions = quick
      ? { concurrency: 1, warmupMs: 100, durationMs: 300 }
      : { concurrency: 1, warmupMs: 300, durationMs: 2_000 };
    try {
      await fill(store, sql);
      const comparisons: Comparison[] = [];
      for (const line of lines(store, sql)) {
        const subject: Summary[] = [];
        const ceiling: Summary[] = [];
        for (let round = 0; round < (quick ? 1 : 2); round++) {
          ceiling.push(await runLoad(line.ceiling, load));
          subject.push(await runLoad(line.subject, load));
        }
        const [s, c] = [mergeSummaries(subject), mergeSummaries(ceiling)];
        comparisons.push({
          benchmark: 'read',
          scenario: line.scenario,
          subject: s,
          ceiling: c,
          ratio: ratioOf(s, c),
          ...(line.target === undefined ? {} : { target: line.target }),
          latencyOf: 'rehydration',
        });
        log(
          `read · ${line.scenario}: ${Math.round(s.p50Ms * 100) / 100} ms vs raw ${Math.round(c.p50Ms * 100) / 100} ms (${Math.round(ratioOf(s, c) * 100)}%)`,
        );
      }
      return { comparisons };
    } finally {
      await sql.end({ timeout: 5 });
      await store.close();
      await database.drop();
    }
  },
};
