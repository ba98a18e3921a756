import { ConcurrencyError, DomainRuleError, UnknownEventTypeError, ValidationError } from '@causeway/kernel';
import { z } from 'zod';
import { paramsWithId } from '../http/paramsWithId.js';
import { parseIfMatch } from '../http/parseIfMatch.js';
import { requestMetadata } from '../http/requestMetadata.js';
import { setEtag } from '../http/setEtag.js';
import { memoryLogger } from '../logger/testing.js';
import {
  IdempotencyKeyReusedError,
  PreconditionFailedError,
  ServiceUnavailableError,
} from '../problems/httpErrors.js';
import { problemResponses } from '../problems/problem.js';
import { type App, type AppOptions, createApp } from './createApp.js';

export const createOrderBody = z
  .strictObject({
    customerId: z.string().min(1).max(64),
    items: z
      .array(
        z.strictObject({
          sku: z.string().min(1),
          quantity: z.int().min(1).max(1000),
          unitPrice: z.int().min(0),
        }),
      )
      .min(1)
      .max(50),
  })
  .meta({ id: 'CreateOrder' });

export const writeResult = z.object({ orderId: z.uuid(), version: z.int(), position: z.string() });

/**
 * An app with routes shaped like the services' (a zod body, params, If-Match, ETag) plus routes
 * that throw each error the problem mapping knows. Logs go to memory for assertions.
 */
export const sampleApp = async (
  options: Partial<AppOptions> = {},
): Promise<{ app: App; logs: ReturnType<typeof memoryLogger> }> => {
  const logs = memoryLogger();
  const app = await createApp({ name: 'sample', logger: logs.logger, defaultMetrics: false, ...options });

  app.post(
    '/orders',
    {
      schema: {
        summary: 'Create an order',
        body: createOrderBody,
        response: { 201: writeResult, ...problemResponses(400, 409, 413, 415, 422, 429) },
      },
    },
    async (request, reply) => {
      if (request.headers['idempotency-key'] === 'reused') throw new IdempotencyKeyReusedError('reused');
      const orderId = '01970000-0000-7000-8000-000000000001';
      return setEtag(reply, 1)
        .code(201)
        .send({ orderId, version: 1, position: `${request.body.items.length}` });
    },
  );

  app.post(
    '/orders/:orderId/cancel',
    {
      schema: {
        params: paramsWithId('orderId'),
        body: z.strictObject({ reason: z.string().min(1) }),
        response: { 200: writeResult, ...problemResponses(400, 404, 409, 412) },
      },
    },
    async (request, reply) => {
      const expected = parseIfMatch(request.headers['if-match']);
      const current = 4;
      if (expected !== undefined && expected !== current)
        throw new PreconditionFailedError(expected, current);
      return setEtag(reply, current + 1).send({
        orderId: request.params.orderId,
        version: current + 1,
        position: '9',
      });
    },
  );

  app.get('/metadata', async (request) => requestMetadata(request));
  app.get('/throw/concurrency', async () => {
    throw new ConcurrencyError('order-1', 2, 3);
  });
  app.get('/throw/rule/:code', { schema: { params: z.object({ code: z.string() }) } }, async (request) => {
    throw new DomainRuleError(request.params.code, `Rule ${request.params.code} refused the command`);
  });
  app.get('/throw/kernel-validation', async () => {
    throw new ValidationError('ORDER_CREATED', [{ path: 'payload.total', message: 'must be an integer' }]);
  });
  app.get('/throw/unknown-type', async () => {
    throw new UnknownEventTypeError('ORDER_TELEPORTED');
  });
  app.get('/throw/unavailable', async () => {
    throw new ServiceUnavailableError('The read model has not reached position 42 yet', 2);
  });
  app.get('/throw/unexpected', async () => {
    throw new Error('connect ECONNREFUSED postgres://app:pgs3cret@10.0.0.7:5432/orders at Pool.connect');
  });
  app.get('/throw/bad-response', { schema: { response: { 200: z.object({ id: z.uuid() }) } } }, async () => ({
    id: 'not-a-uuid',
  }));
  return { app, logs };
};
