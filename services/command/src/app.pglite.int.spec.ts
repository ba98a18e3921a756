import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, validOrder } from './fixtures/testApp.js';

// The embedded driver (one in-process connection) runs the same API: embedded mode relies on it.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ driver: 'pglite' });
});
afterAll(() => t.close());

describe('the command API on PGlite', () => {
  it('creates, adds an item, replays a keyed retry, and cancels', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/orders',
      payload: validOrder,
      headers: { 'idempotency-key': 'pglite-1' },
    });
    expect(created.statusCode).toBe(201);
    const { orderId } = created.json();
    expect(created.headers.location).toBe(`/orders/${orderId}`);

    const added = await t.app.inject({
      method: 'POST',
      url: `/orders/${orderId}/items`,
      payload: { sku: 'MUG-1', quantity: 1, unitPrice: 250 },
      headers: { 'if-match': '"1"' },
    });
    expect(added.json()).toMatchObject({ orderId, version: 2 });

    const retried = await t.app.inject({
      method: 'POST',
      url: '/orders',
      payload: validOrder,
      headers: { 'idempotency-key': 'pglite-1' },
    });
    expect(retried.json()).toEqual(created.json());

    const cancelled = await t.app.inject({
      method: 'POST',
      url: `/orders/${orderId}/cancel`,
      payload: { reason: 'embedded' },
      headers: { 'if-match': '"2"' },
    });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.headers.etag).toBe('"3"');
    const { events } = await t.store.readStream(`order-${orderId}`);
    expect(events.map((e) => e.type)).toEqual(['ORDER_CREATED', 'ORDER_ITEM_ADDED', 'ORDER_CANCELLED']);
    expect(events[1]?.payload).toMatchObject({ total: 4_000 });
    expect(await t.eventCount()).toBe(3);
  });
});
