import { Counter } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app/createApp.js';

describe('/metrics', () => {
  it('serves Prometheus text with default metrics and the request histogram by route and status', async () => {
    const app = await createApp({ name: 'orders', logger: false });
    app.get('/orders/:orderId', async () => ({ ok: true }));
    await app.inject('/orders/a');
    await app.inject('/orders/b');
    await app.inject('/nowhere');

    const response = await app.inject('/metrics');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = response.body;
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(text).toContain(
      'http_request_duration_seconds_count{service="orders",method="GET",route="/orders/:orderId",status_code="200"} 2',
    );
    expect(text).toContain(
      'http_request_duration_seconds_count{service="orders",method="GET",route="unmatched",status_code="404"} 1',
    );
    expect(text).toMatch(/^process_cpu_user_seconds_total\{service="orders"\} /m);
    expect(text).not.toContain('/orders/a');
    await app.close();
  });

  it('keeps each app on its own registry, where services add their metrics', async () => {
    const first = await createApp({ name: 'first', logger: false, defaultMetrics: false });
    const second = await createApp({ name: 'second', logger: false, defaultMetrics: false });
    for (const app of [first, second]) {
      const counter = new Counter({
        name: 'orders_created_total',
        help: 'Orders created',
        registers: [app.metrics.registry],
      });
      counter.inc(app === first ? 1 : 5);
    }
    expect((await first.inject('/metrics')).body).toContain('orders_created_total{service="first"} 1');
    expect((await second.inject('/metrics')).body).toContain('orders_created_total{service="second"} 5');
    await Promise.all([first.close(), second.close()]);
  });
});
