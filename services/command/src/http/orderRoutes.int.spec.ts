import { problemTypes } from '@causeway/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, uuidv7Format, validOrder } from '../fixtures/testApp.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ label: 'routes' });
});
afterAll(() => t.close());

const create = (headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/orders', payload: validOrder, headers });
const addItem = (orderId: string, headers: Record<string, string> = {}, sku = 'MUG-1') =>
  t.app.inject({
    method: 'POST',
    url: `/orders/${orderId}/items`,
    payload: { sku, quantity: 1, unitPrice: 999 },
    headers,
  });
const cancel = (orderId: string, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: `/orders/${orderId}/cancel`,
    payload: { reason: 'changed my mind' },
    headers,
  });
const streamOf = async (orderId: string) => (await t.store.readStream(`order-${orderId}`)).events;

describe('POST /orders', () => {
  it('creates the order: 201, Location, ETag "1", { orderId, version, position }, total computed', async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const response = await create({ 'x-correlation-id': 'corr-create-1', traceparent });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toEqual({
      orderId: expect.stringMatching(uuidv7Format),
      version: 1,
      position: expect.any(String),
    });
    expect(response.headers.location).toBe(`/orders/${body.orderId}`);
    expect(response.headers.etag).toBe('"1"');

    const [event, ...rest] = await streamOf(body.orderId);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      type: 'ORDER_CREATED',
      aggregateType: 'order',
      aggregateId: body.orderId,
      version: 1,
      position: body.position,
      payload: { ...validOrder, total: 3_750 },
      metadata: { correlationId: 'corr-create-1', traceparent },
    });
    // The event's causation is the command the request became, which is neither the event nor the request.
    expect(event?.metadata.causationId).toMatch(uuidv7Format);
    expect(event?.metadata.causationId).not.toBe(event?.id);
  });
});

describe('POST /orders/:orderId/items', () => {
  it('adds an item: version 2, new ETag and total', async () => {
    const { orderId } = (await create()).json();
    const response = await addItem(orderId);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ orderId, version: 2, position: expect.any(String) });
    expect(response.headers.etag).toBe('"2"');
    expect(response.headers.location).toBeUndefined();
    const events = await streamOf(orderId);
    expect(events.map((e) => [e.type, e.version])).toEqual([
      ['ORDER_CREATED', 1],
      ['ORDER_ITEM_ADDED', 2],
    ]);
    expect(events[1]?.payload).toEqual({ item: { sku: 'MUG-1', quantity: 1, unitPrice: 999 }, total: 4_749 });
    expect(events[1]?.position).not.toBe(events[0]?.position);
  });

  it('404 for an order that does not exist, with the rule code, and writes nothing', async () => {
    const before = await t.eventCount();
    const response = await addItem('01970000-0000-7000-8000-00000000dead');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ type: problemTypes.notFound, code: 'ORDER_NOT_FOUND' });
    expect(await t.eventCount()).toBe(before);
  });

  it('422 past 100 items (ORDER_TOO_MANY_ITEMS)', async () => {
    const items = Array.from({ length: 100 }, (_, i) => ({ sku: `SKU-${i}`, quantity: 1, unitPrice: 1 }));
    const created = await t.app.inject({
      method: 'POST',
      url: '/orders',
      payload: { customerId: 'c-9', items },
    });
    expect(created.statusCode).toBe(201);
    const response = await addItem(created.json().orderId);
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ type: problemTypes.ruleViolation, code: 'ORDER_TOO_MANY_ITEMS' });
  });
});

describe('POST /orders/:orderId/cancel', () => {
  it('cancels a pending order; a second cancel is 409 ORDER_NOT_PENDING', async () => {
    const { orderId } = (await create()).json();
    const response = await cancel(orderId);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ orderId, version: 2, position: expect.any(String) });
    expect(response.headers.etag).toBe('"2"');
    expect((await streamOf(orderId)).at(-1)).toMatchObject({
      type: 'ORDER_CANCELLED',
      payload: { reason: 'changed my mind' },
    });

    const again = await cancel(orderId);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ type: problemTypes.ruleViolation, code: 'ORDER_NOT_PENDING' });
    expect((await addItem(orderId)).statusCode).toBe(409);
    expect(await streamOf(orderId)).toHaveLength(2);
  });
});

describe('conditional writes (If-Match)', () => {
  it('writes when If-Match is the current version', async () => {
    const { orderId } = (await create()).json();
    const response = await addItem(orderId, { 'if-match': '"1"' });
    expect(response.statusCode).toBe(200);
    expect(response.headers.etag).toBe('"2"');
    const cancelled = await cancel(orderId, { 'if-match': '"2"' });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.headers.etag).toBe('"3"');
  });

  it('412 for a stale version, with expected and current versions, and writes nothing', async () => {
    const { orderId } = (await create()).json();
    await addItem(orderId);
    for (const send of [
      () => addItem(orderId, { 'if-match': '"1"' }),
      () => cancel(orderId, { 'if-match': '"1"' }),
    ]) {
      const response = await send();
      expect(response.statusCode).toBe(412);
      expect(response.json()).toMatchObject({
        type: problemTypes.preconditionFailed,
        expectedVersion: 1,
        currentVersion: 2,
      });
    }
    // A version from the future is just as stale.
    expect((await cancel(orderId, { 'if-match': '"7"' })).statusCode).toBe(412);
    expect(await streamOf(orderId)).toHaveLength(2);
  });

  it('412 rather than a rule violation when the caller saw an older state', async () => {
    const { orderId } = (await create()).json();
    await cancel(orderId);
    const response = await addItem(orderId, { 'if-match': '"1"' });
    expect(response.statusCode).toBe(412);
  });

  it.each(['1', 'W/"1"', '*', '"1", "2"', '"abc"', '"0"'])(
    '400 naming if-match for a malformed %s',
    async (ifMatch) => {
      const { orderId } = (await create()).json();
      const response = await cancel(orderId, { 'if-match': ifMatch });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        type: problemTypes.validation,
        errors: [{ in: 'headers', path: 'if-match', message: expect.any(String) }],
      });
      expect(await streamOf(orderId)).toHaveLength(1);
    },
  );
});
