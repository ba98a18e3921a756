import { createPostgresEventStore, type DrizzleEventStore, type StoredEvent } from '@causeway/event-store';
import { createRelay, encodeEvent, ensureTopology } from '@causeway/jetstream';
import { isolateNats } from '@causeway/jetstream/testing';
import type { PubAck } from '@nats-io/jetstream';
import postgres from 'postgres';
import { loadOrderFlows } from '../fixtures/bulkLoad.js';
import { benchDatabase } from '../fixtures/database.js';
import { waitFor } from '../fixtures/waitFor.js';
import type { BenchContext, Benchmark, BenchResult } from '../runner/benchmark.js';
import { ChunkTimer } from '../runner/progress.js';
import { fmt } from '../runner/report.js';
import { mergeSummaries, ratioOf, type Summary } from '../runner/stats.js';

/** The relay's own default: publishes awaiting their ack at once. */
const WINDOW = 256;

/** createRelay on the pre-filled store, from an empty stream of its own, until every event is in. */
const measureRelay = async (store: DrizzleEventStore, total: number, chunk: number): Promise<Summary> => {
  const nats = await isolateNats({ label: 'benchrelay' });
  try {
    await ensureTopology({ nc: nats.nc, prefix: nats.prefix });
    const relay = createRelay({ nc: nats.nc, store, prefix: nats.prefix, window: WINDOW });
    const timer = new ChunkTimer(chunk);
    timer.start();
    relay.start();
    try {
      await waitFor(() => relay.metrics.published >= total, `the relay to publish ${total} events`, {
        timeoutMs: 300_000,
        intervalMs: 1,
        onPoll: () => timer.mark(relay.metrics.published),
      });
      timer.mark(relay.metrics.published);
    } finally {
      await relay.stop();
    }
    if (relay.metrics.errors + relay.metrics.fenced > 0) throw new Error('the relay failed during the run');
    return timer.summary();
  } finally {
    await nats.cleanup();
  }
};

/**
 * The ceiling: the same messages (subject, body, headers, Nats-Msg-Id), encoded beforehand,
 * published with the same number in flight, into a stream of the same configuration.
 */
const measureRaw = async (events: readonly StoredEvent[], chunk: number): Promise<Summary> => {
  const nats = await isolateNats({ label: 'benchrelayraw' });
  try {
    await ensureTopology({ nc: nats.nc, prefix: nats.prefix });
    const messages = events.map((event) => encodeEvent(nats.names, event));
    const timer = new ChunkTimer(chunk);
    const inFlight: Promise<PubAck>[] = [];
    let acked = 0;
    const settle = async () => {
      await inFlight.shift();
      acked += 1;
      timer.mark(acked);
    };
    timer.start();
    for (const message of messages) {
      while (inFlight.length >= WINDOW) await settle();
      inFlight.push(
        nats.js.publish(message.subject, message.data, { msgID: message.msgID, headers: message.headers }),
      );
    }
    while (inFlight.length > 0) await settle();
    return timer.summary();
  } finally {
    await nats.cleanup();
  }
};

/**
 * `relay`: store -> JetStream events/s, createRelay on a store pre-filled with order flows,
 * against raw pipelined publishes of the same messages; each run into a stream of its own,
 * deleted afterwards. Raw and relay alternate.
 */
export const relayBenchmark: Benchmark = {
  name: 'relay',
  async run({ quick, log }: BenchContext): Promise<BenchResult> {
    const total = quick ? 1_500 : 60_000;
    const chunk = quick ? 250 : 2_000;
    const database = await benchDatabase({ label: 'bench_relay' });
    const sql = postgres(database.url, { max: 2, onnotice: () => {} });
    const store = await createPostgresEventStore({ url: database.url, max: 4, notify: false });
    try {
      await loadOrderFlows(sql, total / 3);
      const events: StoredEvent[] = [];
      for await (const event of store.streamAll()) events.push(event);
      const subject: Summary[] = [];
      const ceiling: Summary[] = [];
      for (let round = 0; round < (quick ? 1 : 2); round++) {
        ceiling.push(await measureRaw(events, chunk));
        subject.push(await measureRelay(store, total, chunk));
        log(
          `relay · round ${round + 1}: ${fmt(subject.at(-1)?.eventsPerSecond ?? 0)} events/s vs raw ${fmt(ceiling.at(-1)?.eventsPerSecond ?? 0)}`,
        );
      }
      const [s, c] = [mergeSummaries(subject), mergeSummaries(ceiling)];
      const bytes = events.reduce((sum, e) => sum + JSON.stringify(e).length, 0) / events.length;
      return {
        comparisons: [
          {
            benchmark: 'relay',
            scenario: `store -> JetStream, ${fmt(total)} events of ${fmt(bytes)} bytes on average`,
            subject: s,
            ceiling: c,
            ratio: ratioOf(s, c),
            target: 0.5,
            latencyOf: `${fmt(chunk)} events`,
          },
        ],
      };
    } finally {
      await store.close();
      await sql.end({ timeout: 5 });
      await database.drop();
    }
  },
};
