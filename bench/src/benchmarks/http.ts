import type { AddressInfo } from 'node:net';
import { buildCommandApp } from '@causeway/command-service';
import { createPostgresEventStore } from '@causeway/event-store';
import { uuidv7 } from '@causeway/kernel';
import autocannon from 'autocannon';
import Fastify, { type FastifyInstance } from 'fastify';
import postgres from 'postgres';
import { benchDatabase } from '../fixtures/database.js';
import { createOrderBody, ORDER_TOTAL } from '../fixtures/orderEvents.js';
import type { BenchContext, Benchmark, BenchResult } from '../runner/benchmark.js';
import { fmt } from '../runner/report.js';
import { mergeSummaries, ratioOf, type Summary } from '../runner/stats.js';

const CONNECTIONS = 32;
const POOL = 10;

/** The ceiling: Fastify with nothing registered, one route, one INSERT of the order per request. */
const bareApp = async (sql: postgres.Sql): Promise<FastifyInstance> => {
  await sql`CREATE TABLE raw_orders (id uuid PRIMARY KEY, customer_id text NOT NULL, items jsonb NOT NULL,
                                     total bigint NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`;
  const app = Fastify();
  app.post('/orders', async (request, reply) => {
    const body = request.body as { customerId: string; items: postgres.JSONValue };
    const id = uuidv7();
    await sql`INSERT INTO raw_orders (id, customer_id, items, total)
              VALUES (${id}, ${body.customerId}, ${sql.json(body.items)}, ${ORDER_TOTAL})`;
    return reply.code(201).send({ orderId: id });
  });
  return app;
};

const listen = async (app: FastifyInstance): Promise<string> => {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/orders`;
};

/** autocannon in a worker thread of its own, so the server keeps this thread's event loop. */
const fire = async (url: string, durationSeconds: number): Promise<Summary> => {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: createOrderBody,
    connections: CONNECTIONS,
    duration: durationSeconds,
    workers: 1,
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  }
  const created = result['2xx'];
  return {
    ops: created,
    events: created,
    elapsedMs: result.duration * 1000,
    eventsPerSecond: created / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
  };
};

/**
 * `http`: POST /orders on the command service's app (buildCommandApp: zod validation, helmet,
 * rate limiting with a limit no run reaches, idempotency, handleCommand through the store)
 * against a bare Fastify route doing one raw INSERT, both listening on a free port and loaded
 * by autocannon with 32 connections. Loggers are off on both sides. Runs alternate.
 */
export const httpBenchmark: Benchmark = {
  name: 'http',
  async run({ quick, log }: BenchContext): Promise<BenchResult> {
    const seconds = quick ? 1 : 6;
    const database = await benchDatabase({ label: 'bench_http' });
    const sql = postgres(database.url, { max: POOL, onnotice: () => {} });
    const store = await createPostgresEventStore({ url: database.url, max: POOL });
    const command = await buildCommandApp({
      store,
      options: { logger: false, rateLimit: { max: 1_000_000_000, timeWindowMs: 60_000 } },
    });
    const bare = await bareApp(sql);
    try {
      const [commandUrl, bareUrl] = [await listen(command), await listen(bare)];
      if (!quick) {
        await fire(bareUrl, 1);
        await fire(commandUrl, 1);
      }
      const subject: Summary[] = [];
      const ceiling: Summary[] = [];
      for (let round = 0; round < (quick ? 1 : 2); round++) {
        ceiling.push(await fire(bareUrl, seconds));
        subject.push(await fire(commandUrl, seconds));
        log(
          `http · round ${round + 1}: POST /orders ${fmt(subject.at(-1)?.eventsPerSecond ?? 0)} req/s vs bare ${fmt(ceiling.at(-1)?.eventsPerSecond ?? 0)}`,
        );
      }
      const [s, c] = [mergeSummaries(subject), mergeSummaries(ceiling)];
      return {
        comparisons: [
          {
            benchmark: 'http',
            scenario: `POST /orders, ${CONNECTIONS} connections (events/s = requests/s)`,
            subject: s,
            ceiling: c,
            ratio: ratioOf(s, c),
            target: 0.5,
            latencyOf: 'request',
          },
        ],
      };
    } finally {
      await command.close();
      await bare.close();
      await store.close();
      await sql.end({ timeout: 5 });
      await database.drop();
    }
  },
};
