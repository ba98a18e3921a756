import { CancelOrder, ConfirmOrder } from '@causeway/contracts';
import { queryRows } from '@causeway/event-store';
import { createTestEventStore, type TestEventStore } from '@causeway/event-store/testing';
import { type CommandRunner, createInProcessCommandBus } from '@causeway/jetstream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommandApp } from '../app.js';
import { validOrder } from '../fixtures/testApp.js';
import { buildOrderCommandHandlers, ORDER_COMMAND_SERVICE } from './orderCommandHandlers.js';

// Embedded mode: the same handlers on PGlite and the in-process command bus, no NATS.
let test: TestEventStore;
let bus: ReturnType<typeof createInProcessCommandBus>;
let runner: CommandRunner;
let app: Awaited<ReturnType<typeof buildCommandApp>>;

beforeAll(async () => {
  test = await createTestEventStore('pglite');
  bus = createInProcessCommandBus({ store: test.store });
  runner = bus.handle(buildOrderCommandHandlers());
  app = await buildCommandApp({ store: test.store, options: { logger: false, defaultMetrics: false } });
});
afterAll(async () => {
  await runner?.stop();
  await app?.close();
  await test?.close();
});

const metadata = { correlationId: 'saga-corr', causationId: 'payment-event-1' };

describe('the order command consumer in embedded mode', () => {
  it('confirms once though sent twice, then records a CANCEL_ORDER as rejected', async () => {
    const { orderId } = (await app.inject({ method: 'POST', url: '/orders', payload: validOrder })).json();
    const confirm = ConfirmOrder.create({
      aggregateId: orderId,
      payload: { paymentId: 'p-1', amountPaid: 3_750 },
      metadata,
    });
    await bus.send(confirm, { service: ORDER_COMMAND_SERVICE });
    await bus.send(confirm, { service: ORDER_COMMAND_SERVICE });
    const cancel = CancelOrder.create({ aggregateId: orderId, payload: { reason: 'late' }, metadata });
    await bus.send(cancel, { service: ORDER_COMMAND_SERVICE });
    await bus.idle();

    expect(runner.metrics).toMatchObject({ handled: 1, duplicates: 1, rejected: 1, retries: 0 });
    const { events } = await test.store.readStream(`order-${orderId}`);
    expect(events.map((e) => e.type)).toEqual(['ORDER_CREATED', 'ORDER_CONFIRMED']);
    const rejected = await queryRows<{ event_id: string; error: string }>(
      test.store.db,
      sql`SELECT event_id::text AS event_id, error FROM dead_letters`,
    );
    expect(rejected).toEqual([{ event_id: cancel.id, error: expect.stringMatching(/^ORDER_NOT_PENDING: /) }]);
  });
});
