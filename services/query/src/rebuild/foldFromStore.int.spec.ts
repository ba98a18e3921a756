import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendOrderFlows } from '../fixtures/scenario.js';
import { createTestQuery, type TestQuery } from '../fixtures/testQuery.js';
import { orderPayments, orderSummaries } from '../schema/index.js';
import { foldFromStore } from './foldFromStore.js';

let q: TestQuery;
beforeAll(async () => {
  q = await createTestQuery({ label: 'fold' });
});
afterAll(() => q.close());

const byKey =
  <T>(key: (row: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

describe('foldFromStore', () => {
  it('equals the tables the projection built, and writes nothing', async () => {
    const last = await appendOrderFlows(q, 20);
    await q.project();
    const folded = await foldFromStore(q.store.db, 7);
    const summaries = (await q.store.db.select().from(orderSummaries)).sort(byKey((r) => r.orderId));
    const payments = (await q.store.db.select().from(orderPayments)).sort(byKey((r) => r.paymentId));
    expect(folded.summaries).toEqual(summaries);
    expect(folded.payments).toEqual(payments);
    expect(folded.position).toBe(last);
    expect(await q.store.db.select().from(orderSummaries)).toHaveLength(20);
  });

  it('is empty for an empty log', async () => {
    const empty = await createTestQuery({ driver: 'pglite' });
    try {
      expect(await foldFromStore(empty.store.db)).toEqual({
        summaries: [],
        payments: [],
        position: undefined,
      });
    } finally {
      await empty.close();
    }
  });
});
