import { describe, expect, it } from 'vitest';
import { createApp } from '../app/createApp.js';

const appWith = (checks: Record<string, () => Promise<void>>, readinessTimeoutMs = 2_000) =>
  createApp({ name: 'health', logger: false, defaultMetrics: false, readiness: checks, readinessTimeoutMs });

describe('health', () => {
  it('/health/live answers 200 without running the checks', async () => {
    let ran = false;
    const app = await appWith({
      database: async () => {
        ran = true;
      },
    });
    const response = await app.inject('/health/live');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
    expect(ran).toBe(false);
    await app.close();
  });

  it('/health/ready answers 200 with each check when all pass', async () => {
    const app = await appWith({ database: async () => {}, nats: async () => {} });
    const response = await app.inject('/health/ready');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'ok',
      checks: {
        database: { status: 'ok', durationMs: expect.any(Number) },
        nats: { status: 'ok', durationMs: expect.any(Number) },
      },
    });
    await app.close();
  });

  it('/health/ready answers 503 naming the check that threw, without its error text', async () => {
    const app = await appWith({
      database: async () => {},
      nats: async () => {
        throw new Error('CONNECTION_REFUSED nats://svc:natsS3cret@127.0.0.1:4222');
      },
    });
    const response = await app.inject('/health/ready');
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({
      status: 'unavailable',
      checks: { database: { status: 'ok' }, nats: { status: 'failed' } },
    });
    expect(response.body).not.toMatch(/natsS3cret|CONNECTION_REFUSED/);
    await app.close();
  });

  it('/health/ready bounds a check that hangs', async () => {
    const app = await appWith({ database: () => new Promise<void>(() => {}) }, 50);
    const response = await app.inject('/health/ready');
    expect(response.statusCode).toBe(503);
    expect(response.json().checks.database.status).toBe('timeout');
    await app.close();
  });

  it('/health/ready with no checks is ready', async () => {
    const app = await appWith({});
    expect((await app.inject('/health/ready')).json()).toEqual({ status: 'ok', checks: {} });
    await app.close();
  });
});
