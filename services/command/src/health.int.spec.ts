import { createPostgresEventStore } from '@causeway/event-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommandApp } from './app.js';
import { createTestApp, type TestApp, validOrder } from './fixtures/testApp.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ label: 'health' });
});
afterAll(() => t.close());

const natsStub = (state: { closed: boolean; fail?: boolean }) => ({
  isClosed: () => state.closed,
  flush: async () => {
    if (state.fail) throw new Error('no answer');
  },
});

describe('/health/ready', () => {
  it('checks the database and NATS', async () => {
    const nats = { closed: false, fail: false };
    const app = await buildCommandApp({ store: t.store, nats: natsStub(nats), options: { logger: false } });
    const ready = await app.inject('/health/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks).toEqual({
      database: { status: 'ok', durationMs: expect.any(Number) },
      nats: { status: 'ok', durationMs: expect.any(Number) },
    });

    nats.closed = true;
    const closed = await app.inject('/health/ready');
    expect(closed.statusCode).toBe(503);
    expect(closed.json().checks.nats.status).toBe('failed');

    nats.closed = false;
    nats.fail = true;
    expect((await app.inject('/health/ready')).statusCode).toBe(503);
    await app.close();
  });

  it('is unavailable when the database does not answer', async () => {
    const store = await createPostgresEventStore({ url: t.url as string });
    const app = await buildCommandApp({ store, options: { logger: false } });
    await store.close();
    const response = await app.inject('/health/ready');
    expect(response.statusCode).toBe(503);
    expect(response.json().checks.database.status).not.toBe('ok');
    await app.close();
  });
});

describe('/metrics', () => {
  it('counts commands by type and outcome', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/orders', payload: validOrder });
    const { orderId } = created.json();
    await t.app.inject({ method: 'POST', url: `/orders/${orderId}/cancel`, payload: { reason: 'x' } });
    await t.app.inject({ method: 'POST', url: `/orders/${orderId}/cancel`, payload: { reason: 'x' } });
    const text = (await t.app.inject('/metrics')).body;
    expect(text).toMatch(/commands_handled_total\{[^}]*type="CREATE_ORDER"[^}]*outcome="accepted"[^}]*\} 1/);
    expect(text).toMatch(/commands_handled_total\{[^}]*type="CANCEL_ORDER"[^}]*outcome="accepted"[^}]*\} 1/);
    expect(text).toMatch(/commands_handled_total\{[^}]*type="CANCEL_ORDER"[^}]*outcome="rejected"[^}]*\} 1/);
  });
});
