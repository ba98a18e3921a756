import { problemTypes } from '@causeway/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, validOrder } from '../fixtures/testApp.js';

let t: TestApp;
let orderId: string;
beforeAll(async () => {
  t = await createTestApp({ label: 'badinput', deps: { options: { bodyLimitBytes: 16 * 1024 } } });
  orderId = (await t.app.inject({ method: 'POST', url: '/orders', payload: validOrder })).json().orderId;
});
afterAll(() => t.close());

const item = validOrder.items[0] as (typeof validOrder.items)[number];
const many = (count: number) => Array.from({ length: count }, (_, i) => ({ ...item, sku: `SKU-${i}` }));

type Case = [name: string, url: () => string, body: unknown, field: string];

const cases: Case[] = [
  ['customerId of the wrong type', () => '/orders', { ...validOrder, customerId: 42 }, 'customerId'],
  ['items not an array', () => '/orders', { ...validOrder, items: 'BOOK-1' }, 'items'],
  [
    'quantity as a string',
    () => '/orders',
    { ...validOrder, items: [{ ...item, quantity: '2' }] },
    'items.0.quantity',
  ],
  ['a missing field', () => '/orders', { items: validOrder.items }, 'customerId'],
  ['an unknown field', () => '/orders', { ...validOrder, total: 1 }, 'total'],
  [
    'an unknown nested field',
    () => '/orders',
    { ...validOrder, items: [{ ...item, discount: 5 }] },
    'items.0.discount',
  ],
  [
    'a negative quantity',
    () => '/orders',
    { ...validOrder, items: [{ ...item, quantity: -1 }] },
    'items.0.quantity',
  ],
  [
    'a negative price',
    () => '/orders',
    { ...validOrder, items: [{ ...item, unitPrice: -5 }] },
    'items.0.unitPrice',
  ],
  [
    'a huge price',
    () => '/orders',
    { ...validOrder, items: [{ ...item, unitPrice: 1e15 }] },
    'items.0.unitPrice',
  ],
  [
    'a huge quantity',
    () => '/orders',
    { ...validOrder, items: [{ ...item, quantity: 2 ** 53 + 2 }] },
    'items.0.quantity',
  ],
  [
    'a fractional quantity',
    () => '/orders',
    { ...validOrder, items: [{ ...item, quantity: 1.5 }] },
    'items.0.quantity',
  ],
  ['no items', () => '/orders', { ...validOrder, items: [] }, 'items'],
  ['too many items', () => '/orders', { ...validOrder, items: many(101) }, 'items'],
  ['a too long customer id', () => '/orders', { ...validOrder, customerId: 'c'.repeat(65) }, 'customerId'],
  [
    'a sku with a slash',
    () => '/orders',
    { ...validOrder, items: [{ ...item, sku: '../etc' }] },
    'items.0.sku',
  ],
  ['an array body', () => '/orders', [validOrder], ''],
  ['a null body', () => '/orders', null, ''],
  [
    'an item price of the wrong type',
    () => `/orders/${orderId}/items`,
    { ...item, unitPrice: '9.99' },
    'unitPrice',
  ],
  ['an unknown item field', () => `/orders/${orderId}/items`, { ...item, colour: 'red' }, 'colour'],
  ['an item with a huge quantity', () => `/orders/${orderId}/items`, { ...item, quantity: 1001 }, 'quantity'],
  ['a missing reason', () => `/orders/${orderId}/cancel`, {}, 'reason'],
  ['an empty reason', () => `/orders/${orderId}/cancel`, { reason: '' }, 'reason'],
  ['a too long reason', () => `/orders/${orderId}/cancel`, { reason: 'r'.repeat(501) }, 'reason'],
  ['an unknown cancel field', () => `/orders/${orderId}/cancel`, { reason: 'x', force: true }, 'force'],
];

const expectProblem = (response: Awaited<ReturnType<TestApp['app']['inject']>>, status: number) => {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  return response.json();
};

describe('bad input: 4xx problem+json naming the field, nothing written', () => {
  it.each(cases)('400 for %s', async (_name, url, body, field) => {
    const before = await t.eventCount();
    const response = await t.app.inject({
      method: 'POST',
      url: url(),
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
    const problem = expectProblem(response, 400);
    expect(problem.type).toBe(problemTypes.validation);
    expect(problem.errors).toContainEqual({ in: 'body', path: field, message: expect.any(String) });
    expect(await t.eventCount()).toBe(before);
  });

  it.each([
    ['not a UUID', 'not-a-uuid'],
    ['a path traversal', '..%2F..%2Fetc%2Fpasswd'],
    ['a long id', 'a'.repeat(90)],
    ['a UUID with trailing junk', '01970000-0000-7000-8000-000000000001x'],
  ])('400 naming orderId for a malformed id in the path: %s', async (_name, id) => {
    const before = await t.eventCount();
    for (const [suffix, payload] of [
      ['items', item],
      ['cancel', { reason: 'x' }],
    ] as const) {
      const response = await t.app.inject({ method: 'POST', url: `/orders/${id}/${suffix}`, payload });
      const problem = expectProblem(response, 400);
      expect(problem.errors).toEqual([{ in: 'params', path: 'orderId', message: expect.any(String) }]);
    }
    expect(await t.eventCount()).toBe(before);
  });

  it('414 for an id past the router parameter length', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/orders/${'a'.repeat(5_000)}/cancel`,
      payload: {},
    });
    expectProblem(response, 414);
  });

  it.each([
    ['/orders', { ...validOrder, customerId: 'c'.repeat(20_000) }],
    [() => `/orders/${orderId}/cancel`, { reason: 'r'.repeat(20_000) }],
  ])('413 for a body over the limit (%s)', async (url, payload) => {
    const before = await t.eventCount();
    const response = await t.app.inject({
      method: 'POST',
      url: typeof url === 'string' ? url : url(),
      payload,
    });
    expect(expectProblem(response, 413).type).toBe(problemTypes.payloadTooLarge);
    expect(await t.eventCount()).toBe(before);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data'])(
    '415 for a %s body',
    async (contentType) => {
      const before = await t.eventCount();
      for (const url of ['/orders', `/orders/${orderId}/items`, `/orders/${orderId}/cancel`]) {
        const response = await t.app.inject({
          method: 'POST',
          url,
          headers: { 'content-type': contentType },
          payload: JSON.stringify(validOrder),
        });
        expect(expectProblem(response, 415).type).toBe(problemTypes.unsupportedMediaType);
      }
      expect(await t.eventCount()).toBe(before);
    },
  );

  it.each([
    ['broken JSON', '{"customerId": "c-1",'],
    ['an empty body', ''],
    ['a prototype-poisoning key', '{"__proto__": {"admin": true}, "reason": "x"}'],
  ])('400 for %s', async (_name, payload) => {
    const before = await t.eventCount();
    for (const url of ['/orders', `/orders/${orderId}/cancel`]) {
      const response = await t.app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json' },
        payload,
      });
      expect(expectProblem(response, 400).type).toBe(problemTypes.malformedBody);
    }
    expect(await t.eventCount()).toBe(before);
  });

  it('the order is untouched by all of the above', async () => {
    expect((await t.store.readStream(`order-${orderId}`)).streamVersion).toBe(1);
  });
});
