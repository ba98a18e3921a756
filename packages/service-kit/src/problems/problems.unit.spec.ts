import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app/createApp.js';
import { sampleApp } from '../app/sampleApp.fixture.js';
import type { memoryLogger } from '../logger/testing.js';
import { problemTypes } from './problemTypes.js';

let app: App;
let logs: ReturnType<typeof memoryLogger>;
beforeAll(async () => {
  ({ app, logs } = await sampleApp({
    bodyLimitBytes: 2_048,
    unprocessableRuleCodes: ['ORDER_TOTAL_MISMATCH'],
  }));
});
afterAll(() => app.close());

const validOrder = { customerId: 'c-1', items: [{ sku: 'SKU-1', quantity: 2, unitPrice: 500 }] };
const orderId = '01970000-0000-7000-8000-0000000000aa';

const expectProblem = (response: Awaited<ReturnType<App['inject']>>, status: number, type: string) => {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  const body = response.json();
  expect(body).toMatchObject({ type, status, title: expect.any(String), detail: expect.any(String) });
  expect(body.correlationId).toBe(response.headers['x-correlation-id']);
  return body;
};

describe('problem+json responses', () => {
  it('accepts a valid request (the baseline the cases below break)', async () => {
    const response = await app.inject({ method: 'POST', url: '/orders', payload: validOrder });
    expect(response.statusCode).toBe(201);
    expect(response.headers.etag).toBe('"1"');
  });

  it('400 names each invalid field, and where it is', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/orders',
      payload: { customerId: 42, items: [{ sku: 'SKU-1', quantity: 0, unitPrice: 1 }] },
    });
    const body = expectProblem(response, 400, problemTypes.validation);
    expect(body.errors).toEqual([
      { in: 'body', path: 'customerId', message: expect.stringContaining('expected string') },
      { in: 'body', path: 'items.0.quantity', message: expect.stringContaining('>=1') },
    ]);
    expect(body.detail).toContain('items.0.quantity');
  });

  it('400 rejects unknown fields, each named by its own path', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/orders',
      payload: { ...validOrder, total: 1, items: [{ ...validOrder.items[0], discount: 5 }] },
    });
    const body = expectProblem(response, 400, problemTypes.validation);
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { in: 'body', path: 'total', message: 'unknown field' },
        { in: 'body', path: 'items.0.discount', message: 'unknown field' },
      ]),
    );
  });

  it('400 names a malformed path parameter', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/orders/..%2F..%2Fetc/cancel',
      payload: { reason: 'x' },
    });
    const body = expectProblem(response, 400, problemTypes.validation);
    expect(body.errors).toEqual([{ in: 'params', path: 'orderId', message: expect.any(String) }]);
  });

  it.each([
    ['a syntax error', '{"customerId": "c-1",'],
    ['an empty body', ''],
    ['a prototype-poisoning key', '{"__proto__": {"admin": true}}'],
  ])('400 (never 500) for malformed JSON: %s', async (_case, payload) => {
    const response = await app.inject({
      method: 'POST',
      url: '/orders',
      headers: { 'content-type': 'application/json' },
      payload,
    });
    expectProblem(response, 400, problemTypes.malformedBody);
  });

  it('400 for a kernel ValidationError, with its issues', async () => {
    const body = expectProblem(await app.inject('/throw/kernel-validation'), 400, problemTypes.validation);
    expect(body.errors).toEqual([{ path: 'payload.total', message: 'must be an integer' }]);
  });

  it('400 for an unknown message type', async () => {
    const body = expectProblem(await app.inject('/throw/unknown-type'), 400, problemTypes.unknownMessageType);
    expect(body.messageType).toBe('ORDER_TELEPORTED');
  });

  it('404 for an unknown route, with the path as instance and no query string', async () => {
    const body = expectProblem(await app.inject('/nowhere?token=abc'), 404, problemTypes.notFound);
    expect(body.instance).toBe('/nowhere');
    expect(JSON.stringify(body)).not.toContain('abc');
  });

  it('404 for an unknown method on a known path', async () => {
    expectProblem(await app.inject({ method: 'DELETE', url: '/orders' }), 404, problemTypes.notFound);
  });

  it('409 for a concurrency conflict, with the current version', async () => {
    const body = expectProblem(await app.inject('/throw/concurrency'), 409, problemTypes.concurrencyConflict);
    expect(body.currentVersion).toBe(3);
  });

  it('409 for a broken rule, with its code; 422 for codes the service marks unprocessable', async () => {
    const conflict = expectProblem(
      await app.inject('/throw/rule/ORDER_NOT_PENDING'),
      409,
      problemTypes.ruleViolation,
    );
    expect(conflict).toMatchObject({
      code: 'ORDER_NOT_PENDING',
      detail: 'Rule ORDER_NOT_PENDING refused the command',
    });
    const unprocessable = expectProblem(
      await app.inject('/throw/rule/ORDER_TOTAL_MISMATCH'),
      422,
      problemTypes.ruleViolation,
    );
    expect(unprocessable.code).toBe('ORDER_TOTAL_MISMATCH');
  });

  it('412 when If-Match is not the current version; 400 when it is malformed', async () => {
    const cancel = (ifMatch: string) =>
      app.inject({
        method: 'POST',
        url: `/orders/${orderId}/cancel`,
        headers: { 'if-match': ifMatch },
        payload: { reason: 'x' },
      });
    expect((await cancel('"4"')).statusCode).toBe(200);
    const stale = expectProblem(await cancel('"3"'), 412, problemTypes.preconditionFailed);
    expect(stale).toMatchObject({ expectedVersion: 3, currentVersion: 4 });
    const malformed = expectProblem(await cancel('W/"4"'), 400, problemTypes.validation);
    expect(malformed.errors).toEqual([{ in: 'headers', path: 'if-match', message: expect.any(String) }]);
  });

  it('413 for a body over the limit', async () => {
    const items = Array.from({ length: 50 }, (_, i) => ({
      sku: `SKU-${'x'.repeat(40)}-${i}`,
      quantity: 1,
      unitPrice: 1,
    }));
    expectProblem(
      await app.inject({ method: 'POST', url: '/orders', payload: { customerId: 'c-1', items } }),
      413,
      problemTypes.payloadTooLarge,
    );
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml'])(
    '415 for a %s body',
    async (contentType) => {
      const response = await app.inject({
        method: 'POST',
        url: '/orders',
        headers: { 'content-type': contentType },
        payload: 'customerId=c-1',
      });
      expectProblem(response, 415, problemTypes.unsupportedMediaType);
    },
  );

  it('422 for an Idempotency-Key reused with another body', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/orders',
      headers: { 'idempotency-key': 'reused' },
      payload: validOrder,
    });
    const body = expectProblem(response, 422, problemTypes.idempotencyKeyReused);
    expect(body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('503 with Retry-After when a read cannot be answered yet', async () => {
    const response = await app.inject('/throw/unavailable');
    const body = expectProblem(response, 503, problemTypes.serviceUnavailable);
    expect(response.headers['retry-after']).toBe('2');
    expect(body.retryAfter).toBe(2);
  });

  it('500 with a generic detail for anything unexpected, logged in full but leaking nothing', async () => {
    for (const url of ['/throw/unexpected', '/throw/bad-response']) {
      const response = await app.inject(url);
      const body = expectProblem(response, 500, problemTypes.internal);
      expect(Object.keys(body).sort()).toEqual([
        'correlationId',
        'detail',
        'instance',
        'status',
        'title',
        'type',
      ]);
      expect(response.body).not.toMatch(/ECONNREFUSED|postgres|pgs3cret|stack|not-a-uuid|serializ/i);
      const logged = logs
        .lines()
        .find((line) => line.correlationId === body.correlationId && line.level === 50);
      expect(logged).toMatchObject({
        msg: 'unexpected error',
        err: expect.objectContaining({ stack: expect.any(String) }),
      });
    }
    expect(logs.text()).toContain('ECONNREFUSED postgres://app:[REDACTED]@10.0.0.7');
    expect(logs.text()).not.toContain('pgs3cret');
  });
});

describe('429 rate limiting', () => {
  it('answers problem+json with Retry-After once a client exceeds its quota', async () => {
    const { app: limited } = await sampleApp({ rateLimit: { max: 2, timeWindowMs: 60_000 } });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await limited.inject('/throw/concurrency')).statusCode);
      expect(statuses).toEqual([409, 409, 429]);
      const response = await limited.inject('/nowhere');
      expectProblem(response, 429, problemTypes.rateLimited);
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      expect((await limited.inject('/health/live')).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
