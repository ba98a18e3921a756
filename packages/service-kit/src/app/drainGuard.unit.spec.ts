import { describe, expect, it } from 'vitest';
import { createApp } from './createApp.js';

const deferred = () => {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

describe('drain guard', () => {
  it('answers requests that arrive while the app drains with 503 problem+json, Retry-After and Connection: close', async () => {
    const app = await createApp({ name: 'drain', logger: false, defaultMetrics: false, rateLimit: false });
    const draining = deferred();
    const finishDrain = deferred();
    // Holds the close in its preClose phase: the server still accepts, but the app is draining.
    app.addHook('preClose', async () => {
      draining.resolve();
      await finishDrain.promise;
    });
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    expect((await fetch(`${address}/health/live`)).status).toBe(200);

    const closed = app.close();
    await draining.promise;
    const response = await fetch(`${address}/health/live`);
    finishDrain.resolve();
    await closed;

    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(response.headers.get('connection')).toBe('close');
    expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(await response.json()).toMatchObject({
      type: 'https://causeway.dev/problems/service-unavailable',
      status: 503,
      correlationId: response.headers.get('x-correlation-id'),
    });
  });
});
