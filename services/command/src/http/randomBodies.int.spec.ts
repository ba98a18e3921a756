import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, validOrder } from '../fixtures/testApp.js';

let t: TestApp;
const orderIds: string[] = [];
beforeAll(async () => {
  t = await createTestApp({ label: 'fuzz' });
  for (let i = 0; i < 4; i++) {
    orderIds.push(
      (await t.app.inject({ method: 'POST', url: '/orders', payload: validOrder })).json().orderId,
    );
  }
});
afterAll(() => t.close());

// Values that sit on both sides of every bound.
const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.integer({ min: -2, max: 1_002 }),
  fc.constantFrom(0, 1, 100_000_000, 100_000_001, 1e21, -0, 0.5, '', 'SKU-1', 'x'.repeat(600)),
);

/** A valid body, or one with a single field replaced, removed or added: the edges of the schema. */
const nearly = (valid: Record<string, unknown>) =>
  fc.oneof(
    fc.constant(valid),
    fc
      .tuple(fc.constantFrom(...Object.keys(valid), 'extra'), anyValue)
      .map(([key, value]) => ({ ...valid, [key]: value })),
    fc
      .constantFrom(...Object.keys(valid))
      .map((key) => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key))),
  );
const item = { sku: 'SKU-1', quantity: 2, unitPrice: 500 };
const orderBody = fc.oneof(
  nearly(validOrder),
  nearly(item).map((bad) => ({ ...validOrder, items: [bad] })),
  fc.array(nearly(item), { maxLength: 102 }).map((items) => ({ ...validOrder, items })),
);
const randomJson = fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.dictionary(fc.string(), anyValue));

const orderId = fc.oneof(
  fc.nat({ max: 3 }).map((i) => () => orderIds[i] as string),
  fc.uuid().map((id) => () => id),
  fc.string({ maxLength: 40 }).map((id) => () => id),
);
const request = fc.oneof(
  fc.record({ url: fc.constant(() => '/orders'), body: fc.oneof(orderBody, randomJson) }),
  fc.record({
    url: orderId.map((id) => () => `/orders/${encodeURIComponent(id())}/items`),
    body: fc.oneof(nearly(item), randomJson),
  }),
  fc.record({
    url: orderId.map((id) => () => `/orders/${encodeURIComponent(id())}/cancel`),
    body: fc.oneof(nearly({ reason: 'changed my mind' }), randomJson),
  }),
);
const headerValue = fc.stringMatching(/^[\x21-\x7e][\x20-\x7e]{0,30}$/);
const headers = fc.record(
  {
    'if-match': fc.oneof(
      headerValue,
      fc.nat({ max: 5 }).map((v) => `"${v}"`),
    ),
    'idempotency-key': fc.oneof(headerValue, fc.constantFrom('k1', 'k2')),
    'content-type': fc.constantFrom(
      'application/json; charset=utf-8',
      'application/json',
      'text/plain',
      'application/xml',
    ),
  },
  { requiredKeys: [] },
);

describe('random JSON at every route (property)', () => {
  it('never answers 5xx, and writes nothing unless it answers 2xx', async () => {
    let tried = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, fc.option(headers, { freq: 3 }), async ({ url, body }, headers) => {
        tried += 1;
        const before = await t.eventCount();
        const response = await t.app.inject({
          method: 'POST',
          url: url(),
          headers: { 'content-type': 'application/json', ...headers },
          payload: JSON.stringify(body),
        });
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        expect(response.statusCode).toBeLessThan(500);
        const written = (await t.eventCount()) - before;
        if (response.statusCode >= 300) expect(written).toBe(0);
        else expect(written).toBeLessThanOrEqual(1);
      }),
      { numRuns: 400 },
    );
    expect(tried).toBe(400);
    // The generators reach past validation: some requests were accepted, some refused.
    expect([...statuses.keys()].filter((status) => status < 300).length).toBeGreaterThan(0);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(0);
  });
});
