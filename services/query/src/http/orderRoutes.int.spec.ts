import { uuidv7 } from '@causeway/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cancelled,
  confirmed,
  created,
  defaultTotal,
  itemAdded,
  orderEvent,
  paymentEvent,
  processed,
  refunded,
} from '../fixtures/events.js';
import { createTestQuery, type TestQuery } from '../fixtures/testQuery.js';

let q: TestQuery;
beforeAll(async () => {
  q = await createTestQuery({ label: 'routes' });
});
afterAll(() => q.close());

const get = (url: string) => q.app.inject({ method: 'GET', url });

describe('GET /orders/:orderId', () => {
  it('answers the summary with its payments, and the stream version as ETag', async () => {
    const orderId = uuidv7();
    const paymentId = uuidv7();
    const item = { sku: 'MUG', quantity: 1, unitPrice: 900 };
    await q.append(
      orderEvent(orderId, created('alice')),
      orderEvent(orderId, itemAdded(item, defaultTotal + 900)),
    );
    await q.append(paymentEvent(paymentId, processed(paymentId, orderId, defaultTotal + 900)));
    await q.append(orderEvent(orderId, confirmed(paymentId, defaultTotal + 900)));
    await q.project();

    const response = await get(`/orders/${orderId}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers.etag).toBe('"3"');
    expect(response.json()).toEqual({
      orderId,
      customerId: 'alice',
      status: 'CONFIRMED',
      items: [...created().payload.items, item],
      total: defaultTotal + 900,
      paid: defaultTotal + 900,
      refunded: 0,
      cancellationReason: null,
      version: 3,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      payments: [
        {
          paymentId,
          status: 'PROCESSED',
          amount: defaultTotal + 900,
          refunded: 0,
          failureReason: null,
          createdAt: expect.any(String),
          updatedAt: expect.any(String),
        },
      ],
    });
  });

  it('shows a cancelled, refunded order as net zero', async () => {
    const orderId = uuidv7();
    const paymentId = uuidv7();
    await q.append(orderEvent(orderId, created()));
    await q.append(paymentEvent(paymentId, processed(paymentId, orderId, defaultTotal)));
    await q.append(orderEvent(orderId, cancelled('customer cancelled')));
    await q.append(paymentEvent(paymentId, refunded(paymentId, orderId, defaultTotal)));
    await q.project();
    const body = (await get(`/orders/${orderId}`)).json();
    expect(body).toMatchObject({ status: 'CANCELLED', paid: 0, refunded: defaultTotal, version: 2 });
    expect(body.payments).toMatchObject([{ paymentId, status: 'REFUNDED', refunded: defaultTotal }]);
  });

  it('is 404 problem+json for an order it does not have', async () => {
    const response = await get(`/orders/${uuidv7()}`);
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 404, type: 'https://causeway.dev/problems/not-found' });
  });
});

describe('GET /orders', () => {
  const customer = `list-${uuidv7()}`;
  const ids: string[] = [];

  beforeAll(async () => {
    // Seven orders one second apart, the newest last; the second and fifth get cancelled.
    const base = Date.parse('2031-05-01T00:00:00.000Z');
    for (let i = 0; i < 7; i++) {
      const orderId = uuidv7();
      ids.push(orderId);
      await q.append(orderEvent(orderId, created(customer), new Date(base + i * 1000)));
      if (i === 1 || i === 4) await q.append(orderEvent(orderId, cancelled(), new Date(base + i * 1000 + 1)));
    }
    await q.append(orderEvent(uuidv7(), created(`${customer}-other`)));
    await q.project();
  });

  const page = async (query: string) => {
    const response = await get(`/orders?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { orders: { orderId: string; status: string }[]; nextCursor: string | null };
  };

  it('lists a customer’s orders newest first', async () => {
    const body = await page(`customerId=${customer}`);
    expect(body.orders.map((o) => o.orderId)).toEqual([...ids].reverse());
    expect(body.nextCursor).toBeNull();
  });

  it('filters by status, alone and with the customer', async () => {
    const both = await page(`customerId=${customer}&status=CANCELLED`);
    expect(both.orders.map((o) => o.orderId)).toEqual([ids[4], ids[1]]);
    const byStatus = await page('status=CANCELLED&limit=100');
    expect(byStatus.orders.every((o) => o.status === 'CANCELLED')).toBe(true);
    expect(byStatus.orders.map((o) => o.orderId)).toEqual(expect.arrayContaining([ids[4], ids[1]]));
  });

  it('pages by cursor: every order once, in order', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const body = await page(`customerId=${customer}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(body.orders.length).toBeLessThanOrEqual(3);
      seen.push(...body.orders.map((o) => o.orderId));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
  });

  it('is stable when orders are inserted between pages', async () => {
    const first = await page(`customerId=${customer}&limit=2`);
    expect(first.orders.map((o) => o.orderId)).toEqual([ids[6], ids[5]]);
    // While the client pages: one order sorting before its cursor (newer), one between pages still
    // ahead, one after everything (older).
    const newer = uuidv7();
    const between = uuidv7();
    const older = uuidv7();
    await q.append(orderEvent(newer, created(customer), new Date('2032-01-01T00:00:00.000Z')));
    await q.append(orderEvent(between, created(customer), new Date('2031-05-01T00:00:03.500Z')));
    await q.append(orderEvent(older, created(customer), new Date('2020-01-01T00:00:00.000Z')));
    await q.project();
    const seen = first.orders.map((o) => o.orderId);
    let cursor = first.nextCursor;
    while (cursor) {
      const body = await page(`customerId=${customer}&limit=2&cursor=${cursor}`);
      seen.push(...body.orders.map((o) => o.orderId));
      cursor = body.nextCursor;
    }
    // No order twice, none that existed skipped; inserts appear only where they sort after the cursor.
    expect(seen).toEqual([ids[6], ids[5], ids[4], between, ids[3], ids[2], ids[1], ids[0], older]);
    expect(seen).not.toContain(newer);
  });

  it('defaults to 20 per page', async () => {
    for (let i = 0; i < 21; i++) await q.append(orderEvent(uuidv7(), created('many')));
    await q.project();
    const body = await page('customerId=many');
    expect(body.orders).toHaveLength(20);
    expect(body.nextCursor).not.toBeNull();
  });
});

describe('GET /orders/:orderId/history', () => {
  it('answers the stream’s events from the store, with positions', async () => {
    const orderId = uuidv7();
    const appended = await q.append(orderEvent(orderId, created()), orderEvent(orderId, cancelled('late')));
    const response = await get(`/orders/${orderId}/history`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ orderId, version: 2 });
    expect(body.events.map((e: { type: string; version: number }) => [e.type, e.version])).toEqual([
      ['ORDER_CREATED', 1],
      ['ORDER_CANCELLED', 2],
    ]);
    expect(body.events[1]).toMatchObject({
      payload: { reason: 'late' },
      position: appended.position,
      metadata: { correlationId: 'test-correlation' },
    });
  });

  it('reads from a version, with a limit', async () => {
    const orderId = uuidv7();
    await q.append(orderEvent(orderId, created()), orderEvent(orderId, cancelled()));
    const body = (await get(`/orders/${orderId}/history?fromVersion=2&limit=1`)).json();
    expect(body.version).toBe(2);
    expect(body.events.map((e: { version: number }) => e.version)).toEqual([2]);
  });

  it('is 404 when the order has no stream', async () => {
    expect((await get(`/orders/${uuidv7()}/history`)).statusCode).toBe(404);
  });
});
