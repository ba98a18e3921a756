import fp from 'fastify-plugin';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { z } from 'zod';

declare module 'fastify' {
  interface FastifyInstance {
    /** This app's own Prometheus registry: register service metrics with `registers: [app.metrics.registry]`. */
    metrics: { registry: Registry };
  }
}

export interface MetricsPluginOptions {
  /** Added to every series as the `service` label. */
  serviceName: string;
  /** Process metrics (CPU, memory, event loop, GC); on by default. */
  defaultMetrics?: boolean;
}

/**
 * A registry per app rather than prom-client's global one, so several apps (embedded mode,
 * tests) live in one process without "metric already registered" clashes.
 */
export const metricsPlugin = fp<MetricsPluginOptions>(
  async (app, { serviceName, defaultMetrics = true }) => {
    const registry = new Registry();
    registry.setDefaultLabels({ service: serviceName });
    if (defaultMetrics) collectDefaultMetrics({ register: registry });
    const duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by method, route pattern and status code',
      labelNames: ['method', 'route', 'status_code'] as const,
      registers: [registry],
    });
    app.decorate('metrics', { registry });

    app.addHook('onResponse', (request, reply, done) => {
      duration.observe(
        {
          method: request.method,
          // The route pattern, never the raw URL: ids in paths would explode the series count.
          route: request.routeOptions.url ?? 'unmatched',
          status_code: String(reply.statusCode),
        },
        reply.elapsedTime / 1000,
      );
      done();
    });

    app.get(
      '/metrics',
      {
        config: { public: true, rateLimit: false },
        schema: {
          summary: 'Prometheus metrics',
          tags: ['operations'],
          response: {
            200: { description: 'Prometheus text format', content: { 'text/plain': { schema: z.string() } } },
          },
        },
      },
      async (_request, reply) =>
        reply
          .type(registry.contentType)
          .serializer(String)
          .send(await registry.metrics()),
    );
  },
  { name: '@causeway/service-kit/metrics', fastify: '5.x' },
);
