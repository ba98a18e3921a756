import { randomUUID } from 'node:crypto';
import { START } from '@causeway/event-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSagaService, type SagaService } from './app.js';
import { createSagaTestDatabase, type SagaTestDatabase } from './testing/sagaDatabase.js';
import { sagaEvents } from './testing/sagaEvents.js';
import type { SagaCommandEnvelope } from './worker/sagaCommands.js';

let database: SagaTestDatabase;
let service: SagaService;
const sent: SagaCommandEnvelope[] = [];

beforeAll(async () => {
  database = await createSagaTestDatabase('sagaapp');
  service = await buildSagaService({
    store: database.store,
    send: async (command) => {
      sent.push(command);
    },
    options: { logger: false, rateLimit: false },
    paymentTimeoutMs: 60_000,
  });
});
afterAll(async () => {
  await service?.app.close();
  await database?.close();
});

describe('the saga service', () => {
  it('shows a saga with its history at GET /sagas/:orderId', async () => {
    const orderId = randomUUID();
    const created = sagaEvents(orderId).created(2_500);
    await database.store.transaction((tx) => service.subscriber.handle({ ...created, position: START }, tx));
    const response = await service.app.inject({ method: 'GET', url: `/sagas/${orderId}` });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      orderId,
      finished: false,
      correlationId: created.metadata.correlationId,
      state: { total: 2_500, order: 'PENDING', requested: 'NONE' },
      history: [
        {
          inputType: 'ORDER_CREATED',
          inputId: created.id,
          commands: [{ type: 'PROCESS_PAYMENT', step: 'pay-1', payload: { orderId, amount: 2_500 } }],
        },
      ],
    });
    expect(Date.parse(body.paymentDeadline) - Date.parse(body.history[0].recordedAt)).toBe(60_000);
  });

  it('answers 404 problem+json for an order it has no saga for, 400 for a malformed id', async () => {
    const unknown = await service.app.inject({ method: 'GET', url: `/sagas/${randomUUID()}` });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    const malformed = await service.app.inject({ method: 'GET', url: '/sagas/not%20an%20id' });
    expect(malformed.statusCode).toBe(400);
  });

  it('reports sagas by state, inputs and commands sent in /metrics', async () => {
    const response = await service.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.body).toMatch(/saga_instances\{order="PENDING",finished="false"[^}]*\} [1-9]/);
    expect(response.body).toMatch(/saga_inputs_total\{type="ORDER_CREATED"[^}]*\} [1-9]/);
    expect(response.body).toMatch(/saga_commands_sent_total\{type="PROCESS_PAYMENT"[^}]*\} [1-9]/);
    expect(response.body).toContain('saga_timeouts_fired_total');
  });

  it('is ready when the database answers', async () => {
    const response = await service.app.inject({ method: 'GET', url: '/health/ready' });
    expect(response.json()).toMatchObject({ status: 'ok', checks: { database: { status: 'ok' } } });
  });
});
