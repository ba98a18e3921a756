import { CancelOrder } from '@causeway/contracts';
import { paramsWithId, parseIfMatch, problemResponses, requestMetadata } from '@causeway/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { executeForHttp, type OrderRouteDeps, ordersTag } from './orderRouteDeps.js';
import { sendRecorded, writtenResponse } from './recordedResponse.js';
import { respondOnce } from './respondOnce.js';
import { cancelOrderRequest, conditionalHeaders, writeResult } from './schemas.js';

/** `POST /orders/:orderId/cancel`: cancels a pending order. */
export const cancelOrderRoute: FastifyPluginAsyncZod<OrderRouteDeps> = async (app, deps) => {
  app.post(
    '/orders/:orderId/cancel',
    {
      schema: {
        summary: 'Cancel a pending order',
        tags: ordersTag,
        params: paramsWithId('orderId'),
        headers: conditionalHeaders,
        body: cancelOrderRequest,
        response: { 200: writeResult, ...problemResponses(400, 401, 404, 409, 412, 413, 415, 422, 429) },
      },
    },
    async (request, reply) => {
      const expectedVersion = parseIfMatch(request.headers['if-match']);
      const { orderId } = request.params;
      const answer = await respondOnce(
        deps.context.store,
        {
          route: 'cancel-order',
          key: request.headers['idempotency-key'],
          userId: request.userId,
          request: { params: request.params, body: request.body, expectedVersion },
        },
        deps.newId,
        async (idFor) => {
          const commandId = idFor('command');
          const command = CancelOrder.create({
            id: commandId,
            aggregateId: orderId,
            payload: request.body,
            metadata: { ...requestMetadata(request), causationId: commandId },
          });
          return writtenResponse(
            200,
            orderId,
            await executeForHttp(deps, command, { expectedVersion, owner: request.userId }),
          );
        },
      );
      return sendRecorded(reply, answer);
    },
  );
};
