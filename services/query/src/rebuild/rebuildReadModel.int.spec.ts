import { comparePositions, type Position, queryRows } from '@causeway/event-store';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackgroundProjector } from '../fixtures/backgroundProjector.js';
import { appendOrderFlows } from '../fixtures/scenario.js';
import { createTestQuery, type TestQuery } from '../fixtures/testQuery.js';
import type { RebuildProgress } from './progress.js';
import { rebuildReadModel } from './rebuildReadModel.js';
import { RebuildInProgressError } from './shadowTables.js';

let q: TestQuery;
beforeAll(async () => {
  q = await createTestQuery({ label: 'rebuild' });
});
afterAll(() => q.close());

/** The whole read model as text, row by row in key order: equal dumps are byte-for-byte equal tables. */
const dump = async (store = q.store) => {
  const [row] = await queryRows<{ summaries: string; payments: string }>(
    store.db,
    sql`SELECT
          (SELECT coalesce(json_agg(row_to_json(s) ORDER BY s.order_id), '[]')::text FROM order_summaries s) AS summaries,
          (SELECT coalesce(json_agg(row_to_json(p) ORDER BY p.payment_id), '[]')::text FROM order_payments p) AS payments`,
  );
  return row as { summaries: string; payments: string };
};

const indexNames = () =>
  queryRows<{ table: string; name: string }>(
    q.store.db,
    sql`SELECT tablename AS table, indexname AS name FROM pg_indexes
         WHERE tablename IN ('order_summaries', 'order_payments', 'order_summaries_next', 'order_payments_next')
         ORDER BY 1, 2`,
  );

describe('rebuildReadModel', () => {
  it('rebuilds exactly what the incremental projection built, and keeps the schema’s names', async () => {
    await appendOrderFlows(q, 60);
    await q.project();
    const incremental = await dump();
    const indexes = await indexNames();
    expect(JSON.parse(incremental.summaries)).toHaveLength(60);

    const progress: RebuildProgress[] = [];
    const result = await rebuildReadModel({
      store: q.store,
      batchSize: 37,
      onProgress: (p) => progress.push(p),
    });

    expect(await dump()).toEqual(incremental);
    expect(await indexNames()).toEqual(indexes);
    expect(result.events).toBeGreaterThan(60);
    const head = (await q.store.headPosition()) as Position;
    expect(comparePositions(result.checkpoint, head)).toBe(1);
    expect(await q.store.readCheckpoint('query-order-summaries')).toBe(result.checkpoint);
    expect(progress.map((p) => p.phase)).toEqual(expect.arrayContaining(['load', 'index', 'switch', 'done']));
    expect(progress.at(-1)).toMatchObject({ phase: 'done', percent: 100, events: result.events });
  });

  it('gives the same result when rows do not fit in memory and are read back between batches', async () => {
    const incremental = await dump();
    await rebuildReadModel({ store: q.store, batchSize: 16, cacheRows: 8 });
    expect(await dump()).toEqual(incremental);
  });

  it('hands over to the incremental projection: later events apply on top, once', async () => {
    await appendOrderFlows(q, 10);
    await q.project();
    const incremental = await dump();
    await rebuildReadModel({ store: q.store });
    expect(await dump()).toEqual(incremental);
  });

  it('keeps answering while it runs, with the live consumer and writers busy, and ends equal to a fresh fold', async () => {
    const projector = startBackgroundProjector(q);
    let writing = true;
    const writer = (async () => {
      while (writing) await appendOrderFlows(q, 1);
    })();
    let reads = 0;
    const statuses = new Set<number>();
    let reading = true;
    const reader = (async () => {
      while (reading) {
        const response = await q.app.inject({ method: 'GET', url: '/orders?customerId=customer-3&limit=5' });
        statuses.add(response.statusCode);
        reads += 1;
      }
    })();
    try {
      await rebuildReadModel({ store: q.store, batchSize: 50 });
    } finally {
      reading = false;
      writing = false;
      await Promise.all([reader, writer]);
      await projector.stop();
    }
    expect(reads).toBeGreaterThan(0);
    expect([...statuses]).toEqual([200]);

    // Whatever the consumer applied before, during and after the switch, the result is the fold.
    await q.project();
    const live = await dump();
    await rebuildReadModel({ store: q.store });
    expect(await dump()).toEqual(live);
  });

  it('refuses to start over shadow tables it finds, unless forced; a failure leaves the live model', async () => {
    const before = await dump();
    // Another rebuild's table (or a killed one's): the second shadow is still to be created.
    await q.store.db.execute(sql`CREATE TABLE order_payments_next (LIKE order_payments)`);
    await expect(rebuildReadModel({ store: q.store })).rejects.toBeInstanceOf(RebuildInProgressError);
    expect(await dump()).toEqual(before);
    const [left] = await queryRows<{ summaries: string | null; payments: string | null }>(
      q.store.db,
      sql`SELECT to_regclass('order_summaries_next')::text AS summaries, to_regclass('order_payments_next')::text AS payments`,
    );
    expect(left).toEqual({ summaries: null, payments: 'order_payments_next' });
    await rebuildReadModel({ store: q.store, force: true });
    expect(await dump()).toEqual(before);
    expect((await indexNames()).filter((i) => i.table.endsWith('_next'))).toEqual([]);
  });
});

describe('rebuildReadModel on PGlite (embedded mode)', () => {
  it('rebuilds exactly what the incremental projection built', async () => {
    const embedded = await createTestQuery({ driver: 'pglite' });
    try {
      await appendOrderFlows(embedded, 25);
      await embedded.project();
      const incremental = await dump(embedded.store);
      expect(JSON.parse(incremental.summaries)).toHaveLength(25);
      await rebuildReadModel({ store: embedded.store, batchSize: 10, cacheRows: 6 });
      expect(await dump(embedded.store)).toEqual(incremental);
    } finally {
      await embedded.close();
    }
  });
});
