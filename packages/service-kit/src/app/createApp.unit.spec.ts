import { describe, expect, it } from 'vitest';
import { ProblemError } from '../problems/problemError.js';
import { sampleApp } from './sampleApp.fixture.js';
import { helmetHeaders } from './securityHeaders.js';

const uuidv7Format = /^[\da-f]{8}-[\da-f]{4}-7[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/;

describe('correlation id', () => {
  it('takes X-Correlation-Id from the request, echoes it and binds it to every log line', async () => {
    const { app, logs } = await sampleApp();
    const response = await app.inject({ url: '/metadata', headers: { 'x-correlation-id': 'corr-42' } });
    expect(response.headers['x-correlation-id']).toBe('corr-42');
    expect(response.json()).toEqual({ correlationId: 'corr-42' });
    const requestLines = logs
      .lines()
      .filter((line) => line.msg === 'incoming request' || line.msg === 'request completed');
    expect(requestLines).toHaveLength(2);
    for (const line of requestLines) expect(line.correlationId).toBe('corr-42');
    await app.close();
  });

  it('generates a UUIDv7 when the header is missing or unusable', async () => {
    const { app } = await sampleApp();
    for (const header of [undefined, '', 'has spaces in it', 'x'.repeat(129)]) {
      const response = await app.inject({
        url: '/metadata',
        headers: header === undefined ? {} : { 'x-correlation-id': header },
      });
      const id = response.headers['x-correlation-id'];
      expect(id).toMatch(uuidv7Format);
      expect(response.json().correlationId).toBe(id);
    }
    await app.close();
  });

  it('is on error responses too, including ones raised before routing', async () => {
    const { app } = await sampleApp();
    for (const url of ['/nowhere', '/throw/concurrency', '/%E0%A4%A']) {
      const response = await app.inject({ url, headers: { 'x-correlation-id': 'corr-err' } });
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.headers['x-correlation-id']).toBe('corr-err');
      expect(response.json().correlationId).toBe('corr-err');
    }
    await app.close();
  });
});

describe('requestMetadata', () => {
  it('passes a well-formed traceparent and drops a malformed one', async () => {
    const { app } = await sampleApp();
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const good = await app.inject({ url: '/metadata', headers: { 'x-correlation-id': 'c1', traceparent } });
    expect(good.json()).toEqual({ correlationId: 'c1', traceparent });
    const bad = await app.inject({
      url: '/metadata',
      headers: { 'x-correlation-id': 'c1', traceparent: 'nope' },
    });
    expect(bad.json()).toEqual({ correlationId: 'c1' });
    await app.close();
  });
});

describe('authenticate hook', () => {
  it('sets request.userId on API routes and skips public ones', async () => {
    const seen: string[] = [];
    const { app } = await sampleApp({
      authenticate: async (request) => {
        seen.push(request.url);
        if (request.headers.authorization !== 'Bearer good') {
          throw new ProblemError({ status: 401, detail: 'A bearer token is required' });
        }
        return 'user-7';
      },
    });
    const ok = await app.inject({
      url: '/metadata',
      headers: { authorization: 'Bearer good', 'x-correlation-id': 'c' },
    });
    expect(ok.json()).toEqual({ correlationId: 'c', userId: 'user-7' });
    const refused = await app.inject({ url: '/metadata' });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    for (const url of ['/health/live', '/health/ready', '/metrics', '/docs/json']) {
      expect((await app.inject(url)).statusCode, url).toBe(200);
    }
    expect(seen).toEqual(['/metadata', '/metadata']);
    await app.close();
  });

  it('leaves userId undefined when no authentication is configured', async () => {
    const { app } = await sampleApp();
    expect((await app.inject({ url: '/metadata', headers: { 'x-correlation-id': 'c' } })).json()).toEqual({
      correlationId: 'c',
    });
    await app.close();
  });
});

describe('security headers', () => {
  it('sets helmet headers on API responses', async () => {
    const { app } = await sampleApp();
    const response = await app.inject('/health/live');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toBeDefined();
    expect(response.headers['x-powered-by']).toBeUndefined();
    await app.close();
  });

  it("sets every one of helmet's default headers, on errors too", async () => {
    const { app } = await sampleApp();
    const expected = helmetHeaders();
    expect(expected).toMatchObject({
      'content-security-policy': expect.stringContaining("default-src 'self'"),
      'x-frame-options': 'SAMEORIGIN',
      'cross-origin-opener-policy': 'same-origin',
      'referrer-policy': 'no-referrer',
    });
    expect(Object.keys(expected).length).toBeGreaterThanOrEqual(12);
    const responses = [
      await app.inject('/health/live'),
      await app.inject('/no-such-route'),
      await app.inject({ method: 'POST', url: '/orders', payload: { customerId: '' } }),
    ];
    expect(responses.map((r) => r.statusCode)).toEqual([200, 404, 400]);
    for (const response of responses) expect(response.headers).toMatchObject(expected);
    await app.close();
  });
});
