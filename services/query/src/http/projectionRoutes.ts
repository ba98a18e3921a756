import { problemResponses } from '@causeway/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { projectionStatus } from '../read/projectionStatus.js';
import type { RouteDeps } from './routeDeps.js';
import { projectionsSchema } from './schemas.js';

export const projectionRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store, projections }) => {
  app.get(
    '/projections',
    {
      schema: {
        summary: 'Each projection’s checkpoint, lag behind the store’s head, and dead letters',
        tags: ['operations'],
        querystring: z.strictObject({}),
        response: { 200: projectionsSchema, ...problemResponses(400, 429) },
      },
    },
    async () => {
      const head = await store.headPosition();
      const statuses = await Promise.all(
        projections.map(async ({ name, status }) => ({
          ...(await projectionStatus(store, name)),
          consumer: status() ?? null,
        })),
      );
      return { head: head ?? null, projections: statuses };
    },
  );
};
