import { CreateOrder } from '@causeway/contracts';
import { ForbiddenError, problemResponses, requestMetadata } from '@causeway/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { executeForHttp, type OrderRouteDeps, ordersTag } from './orderRouteDeps.js';
import { sendRecorded, writtenResponse } from './recordedResponse.js';
import { respondOnce } from './respondOnce.js';
import { createHeaders, createOrderRequest, writeResult } from './schemas.js';

/**
 * `POST /orders`: the server chooses the order id (UUIDv7) and computes the total. An
 * authenticated caller orders for themselves only: another `customerId` is 403 (operators too:
 * they read every order but never act for a customer).
 */
export const createOrderRoute: FastifyPluginAsyncZod<OrderRouteDeps> = async (app, deps) => {
  app.post(
    '/orders',
    {
      schema: {
        summary: 'Create an order',
        tags: ordersTag,
        headers: createHeaders,
        body: createOrderRequest,
        response: { 201: writeResult, ...problemResponses(400, 401, 403, 409, 413, 415, 422, 429) },
      },
    },
    async (request, reply) => {
      if (request.userId !== undefined && request.body.customerId !== request.userId) {
        throw new ForbiddenError('An order can be created only for the authenticated customer');
      }
      const answer = await respondOnce(
        deps.context.store,
        {
          route: 'create-order',
          key: request.headers['idempotency-key'],
          userId: request.userId,
          request: { body: request.body },
        },
        deps.newId,
        async (idFor) => {
          const [orderId, commandId] = [idFor('order'), idFor('command')];
          const command = CreateOrder.create({
            id: commandId,
            aggregateId: orderId,
            payload: request.body,
            metadata: { ...requestMetadata(request), causationId: commandId },
          });
          return writtenResponse(201, orderId, await executeForHttp(deps, command));
        },
      );
      return sendRecorded(reply, answer);
    },
  );
};
