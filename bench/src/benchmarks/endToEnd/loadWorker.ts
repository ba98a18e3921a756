import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { createOrderBody } from '../../fixtures/orderEvents.js';
import type { LoadRequest, LoadResult } from './openLoop.js';

/**
 * The open-loop generator, in a worker thread so it never shares an event loop with the
 * services: order i is due at start + i / rate whatever happened to earlier ones, and its
 * latency is counted from when it was due (a stalled system cannot hide its queue).
 */
const job = workerData as LoadRequest;
const agent = new Agent({ keepAlive: true, maxSockets: 1_024 });

const call = (
  method: 'GET' | 'POST',
  url: string,
  body?: string,
): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        agent,
        headers:
          body === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });

const latencies: number[] = [];
const postLatencies: number[] = [];
const created: { orderId: string; dueAtEpochMs: number }[] = [];
const errors: string[] = [];
let completed = 0;
let retries = 0;
let shed = 0;
/** Orders sent and not yet answered, by when they were due. */
const inFlight = new Set<number>();

const order = async (dueAt: number) => {
  // A system that has fallen this far behind fails the step anyway; sending more would only make
  // the run longer, so the generator sheds the order (and reports it) instead.
  if (inFlight.size >= job.maxInFlight) {
    shed += 1;
    return;
  }
  inFlight.add(dueAt);
  try {
    const posted = await call('POST', `${job.commandUrl}/orders`, createOrderBody);
    if (posted.status !== 201)
      throw new Error(`POST /orders answered ${posted.status}: ${posted.body.slice(0, 200)}`);
    postLatencies.push(performance.now() - dueAt);
    const { orderId, position } = JSON.parse(posted.body) as { orderId: string; position: string };
    if (job.visible) {
      // minPosition makes the query service wait (bounded) for its projection: one request, no polling.
      for (;;) {
        const read = await call(
          'GET',
          `${job.queryUrl}/orders/${orderId}?minPosition=${encodeURIComponent(position)}`,
        );
        if (read.status === 200) break;
        if (read.status !== 503)
          throw new Error(`GET /orders/:id answered ${read.status}: ${read.body.slice(0, 200)}`);
        retries += 1;
      }
    }
    latencies.push(performance.now() - dueAt);
    created.push({ orderId, dueAtEpochMs: performance.timeOrigin + dueAt });
    completed += 1;
  } catch (error) {
    if (errors.length < 10) errors.push(error instanceof Error ? error.message : String(error));
    else errors.push('');
  } finally {
    inFlight.delete(dueAt);
  }
};

const run = async (): Promise<LoadResult> => {
  const total = Math.round((job.rate * job.durationMs) / 1000);
  const interval = 1000 / job.rate;
  const start = performance.now() + 5;
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; ) {
    const now = performance.now();
    while (i < total && start + i * interval <= now) pending.push(order(start + i++ * interval));
    if (i < total)
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, start + i * interval - performance.now())),
      );
  }
  const sentFor = performance.now() - start;
  const drained = Promise.all(pending);
  const deadline = new Promise((resolve) => setTimeout(resolve, job.drainMs).unref());
  await Promise.race([drained, deadline]);
  // Unanswered at the deadline: counted at what they had waited so far, a lower bound.
  const cutoff = performance.now();
  for (const dueAt of inFlight) latencies.push(cutoff - dueAt);
  agent.destroy();
  return {
    sent: total - shed,
    shed,
    unanswered: inFlight.size,
    completed,
    sentForMs: sentFor,
    elapsedMs: performance.now() - start,
    latencies,
    postLatencies,
    created: job.visible ? [] : created,
    errors: errors.length,
    firstErrors: errors.filter(Boolean).slice(0, 5),
    retries,
  };
};

parentPort?.postMessage(await run());
