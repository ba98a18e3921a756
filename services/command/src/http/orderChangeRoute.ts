import { AddOrderItem, CancelOrder, type OrderCommandEnvelope } from '@causeway/contracts';
import type { CommandDefinition } from '@causeway/kernel';
import { paramsWithId, parseIfMatch, problemResponses, requestMetadata } from '@causeway/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { executeForHttp, type OrderRouteDeps, ordersTag } from './orderRouteDeps.js';
import { sendRecorded, writtenResponse } from './recordedResponse.js';
import { respondOnce } from './respondOnce.js';
import { addItemRequest, cancelOrderRequest, conditionalHeaders, writeResult } from './schemas.js';

interface OrderChange<Body extends z.ZodType> {
  /** Path under `/orders/:orderId/`. */
  action: string;
  /** Names the route in idempotency records. */
  route: string;
  summary: string;
  body: Body;
  command: CommandDefinition<OrderCommandEnvelope['type'], Body>;
}

/**
 * `POST /orders/:orderId/<action>`: one command on an existing order, conditional on `If-Match`,
 * idempotent with `Idempotency-Key`, answered with the stream's new version.
 */
const orderChangeRoute =
  <Body extends z.ZodType>(change: OrderChange<Body>): FastifyPluginAsyncZod<OrderRouteDeps> =>
  async (app, deps) => {
    app.post(
      `/orders/:orderId/${change.action}`,
      {
        schema: {
          summary: change.summary,
          tags: ordersTag,
          params: paramsWithId('orderId'),
          headers: conditionalHeaders,
          body: change.body,
          response: { 200: writeResult, ...problemResponses(400, 401, 404, 409, 412, 413, 415, 422, 429) },
        },
      },
      async (request, reply) => {
        const expectedVersion = parseIfMatch(request.headers['if-match']);
        const { orderId } = request.params;
        const answer = await respondOnce(
          deps.context.store,
          {
            route: change.route,
            key: request.headers['idempotency-key'],
            userId: request.userId,
            request: { params: request.params, body: request.body, expectedVersion },
          },
          deps.newId,
          async (idFor) => {
            const commandId = idFor('command');
            const command = change.command.create({
              id: commandId,
              aggregateId: orderId,
              payload: request.body as z.output<Body>,
              metadata: { ...requestMetadata(request), causationId: commandId },
            }) as OrderCommandEnvelope;
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

/** `POST /orders/:orderId/items`: adds one item to a pending order; the new total is computed. */
export const addItemRoute = orderChangeRoute({
  action: 'items',
  route: 'add-item',
  summary: 'Add an item to a pending order',
  body: addItemRequest,
  command: AddOrderItem,
});

/** `POST /orders/:orderId/cancel`: cancels a pending order. */
export const cancelOrderRoute = orderChangeRoute({
  action: 'cancel',
  route: 'cancel-order',
  summary: 'Cancel a pending order',
  body: cancelOrderRequest,
  command: CancelOrder,
});
