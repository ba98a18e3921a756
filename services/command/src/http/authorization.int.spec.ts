import { uuidv7 } from '@causeway/kernel';
import { signTestToken } from '@causeway/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, validOrder } from '../fixtures/testApp.js';

const secret = 'command-authorization-test-secret-0123456789';
const tokenOf = (sub: string, claims: Record<string, unknown> = {}) =>
  signTestToken({ secret }, { sub, ...claims });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const alice = bearer(tokenOf('alice'));
const bob = bearer(tokenOf('bob'));
const operator = bearer(tokenOf('olga', { roles: ['operator'] }));

let t: TestApp;
let aliceOrder: string;
beforeAll(async () => {
  t = await createTestApp({
    label: 'command-authz',
    deps: { options: { auth: { mode: 'secret', secret } } },
  });
  const created = await t.app.inject({
    method: 'POST',
    url: '/orders',
    headers: alice,
    payload: { ...validOrder, customerId: 'alice' },
  });
  expect(created.statusCode, created.body).toBe(201);
  aliceOrder = created.json().orderId;
});
afterAll(() => t.close());

const addItem = (orderId: string, headers: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url: `/orders/${orderId}/items`,
    headers,
    payload: { sku: 'MUG', quantity: 1, unitPrice: 900 },
  });
const cancel = (orderId: string, headers: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url: `/orders/${orderId}/cancel`,
    headers,
    payload: { reason: 'mine now' },
  });

describe('command authorization', () => {
  it('puts the token subject in the events’ metadata.userId', async () => {
    const { events } = await t.store.readStream(`order-${aliceOrder}`);
    expect(events[0]?.metadata.userId).toBe('alice');
  });

  it('refuses a caller without a valid token with 401 and writes nothing', async () => {
    const before = await t.eventCount();
    const expired = bearer(tokenOf('alice', { exp: Math.floor(Date.now() / 1000) - 10 }));
    const forged = bearer(signTestToken({ secret: `${secret}-forged` }, { sub: 'alice' }));
    for (const headers of [{}, expired, forged]) {
      const response = await t.app.inject({ method: 'POST', url: '/orders', headers, payload: validOrder });
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer realm="causeway"/);
      expect((await addItem(aliceOrder, headers)).statusCode).toBe(401);
    }
    expect(await t.eventCount()).toBe(before);
  });

  it('lets a customer create orders only for themselves (403), operators included', async () => {
    for (const headers of [bob, operator]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/orders',
        headers,
        payload: { ...validOrder, customerId: 'alice' },
      });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ type: 'https://causeway.dev/problems/forbidden' });
    }
  });

  it('answers another customer’s order exactly like a missing one: 404, nothing written', async () => {
    const before = await t.eventCount();
    const missing = uuidv7();
    for (const send of [addItem, cancel]) {
      const foreign = await send(aliceOrder, bob);
      const absent = await send(missing, bob);
      expect(foreign.statusCode).toBe(404);
      expect(absent.statusCode).toBe(404);
      const { correlationId: _a, instance: _i, ...foreignBody } = foreign.json();
      const { correlationId: _b, instance: _j, ...absentBody } = absent.json();
      expect(foreignBody).toEqual(absentBody);
    }
    // A stale If-Match on someone else's order must not reveal its version (412) either.
    const conditional = await addItem(aliceOrder, { ...bob, 'if-match': '"7"' });
    expect(conditional.statusCode).toBe(404);
    expect(conditional.body).not.toContain('currentVersion');
    // An operator reads every order but changes none of them.
    expect((await cancel(aliceOrder, operator)).statusCode).toBe(404);
    expect(await t.eventCount()).toBe(before);
  });

  it('lets the owner change their order, with and without If-Match', async () => {
    expect((await addItem(aliceOrder, alice)).statusCode).toBe(200);
    const stale = await addItem(aliceOrder, { ...alice, 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
    const cancelled = await cancel(aliceOrder, { ...alice, 'if-match': '"2"' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
  });
});
