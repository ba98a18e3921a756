import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type ReadinessChecks, runChecks } from './runChecks.js';

export interface HealthPluginOptions {
  /** e.g. `{ database: () => sql\`select 1\`.then(() => {}), nats: () => nc.flush() }`. */
  checks?: ReadinessChecks;
  /** Bound on each check; defaults to 2 s, below a typical probe timeout. */
  timeoutMs?: number;
}

const readinessSchema = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    checks: z.record(
      z.string(),
      z.object({ status: z.enum(['ok', 'failed', 'timeout']), durationMs: z.number() }),
    ),
  })
  .meta({ id: 'Readiness' });

const operational = { public: true, rateLimit: false } as const;

/** `/health/live` (the process answers) and `/health/ready` (its dependencies answer too). */
export const healthPlugin: FastifyPluginAsyncZod<HealthPluginOptions> = async (
  app,
  { checks = {}, timeoutMs = 2_000 },
) => {
  app.get(
    '/health/live',
    {
      config: operational,
      schema: {
        summary: 'Liveness',
        tags: ['operations'],
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/health/ready',
    {
      config: operational,
      schema: {
        summary: 'Readiness: every dependency answers',
        tags: ['operations'],
        response: { 200: readinessSchema, 503: readinessSchema },
      },
    },
    async (request, reply) => {
      const results = await runChecks(checks, timeoutMs, request.log);
      const ready = Object.values(results).every((result) => result.status === 'ok');
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ok' : 'unavailable', checks: results });
    },
  );
};
