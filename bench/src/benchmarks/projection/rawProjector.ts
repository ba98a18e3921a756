import { ensureConsumer, type TopologyNames } from '@causeway/jetstream';
import type { JetStreamClient, JetStreamManager, JsMsg } from '@nats-io/jetstream';
import type postgres from 'postgres';
import { ChunkTimer } from '../../runner/progress.js';
import type { Summary } from '../../runner/stats.js';

/** The ceiling's read model: the order summary's columns, plain, with no checks. */
export const RAW_TABLES = `
  CREATE TABLE raw_summaries (order_id text PRIMARY KEY, customer_id text, status text, items jsonb,
    total bigint, paid bigint NOT NULL, version integer NOT NULL, created_at timestamptz, updated_at timestamptz);
  CREATE TABLE raw_payments (payment_id text PRIMARY KEY, order_id text NOT NULL, status text NOT NULL,
    amount bigint, version integer NOT NULL, updated_at timestamptz NOT NULL);
  CREATE TABLE raw_checkpoints (name text PRIMARY KEY, position text NOT NULL)`;

export interface Envelope {
  type: string;
  aggregateId: string;
  version: number;
  timestamp: string;
  position: string;
  payload: Record<string, unknown>;
}

interface SummaryPatch {
  order_id: string;
  customer_id: string | null;
  status: string | null;
  items: unknown;
  total: number | null;
  paid: number;
  version: number;
  created_at: string | null;
  updated_at: string;
}

const decoder = new TextDecoder();

/** A batch of events as row patches: one per order and per payment (an upsert touches a row once). */
export const patches = (events: readonly Envelope[]) => {
  const summaries = new Map<string, SummaryPatch>();
  const payments = new Map<string, Record<string, unknown>>();
  const summary = (orderId: string, at: string) => {
    let patch = summaries.get(orderId);
    if (!patch) {
      patch = {
        order_id: orderId,
        customer_id: null,
        status: null,
        items: null,
        total: null,
        paid: 0,
        version: 0,
        created_at: null,
        updated_at: at,
      };
      summaries.set(orderId, patch);
    }
    patch.updated_at = at;
    return patch;
  };
  for (const e of events) {
    if (e.type === 'PAYMENT_PROCESSED') {
      const orderId = String(e.payload.orderId);
      payments.set(e.aggregateId, {
        payment_id: e.aggregateId,
        order_id: orderId,
        status: 'PROCESSED',
        amount: e.payload.amount,
        version: e.version,
        updated_at: e.timestamp,
      });
      summary(orderId, e.timestamp).paid += Number(e.payload.amount);
      continue;
    }
    const patch = summary(e.aggregateId, e.timestamp);
    patch.version = e.version;
    if (e.type === 'ORDER_CREATED') {
      Object.assign(patch, {
        customer_id: e.payload.customerId,
        status: 'PENDING',
        items: e.payload.items,
        total: e.payload.total,
        created_at: e.timestamp,
      });
    } else if (e.type === 'ORDER_CONFIRMED') {
      patch.status = 'CONFIRMED';
    }
  }
  return { summaries: [...summaries.values()], payments: [...payments.values()] };
};

/** The ceiling's two upserts, with the batch's rows as JSON in `$1`; the runner's stand-in handler sends the same. */
export const UPSERT_SUMMARIES = `
  INSERT INTO raw_summaries AS t
  SELECT * FROM jsonb_to_recordset($1::text::jsonb) AS x(order_id text, customer_id text,
    status text, items jsonb, total bigint, paid bigint, version integer, created_at timestamptz, updated_at timestamptz)
  ON CONFLICT (order_id) DO UPDATE SET customer_id = coalesce(excluded.customer_id, t.customer_id),
    status = coalesce(excluded.status, t.status), items = coalesce(excluded.items, t.items),
    total = coalesce(excluded.total, t.total), paid = t.paid + excluded.paid,
    version = greatest(t.version, excluded.version), created_at = coalesce(t.created_at, excluded.created_at),
    updated_at = excluded.updated_at`;
export const UPSERT_PAYMENTS = `
  INSERT INTO raw_payments AS t
  SELECT * FROM jsonb_to_recordset($1::text::jsonb) AS x(payment_id text, order_id text,
    status text, amount bigint, version integer, updated_at timestamptz)
  ON CONFLICT (payment_id) DO UPDATE SET status = excluded.status, amount = excluded.amount,
    version = excluded.version, updated_at = excluded.updated_at`;

/** One transaction per batch: two multi-row upserts and the checkpoint. */
const applyBatch = async (sql: postgres.Sql, name: string, events: readonly Envelope[]) => {
  const { summaries, payments } = patches(events);
  const position = events.at(-1)?.position as string;
  await sql.begin(async (tx) => {
    await tx.unsafe(UPSERT_SUMMARIES, [JSON.stringify(summaries)], { prepare: true });
    if (payments.length > 0) await tx.unsafe(UPSERT_PAYMENTS, [JSON.stringify(payments)], { prepare: true });
    await tx`INSERT INTO raw_checkpoints VALUES (${name}, ${position})
             ON CONFLICT (name) DO UPDATE SET position = excluded.position`;
  });
};

export interface RawProjectorOptions {
  js: JetStreamClient;
  jsm: JetStreamManager;
  names: TopologyNames;
  sql: postgres.Sql;
  durable: string;
  batchSize: number;
  total: number;
  chunk: number;
  maxMs: number;
}

/**
 * The ceiling: a durable pull consumer read with `consume()`, bodies parsed, batches of
 * `batchSize` (or whatever is there) upserted in one transaction, acknowledged after the commit.
 */
export const runRawProjector = async (options: RawProjectorOptions): Promise<Summary> => {
  await ensureConsumer(options.jsm, options.names.eventsStream, {
    stream: 'events',
    durable: options.durable,
    filterSubject: options.names.allEvents,
  });
  const consumer = await options.js.consumers.get(options.names.eventsStream, options.durable);
  const messages = await consumer.consume({ max_messages: 256 });
  const timer = new ChunkTimer(options.chunk);
  const deadline = performance.now() + options.maxMs;
  let batch: JsMsg[] = [];
  let done = 0;
  timer.start();
  try {
    for await (const message of messages) {
      batch.push(message);
      if (batch.length < options.batchSize && message.info.pending > 0) continue;
      await applyBatch(
        options.sql,
        options.durable,
        batch.map((m) => JSON.parse(decoder.decode(m.data)) as Envelope),
      );
      for (const m of batch) m.ack();
      done += batch.length;
      timer.mark(done);
      batch = [];
      if (done >= options.total || performance.now() > deadline) break;
    }
  } finally {
    messages.stop();
  }
  return timer.summary();
};
