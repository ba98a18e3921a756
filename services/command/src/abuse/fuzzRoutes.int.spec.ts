import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, validOrder } from '../fixtures/testApp.js';
import { anyMethod, hostileBody, hostileContentType, hostileHeaders, hostileId } from './abuseRequests.js';

let t: TestApp;
let orderId = '';
beforeAll(async () => {
  t = await createTestApp({ label: 'abusefuzz' });
  orderId = (await t.app.inject({ method: 'POST', url: '/orders', payload: validOrder })).json().orderId;
});
afterAll(() => t.close());

const RUNS = 1_500;

/** Every route of the service (and a few it does not have), with a hostile or a real order id. */
const route = fc.oneof(
  fc.constantFrom('/orders', '/health/live', '/health/ready', '/metrics', '/docs/json', '/', '/orders/'),
  fc
    .tuple(fc.oneof(hostileId, fc.constant('')), fc.constantFrom('/items', '/cancel', ''))
    .map(([id, tail]) => ({ id, tail })),
);

describe('hostile requests at every route (property)', () => {
  it('never answer 5xx, write nothing unless 2xx, and leave the process serving', async () => {
    let tried = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        route,
        fc.oneof({ weight: 3, arbitrary: fc.constant('POST' as const) }, { weight: 1, arbitrary: anyMethod }),
        hostileBody,
        fc.option(hostileContentType, { freq: 4 }),
        fc.option(hostileHeaders, { freq: 2 }),
        fc.boolean(),
        async (target, method, body, contentType, headers, realId) => {
          tried += 1;
          const url =
            typeof target === 'string'
              ? target
              : `/orders/${realId && target.id === '' ? orderId : target.id}${target.tail}`;
          const before = await t.eventCount();
          const response = await t.app.inject({
            method,
            url,
            headers: {
              ...(contentType === null ? {} : { 'content-type': contentType }),
              ...headers,
            } as Record<string, string | string[]>,
            ...(method === 'GET' || method === 'HEAD' ? {} : { payload: body }),
          });
          statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
          expect(
            response.statusCode,
            `${method} ${url.slice(0, 200)}: ${response.body.slice(0, 300)}`,
          ).toBeLessThan(500);
          const written = (await t.eventCount()) - before;
          if (response.statusCode >= 300) expect(written).toBe(0);
        },
      ),
      { numRuns: RUNS },
    );
    console.info(`command fuzz: ${tried} requests; statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(tried).toBeGreaterThanOrEqual(RUNS);
    // The generators reach the refusals that matter: bad JSON, too large, wrong type.
    for (const status of [400, 404, 413, 415]) expect(statuses.get(status) ?? 0).toBeGreaterThan(0);
    expect((await t.app.inject('/health/live')).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/orders', payload: validOrder })).statusCode).toBe(
      201,
    );
  }, 240_000);
});
