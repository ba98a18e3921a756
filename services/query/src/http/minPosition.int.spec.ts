import { uuidv7 } from '@causeway/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildQueryApp } from '../app.js';
import { startBackgroundProjector } from '../fixtures/backgroundProjector.js';
import { cancelled, created, orderEvent } from '../fixtures/events.js';
import { createTestQuery, type TestQuery } from '../fixtures/testQuery.js';

let q: TestQuery;
beforeAll(async () => {
  q = await createTestQuery({ label: 'minpos' });
});
afterAll(() => q.close());

const get = (url: string) => q.app.inject({ method: 'GET', url });

describe('minPosition: read-your-writes', () => {
  let projector: ReturnType<typeof startBackgroundProjector>;
  beforeAll(() => {
    projector = startBackgroundProjector(q);
  });
  afterAll(() => projector.stop());

  it('a read with the position a write returned always finds the write', async () => {
    for (let i = 0; i < 30; i++) {
      const orderId = uuidv7();
      const { position } = await q.append(orderEvent(orderId, created(`ryw-${i}`)));
      const response = await get(`/orders/${orderId}?minPosition=${position}`);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers.etag).toBe('"1"');
    }
  });

  it('holds under concurrent writers, for the order and for the customer’s list', async () => {
    const writer = async (w: number) => {
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) {
        const orderId = uuidv7();
        const customer = `conc-${w}-${i}`;
        await q.append(orderEvent(orderId, created(customer)));
        const { position, nextVersion } = await q.append(orderEvent(orderId, cancelled()));
        const one = await get(`/orders/${orderId}?minPosition=${position}`);
        statuses.push(one.statusCode);
        expect(one.json()).toMatchObject({ status: 'CANCELLED', version: nextVersion });
        const list = await get(`/orders?customerId=${customer}&minPosition=${position}`);
        statuses.push(list.statusCode);
        expect(list.json().orders.map((o: { orderId: string }) => o.orderId)).toEqual([orderId]);
      }
      return statuses;
    };
    const statuses = (await Promise.all([0, 1, 2, 3, 4, 5].map(writer))).flat();
    expect(statuses).toHaveLength(96);
    expect(new Set(statuses)).toEqual(new Set([200]));
  });

  it('answers at once when the position is already applied, on every read route', async () => {
    const orderId = uuidv7();
    const { position } = await q.append(orderEvent(orderId, created()));
    await get(`/orders/${orderId}?minPosition=${position}`);
    for (const url of [
      `/orders/${orderId}?minPosition=${position}`,
      `/orders?minPosition=${position}`,
      `/orders/${orderId}/history?minPosition=${position}`,
    ]) {
      const started = performance.now();
      expect((await get(url)).statusCode).toBe(200);
      expect(performance.now() - started).toBeLessThan(500);
    }
  });
});

describe('minPosition past the bound', () => {
  it('answers 503 with Retry-After, never stale data', async () => {
    const app = await buildQueryApp({
      store: q.store,
      projection: q.projection,
      watcher: q.watcher,
      minPositionWaitMs: 50,
      options: { logger: false, rateLimit: false, defaultMetrics: false },
    });
    try {
      // Nothing projects now: the checkpoint cannot reach a new write.
      const orderId = uuidv7();
      const { position } = await q.append(orderEvent(orderId, created()));
      for (const url of [`/orders/${orderId}?minPosition=${position}`, `/orders?minPosition=${position}`]) {
        const started = performance.now();
        const response = await app.inject({ method: 'GET', url });
        const elapsed = performance.now() - started;
        expect(response.statusCode).toBe(503);
        expect(response.headers['retry-after']).toBe('1');
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(response.json()).toMatchObject({
          type: 'https://causeway.dev/problems/service-unavailable',
          retryAfter: 1,
        });
        expect(elapsed).toBeGreaterThanOrEqual(45);
        expect(elapsed).toBeLessThan(2_000);
      }
      // Once the projection catches up, the same read succeeds.
      await q.project();
      const response = await app.inject({ method: 'GET', url: `/orders/${orderId}?minPosition=${position}` });
      expect(response.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
