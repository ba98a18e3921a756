import { Socket } from 'node:net';
import { uuidv7 } from '@causeway/kernel';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelled, created, orderEvent } from '../fixtures/events.js';
import { createTestQuery, type TestQuery } from '../fixtures/testQuery.js';
import { orderSummaries } from '../schema/index.js';

let q: TestQuery;
let orderId = '';
beforeAll(async () => {
  q = await createTestQuery({ label: 'abusefuzz', deps: { minPositionWaitMs: 20 } });
  orderId = uuidv7();
  await q.append(orderEvent(orderId, created('abuse')));
  await q.append(orderEvent(orderId, cancelled()));
  await q.project();
});
afterAll(() => q.close());

const RUNS = 1_000;
const snapshot = async () => JSON.stringify(await q.store.db.select().from(orderSummaries));

const hostileId = fc.oneof(
  fc.constantFrom(
    '..',
    '../',
    '../../etc/passwd',
    '..%2F..%2F',
    '%2e%2e%2f',
    '%252e%252e',
    '..\\..',
    '%00',
    '\u2025/',
    '%',
    '%zz',
    'a'.repeat(200),
  ),
  fc.string({ maxLength: 60, unit: 'binary' }).map(encodeURIComponent),
  fc.constant('REAL'),
);
const path = fc.oneof(
  fc.constantFrom('/orders', '/projections', '/health/live', '/health/ready', '/metrics', '/docs/json', '/'),
  fc
    .tuple(hostileId, fc.constantFrom('', '/history', '/../../projections'))
    .map(([id, tail]) => `/orders/${id}${tail}`),
);
const query = fc.oneof(
  fc.constant(''),
  fc
    .dictionary(
      fc.constantFrom('limit', 'status', 'cursor', 'minPosition', 'customerId', '__proto__', 'x'),
      fc.string({ maxLength: 50, unit: 'binary' }),
    )
    .map((params) => `?${new URLSearchParams(params).toString()}`),
  fc.constantFrom(
    '?limit=1&limit=2',
    '?status[]=x',
    '?%',
    `?cursor=${'A'.repeat(5_000)}`,
    '?minPosition=99999999999999999999-99999999999999999999',
  ),
);
const headers = fc.record(
  {
    'x-correlation-id': fc.oneof(fc.stringMatching(/^[\x21-\x7e]{0,40}$/), fc.constant('x'.repeat(10_000))),
    'if-none-match': fc.stringMatching(/^[\x21-\x7e]{0,40}$/),
    'content-type': fc.constantFrom('application/json', 'text/plain', 'application/xml', ';;'),
    'x-huge': fc.nat({ max: 64_000 }).map((n) => 'h'.repeat(n)),
  },
  { requiredKeys: [] },
);

describe('hostile requests at every query route (property)', () => {
  it('never answer 5xx, change nothing, and leave the process serving', async () => {
    let tried = 0;
    const statuses = new Map<number, number>();
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(
        path,
        query,
        fc.constantFrom('GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'),
        fc.option(headers, { freq: 2 }),
        fc.option(fc.string({ maxLength: 2_000 }), { freq: 3 }),
        async (target, search, method, extra, body) => {
          tried += 1;
          const url = `${target.replace('REAL', orderId)}${search}`;
          const response = await q.app.inject({
            method: method as 'GET',
            url,
            headers: { ...extra } as Record<string, string>,
            ...(body === null || method === 'GET' || method === 'HEAD' ? {} : { payload: body }),
          });
          statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
          expect(
            response.statusCode,
            `${method} ${url.slice(0, 200)}: ${response.body.slice(0, 300)}`,
          ).toBeLessThan(500);
        },
      ),
      { numRuns: RUNS },
    );
    console.info(`query fuzz: ${tried} requests; statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(tried).toBeGreaterThanOrEqual(RUNS);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(0);
    expect(await snapshot()).toBe(before);
    expect((await q.app.inject(`/orders/${orderId}`)).json().status).toBe('CANCELLED');
  }, 240_000);

  it('malformed HTTP on a real socket gets no 5xx and the server keeps serving', async () => {
    await q.app.listen({ host: '127.0.0.1', port: 0 });
    const address = q.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const cases = [
      'GET /orders HTTP/1.1\r\nHost: x\r\nX-Bad: a\x00b\r\n\r\n',
      'GET /orders HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n',
      'GET /orders HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      `GET /orders HTTP/1.1\r\nHost: x\r\nX-Huge: ${'h'.repeat(65_536)}\r\n\r\n`,
      'GET /../../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n',
      'G\x7fT /orders HTTP/1.1\r\n\r\n',
      'GET /orders HTTP/9.9\r\nHost: x\r\n\r\n',
    ];
    for (const bytes of cases) {
      const status = await new Promise<number | undefined>((resolve) => {
        const socket = new Socket();
        let received = '';
        const done = () => {
          clearTimeout(timer);
          socket.destroy();
          resolve(Number(/^HTTP\/1\.[01] (\d{3})/.exec(received)?.[1]) || undefined);
        };
        const timer = setTimeout(done, 3_000);
        socket.setEncoding('latin1').on('data', (chunk: string) => {
          received += chunk;
        });
        socket.once('close', done).once('error', done);
        socket.connect(port, '127.0.0.1', () => socket.end(bytes));
      });
      if (status !== undefined) expect(status).toBeLessThan(500);
      expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
    }
    console.info(`query raw-socket abuse: ${cases.length} requests`);
  });
});
