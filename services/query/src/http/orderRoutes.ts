import { streamIdOf } from '@causeway/kernel';
import {
  isOperator,
  mayRead,
  NotFoundError,
  type Principal,
  paramsWithId,
  problemResponses,
  setEtag,
} from '@causeway/service-kit';
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

/** Another customer's order is answered like a missing one: 404, nothing leaked. */
const notFound = (orderId: string) => new NotFoundError(`Order ${orderId} does not exist`);

/**
 * The customer whose orders a caller may list: anyone's for an operator or an anonymous caller
 * (auth disabled), else only their own. `null`: they asked for someone else's, which is an empty page.
 */
const listableCustomer = (
  principal: Principal | undefined,
  asked: string | undefined,
): string | undefined | null => {
  if (principal === undefined || isOperator(principal)) return asked;
  return asked === undefined || asked === principal.userId ? principal.userId : null;
};

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
        response: { 200: orderSchema, ...problemResponses(400, 401, 404, 429, 503) },
      },
    },
    async (request, reply) => {
      await awaitPosition(watcher, request.query.minPosition, minPositionWaitMs);
      const order = await getOrder(store.db, request.params.orderId);
      if (!order || !mayRead(request.principal, order.customerId)) throw notFound(request.params.orderId);
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
        response: { 200: orderPageSchema, ...problemResponses(400, 401, 429, 503) },
      },
    },
    async (request) => {
      const { minPosition, customerId, ...query } = request.query;
      await awaitPosition(watcher, minPosition, minPositionWaitMs);
      const customer = listableCustomer(request.principal, customerId);
      if (customer === null) return { orders: [], nextCursor: null };
      return listOrders(store.db, { ...query, ...(customer === undefined ? {} : { customerId: customer }) });
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
        response: { 200: historySchema, ...problemResponses(400, 401, 404, 429) },
      },
    },
    async (request) => {
      const { orderId } = request.params;
      const streamId = streamIdOf({ aggregateType: 'order', aggregateId: orderId });
      if (request.principal !== undefined) {
        // The owner is in the stream's first event (OrderCreated), read from the store itself.
        const first = await store.readStream(streamId, { fromVersion: 1, limit: 1 });
        const owner = (first.events[0]?.payload as { customerId?: unknown } | undefined)?.customerId;
        if (typeof owner !== 'string' || !mayRead(request.principal, owner)) throw notFound(orderId);
      }
      const { events, streamVersion } = await store.readStream(streamId, {
        fromVersion: request.query.fromVersion,
        limit: request.query.limit,
      });
      if (streamVersion === 0) throw notFound(orderId);
      return { orderId, version: streamVersion, events };
    },
  );
};
