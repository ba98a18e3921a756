import { streamIdOf } from '@causeway/kernel';
import { NotFoundError, paramsWithId, problemResponses, setEtag } from '@causeway/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { awaitPosition } from '../consistency/awaitPosition.js';
import { getOrder } from '../read/getOrder.js';
import { listOrders } from '../read/listOrders.js';
import type { RouteDeps } from './routeDeps.js';
import {
  historyQuery,
  historySchema,
  listQuery,
  orderPageSchema,
  orderSchema,
  readQuery,
} from './schemas.js';

const orderParams = paramsWithId('orderId');

export const orderRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  const { store, watcher, minPositionWaitMs } = deps;

  app.get(
    '/orders/:orderId',
    {
      schema: {
        summary: 'An order as the read model has it, with its payments',
        tags: ['orders'],
        params: orderParams,
        querystring: readQuery,
        response: { 200: orderSchema, ...problemResponses(400, 404, 429, 503) },
      },
    },
    async (request, reply) => {
      await awaitPosition(watcher, request.query.minPosition, minPositionWaitMs);
      const order = await getOrder(store.db, request.params.orderId);
      if (!order) throw new NotFoundError(`Order ${request.params.orderId} does not exist`);
      return setEtag(reply, order.version).send(order);
    },
  );

  app.get(
    '/orders',
    {
      schema: {
        summary: 'Orders, newest first, optionally by customer and status; keyset-paginated',
        tags: ['orders'],
        querystring: listQuery,
        response: { 200: orderPageSchema, ...problemResponses(400, 429, 503) },
      },
    },
    async (request) => {
      const { minPosition, ...query } = request.query;
      await awaitPosition(watcher, minPosition, minPositionWaitMs);
      return listOrders(store.db, query);
    },
  );

  app.get(
    '/orders/:orderId/history',
    {
      schema: {
        summary: 'The order stream’s events, from the event store (the audit view)',
        description:
          'Read from the store itself, so always current; `minPosition` is validated and accepted for symmetry.',
        tags: ['orders'],
        params: orderParams,
        querystring: historyQuery,
        response: { 200: historySchema, ...problemResponses(400, 404, 429) },
      },
    },
    async (request) => {
      const { orderId } = request.params;
      const streamId = streamIdOf({ aggregateType: 'order', aggregateId: orderId });
      const { events, streamVersion } = await store.readStream(streamId, {
        fromVersion: request.query.fromVersion,
        limit: request.query.limit,
      });
      if (streamVersion === 0) throw new NotFoundError(`Order ${orderId} does not exist`);
      return { orderId, version: streamVersion, events };
    },
  );
};
