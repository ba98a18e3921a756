import { problemTypes } from '@causeway/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, validOrder } from '../fixtures/testApp.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    label: 'idempotency',
    // A stand-in for JWT: the caller names itself, so keys can be seen to be scoped per user.
    deps: {
      options: { authenticate: async (request) => request.headers['x-test-user'] as string | undefined },
    },
  });
});
afterAll(() => t.close());

let keys = 0;
const newKey = () => `key-${Date.now()}-${++keys}`;

const create = (key: string, body: unknown = validOrder, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/orders',
    payload: body as object,
    headers: { 'idempotency-key': key, ...headers },
  });
const addItem = (orderId: string, key: string, quantity = 1) =>
  t.app.inject({
    method: 'POST',
    url: `/orders/${orderId}/items`,
    payload: { sku: 'MUG-1', quantity, unitPrice: 100 },
    headers: { 'idempotency-key': key },
  });

const answerOf = (response: Awaited<ReturnType<typeof create>>) => ({
  status: response.statusCode,
  body: response.json(),
  location: response.headers.location,
  etag: response.headers.etag,
});

describe('Idempotency-Key', () => {
  it('a retry of a create returns the first answer (status, body, Location, ETag) and writes nothing', async () => {
    const key = newKey();
    const first = await create(key);
    expect(first.statusCode).toBe(201);
    const before = await t.eventCount();
    const retry = await create(key, { items: validOrder.items, customerId: validOrder.customerId });
    expect(answerOf(retry)).toEqual(answerOf(first));
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(await t.eventCount()).toBe(before);
  });

  it('a retried add returns the first answer, even after later writes, and adds the item once', async () => {
    const { orderId } = (await create(newKey())).json();
    const key = newKey();
    const first = await addItem(orderId, key);
    await addItem(orderId, newKey(), 2);
    const retry = await addItem(orderId, key);
    expect(answerOf(retry)).toEqual(answerOf(first));
    expect(retry.json().version).toBe(2);
    const added = (await t.store.readStream(`order-${orderId}`)).events.filter(
      (e) => e.type === 'ORDER_ITEM_ADDED',
    );
    expect(added).toHaveLength(2);
  });

  it('422 when the key comes back with another body, and nothing is written', async () => {
    const key = newKey();
    expect((await create(key)).statusCode).toBe(201);
    const before = await t.eventCount();
    const reused = await create(key, { ...validOrder, customerId: 'someone-else' });
    expect(reused.statusCode).toBe(422);
    expect(reused.json()).toMatchObject({
      type: problemTypes.idempotencyKeyReused,
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
    expect(await t.eventCount()).toBe(before);
  });

  it('concurrent duplicates create one order and all get its answer', async () => {
    const key = newKey();
    const before = await t.eventCount();
    const responses = await Promise.all(Array.from({ length: 6 }, () => create(key)));
    expect(new Set(responses.map((r) => r.statusCode))).toEqual(new Set([201]));
    const answers = responses.map((r) => JSON.stringify([r.json(), r.headers.location, r.headers.etag]));
    expect(new Set(answers).size).toBe(1);
    expect(await t.eventCount()).toBe(before + 1);
    expect((await t.store.readStream(`order-${responses[0]?.json().orderId}`)).streamVersion).toBe(1);
  });

  it('concurrent duplicates of an add add the item once', async () => {
    const { orderId } = (await create(newKey())).json();
    const key = newKey();
    const responses = await Promise.all(Array.from({ length: 5 }, () => addItem(orderId, key)));
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(responses.map((r) => r.json().version))).toEqual(new Set([2]));
    expect((await t.store.readStream(`order-${orderId}`)).streamVersion).toBe(2);
  });

  it('concurrent uses of one key with different bodies: one wins, the others get 422', async () => {
    const key = newKey();
    const before = await t.eventCount();
    const responses = await Promise.all(
      ['a', 'b', 'c'].map((customerId) => create(key, { ...validOrder, customerId })),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 422, 422]);
    expect(await t.eventCount()).toBe(before + 1);
  });

  it('scopes a key to its route and to its caller', async () => {
    const key = newKey();
    // Each orders for themselves: a caller may create orders only under their own customer id.
    const mine = await create(key, { ...validOrder, customerId: 'user-a' }, { 'x-test-user': 'user-a' });
    const theirs = await create(key, { ...validOrder, customerId: 'user-b' }, { 'x-test-user': 'user-b' });
    expect([mine.statusCode, theirs.statusCode]).toEqual([201, 201]);
    expect(theirs.json().orderId).not.toBe(mine.json().orderId);
    const cancel = await t.app.inject({
      method: 'POST',
      url: `/orders/${mine.json().orderId}/cancel`,
      payload: { reason: 'same key, other route' },
      headers: { 'idempotency-key': key, 'x-test-user': 'user-a' },
    });
    expect(cancel.statusCode).toBe(200);
  });

  it('does not keep a failed answer: the same request may be retried', async () => {
    const { orderId } = (await create(newKey())).json();
    await t.app.inject({ method: 'POST', url: `/orders/${orderId}/cancel`, payload: { reason: 'x' } });
    const key = newKey();
    expect((await addItem(orderId, key)).statusCode).toBe(409);
    const retry = await addItem(orderId, key);
    expect(retry.statusCode).toBe(409);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
  });

  it.each([
    ['too long', 'k'.repeat(201)],
    ['with a space', 'two words'],
    ['non-ASCII', 'clé'],
  ])('400 naming the header for a key %s', async (_case, key) => {
    const before = await t.eventCount();
    const response = await t.app.inject({
      method: 'POST',
      url: '/orders',
      payload: validOrder,
      headers: { 'idempotency-key': encodeURI(key) === key ? key : Buffer.from(key).toString('latin1') },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { in: 'headers', path: 'idempotency-key', message: expect.any(String) },
    ]);
    expect(await t.eventCount()).toBe(before);
  });
});
