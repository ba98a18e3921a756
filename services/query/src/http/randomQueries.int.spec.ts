import { isPosition } from '@causeway/event-store';
import { uuidv7 } from '@causeway/kernel';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelled, created, orderEvent } from '../fixtures/events.js';
import { createTestQuery, type TestQuery } from '../fixtures/testQuery.js';
import { encodeCursor } from '../read/cursor.js';

let q: TestQuery;
const orderIds: string[] = [];
let position = '';
beforeAll(async () => {
  // A short wait bound: a random but well-formed minPosition must not stall the run.
  q = await createTestQuery({ label: 'fuzz', deps: { minPositionWaitMs: 20 } });
  for (let i = 0; i < 3; i++) {
    const orderId = uuidv7();
    orderIds.push(orderId);
    await q.append(orderEvent(orderId, created(`fuzz-${i}`)));
    position = (await q.append(orderEvent(orderId, cancelled()))).position;
  }
  await q.project();
});
afterAll(() => q.close());

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    '0',
    '-1',
    '1e3',
    '20',
    '100',
    '101',
    'PENDING',
    'CANCELLED',
    'null',
    '[]',
    '%',
    '%00',
    '../..',
  ),
  fc.constantFrom('x'.repeat(5_000), `${'9'.repeat(20)}-${'9'.repeat(20)}`),
  fc.date({ noInvalidDate: true }).map((createdAt) => encodeCursor({ createdAt, orderId: 'x' })),
  fc.constant(null).map(() => position),
);
const key = fc.oneof(
  fc.constantFrom('customerId', 'status', 'limit', 'cursor', 'minPosition', 'fromVersion'),
  fc.string({ maxLength: 12 }),
);
/** A query string, percent-encoded (a raw `%` slipping through is itself a test of the URL parser). */
const query = fc
  .array(fc.tuple(key, text, fc.boolean()), { maxLength: 5 })
  .map((pairs) =>
    pairs
      .map(
        ([k, v, raw]) =>
          `${encodeURIComponent(k)}=${raw ? v.replace(/[#?&/\s]/g, '') : encodeURIComponent(v)}`,
      )
      .join('&'),
  );
const id = fc.oneof(
  fc.nat({ max: 2 }).map((i) => orderIds[i] as string),
  fc.uuid(),
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
  fc.constantFrom('%2e%2e%2f%2e%2e', '..', '%', '%00', 'ORDERS', 'x'.repeat(500)),
);
const url = fc.oneof(
  fc.tuple(id, query).map(([i, qs]) => `/orders/${i}?${qs}`),
  fc.tuple(id, query).map(([i, qs]) => `/orders/${i}/history?${qs}`),
  query.map((qs) => `/orders?${qs}`),
  query.map((qs) => `/projections?${qs}`),
);

describe('random path params and query strings', () => {
  it('never answer 5xx (but for a valid minPosition the read model has not reached)', async () => {
    let requests = 0;
    await fc.assert(
      fc.asyncProperty(url, async (target) => {
        requests += 1;
        const response = await q.app.inject({ method: 'GET', url: target });
        const minPosition = new URL(target, 'http://x').searchParams.get('minPosition');
        const unreachable = response.statusCode === 503 && isPosition(minPosition);
        expect(
          response.statusCode < 500 || unreachable,
          `${target} -> ${response.statusCode} ${response.body}`,
        ).toBe(true);
        if (response.statusCode >= 400) {
          expect(response.headers['content-type']).toContain('application/problem+json');
        }
      }),
      { numRuns: 600 },
    );
    expect(requests).toBeGreaterThanOrEqual(600);
  });
});
