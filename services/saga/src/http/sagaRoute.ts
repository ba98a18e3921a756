import { entityId } from '@causeway/contracts';
import type { StoreDatabase } from '@causeway/event-store';
import { NotFoundError, paramsWithId, problemResponses } from '@causeway/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readSaga } from '../sagaStore/sagaRows.js';

const sentCommand = z.object({
  id: z.string(),
  type: z.string(),
  step: z.string(),
  aggregateId: z.string(),
  payload: z.unknown(),
});

const historyEntry = z.object({
  inputType: z.string(),
  inputId: z.string().nullable(),
  position: z.string().nullable(),
  commands: z.array(sentCommand),
  stateAfter: z.unknown(),
  recordedAt: z.string(),
});

const sagaView = z
  .object({
    orderId: z.string(),
    state: z.unknown(),
    finished: z.boolean(),
    paymentDeadline: z.string().nullable(),
    correlationId: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    history: z.array(historyEntry),
  })
  .meta({ id: 'OrderSaga' });

/** `GET /sagas/:orderId`: one saga's state and every input it handled, for operators. */
export const sagaRoute: FastifyPluginAsyncZod<{ db: StoreDatabase }> = async (app, { db }) => {
  app.get(
    '/sagas/:orderId',
    {
      schema: {
        summary: "An order saga's state and history",
        tags: ['sagas'],
        params: paramsWithId('orderId', entityId),
        response: { 200: sagaView, ...problemResponses(400, 404, 429) },
      },
    },
    async (request) => {
      const saga = await readSaga(db, request.params.orderId);
      if (!saga) throw new NotFoundError(`No saga for order ${request.params.orderId}`);
      return {
        ...saga,
        paymentDeadline: saga.paymentDeadline?.toISOString() ?? null,
        createdAt: saga.createdAt.toISOString(),
        updatedAt: saga.updatedAt.toISOString(),
        history: saga.history.map((entry) => ({ ...entry, recordedAt: entry.recordedAt.toISOString() })),
      };
    },
  );
};
