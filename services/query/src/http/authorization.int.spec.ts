import { uuidv7 } from '@causeway/kernel';
import { signTestToken } from '@causeway/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { created, orderEvent } from '../fixtures/events.js';
import { createTestQuery, type TestQuery } from '../fixtures/testQuery.js';

const secret = 'query-authorization-test-secret-0123456789';
const as = (sub: string, claims: Record<string, unknown> = {}) => ({
  authorization: `Bearer ${signTestToken({ secret }, { sub, ...claims })}`,
});
const alice = as('alice');
const bob = as('bob');
const operator = as('olga', { roles: ['operator'] });

let q: TestQuery;
const aliceOrder = uuidv7();
const bobOrder = uuidv7();
beforeAll(async () => {
  q = await createTestQuery({
    label: 'query-authz',
    deps: { options: { auth: { mode: 'secret', secret } } },
  });
  await q.append(orderEvent(aliceOrder, created('alice')));
  await q.append(orderEvent(bobOrder, created('bob')));
  await q.project();
});
afterAll(() => q.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  q.app.inject({ method: 'GET', url, headers });
const withoutIds = (body: Record<string, unknown>) => {
  const { correlationId: _c, instance: _i, detail: _d, ...rest } = body;
  return rest;
};

describe('query authorization', () => {
  it('refuses a caller without a valid token with 401', async () => {
    const expired = as('alice', { exp: Math.floor(Date.now() / 1000) - 10 });
    const forged = { authorization: `Bearer ${signTestToken({ secret: `${secret}!` }, { sub: 'alice' })}` };
    for (const headers of [{}, expired, forged]) {
      for (const url of [`/orders/${aliceOrder}`, '/orders', `/orders/${aliceOrder}/history`]) {
        const response = await get(url, headers);
        expect(response.statusCode, url).toBe(401);
        expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      }
    }
    expect((await get('/health/live')).statusCode).toBe(200);
  });

  it('shows a customer their own order and its history', async () => {
    expect((await get(`/orders/${aliceOrder}`, alice)).json()).toMatchObject({ customerId: 'alice' });
    expect((await get(`/orders/${aliceOrder}/history`, alice)).json()).toMatchObject({ version: 1 });
  });

  it('answers another customer’s order like a missing one: 404 with the same problem', async () => {
    for (const path of ['', '/history']) {
      const foreign = await get(`/orders/${bobOrder}${path}`, alice);
      const missing = await get(`/orders/${uuidv7()}${path}`, alice);
      expect(foreign.statusCode).toBe(404);
      expect(missing.statusCode).toBe(404);
      expect(withoutIds(foreign.json())).toEqual(withoutIds(missing.json()));
      expect(foreign.body).not.toContain('bob');
    }
  });

  it('lists only the caller’s own orders; someone else’s customerId is an empty page', async () => {
    const own = (await get('/orders?limit=100', alice)).json();
    expect(own.orders.map((o: { orderId: string }) => o.orderId)).toEqual([aliceOrder]);
    const others = (await get('/orders?customerId=bob', alice)).json();
    expect(others).toEqual({ orders: [], nextCursor: null });
    const bobs = (await get('/orders?customerId=alice&limit=100', bob)).json();
    expect(bobs).toEqual({ orders: [], nextCursor: null });
  });

  it('lets an operator read every order, its history and every list', async () => {
    expect((await get(`/orders/${bobOrder}`, operator)).json()).toMatchObject({ customerId: 'bob' });
    expect((await get(`/orders/${aliceOrder}/history`, operator)).statusCode).toBe(200);
    const all = (await get('/orders?limit=100', operator)).json();
    expect(all.orders.map((o: { orderId: string }) => o.orderId)).toEqual(
      expect.arrayContaining([aliceOrder, bobOrder]),
    );
    const bobs = (await get('/orders?customerId=bob', operator)).json();
    expect(bobs.orders.map((o: { orderId: string }) => o.orderId)).toEqual([bobOrder]);
  });
});
