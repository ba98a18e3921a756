import { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, validOrder } from '../fixtures/testApp.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    label: 'limits',
    deps: { options: { rateLimit: { max: 5, timeWindowMs: 60_000 }, requestTimeoutMs: 1_500 } },
  });
});
afterAll(() => t.close());

const item = (i: number) => ({ sku: `SKU-${i}`, quantity: 1, unitPrice: 100 });
const from = (client: string) => ({ remoteAddress: client });

describe('limits', () => {
  it('a body past the limit is a 413 and writes nothing', async () => {
    const before = await t.eventCount();
    const response = await t.app.inject({
      method: 'POST',
      url: '/orders',
      ...from('10.0.0.1'),
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ ...validOrder, customerId: 'x'.repeat(101 * 1024) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(await t.eventCount()).toBe(before);
  });

  it('more than 100 items is a 400 naming the field; 100 are accepted', async () => {
    const before = await t.eventCount();
    const tooMany = await t.app.inject({
      method: 'POST',
      url: '/orders',
      ...from('10.0.0.2'),
      payload: { customerId: 'c', items: Array.from({ length: 101 }, (_, i) => item(i)) },
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.body).toContain('items');
    expect(await t.eventCount()).toBe(before);
    const hundred = await t.app.inject({
      method: 'POST',
      url: '/orders',
      ...from('10.0.0.2'),
      payload: { customerId: 'c', items: Array.from({ length: 100 }, (_, i) => item(i)) },
    });
    expect(hundred.statusCode).toBe(201);
  });

  it('a client past the rate limit gets 429 with Retry-After and writes nothing; another client does not', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(
        (await t.app.inject({ method: 'POST', url: '/orders', ...from('10.0.0.3'), payload: validOrder }))
          .statusCode,
      );
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201]);
    const before = await t.eventCount();
    const limited = await t.app.inject({
      method: 'POST',
      url: '/orders',
      ...from('10.0.0.3'),
      payload: validOrder,
    });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(await t.eventCount()).toBe(before);
    const other = await t.app.inject({
      method: 'POST',
      url: '/orders',
      ...from('10.0.0.4'),
      payload: validOrder,
    });
    expect(other.statusCode).toBe(201);
  });
});

describe('slow clients (slowloris)', () => {
  it('200 sockets dribbling headers do not stop a normal request, and the server drops them', async () => {
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const address = t.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const sockets: Socket[] = [];
    let closedByServer = 0;
    const timers: NodeJS.Timeout[] = [];
    for (let i = 0; i < 200; i++) {
      const socket = new Socket();
      socket.on('error', () => {});
      socket.once('close', () => {
        closedByServer += 1;
      });
      socket.connect(port, '127.0.0.1', () => {
        socket.write('POST /orders HTTP/1.1\r\nHost: x\r\nX-Slow: ');
        // One byte every 100 ms: never idle, never done.
        timers.push(setInterval(() => socket.writable && socket.write('a'), 100));
      });
      sockets.push(socket);
    }
    try {
      for (let i = 0; i < 10; i++) {
        const started = Date.now();
        const response = await fetch(`http://127.0.0.1:${port}/health/live`);
        expect(response.status).toBe(200);
        expect(Date.now() - started).toBeLessThan(1_000);
      }
      // Node checks request deadlines every few seconds (connectionsCheckingInterval): wait on it.
      const deadline = Date.now() + 45_000;
      while (closedByServer < sockets.length && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(closedByServer).toBe(sockets.length);
    } finally {
      for (const timer of timers) clearInterval(timer);
      for (const socket of sockets) socket.destroy();
    }
  }, 60_000);
});
