import { AddOrderItem, CancelOrder, ConfirmOrder } from '@causeway/contracts';
import { type DrizzleEventStore, queryRows } from '@causeway/event-store';
import { createTestEventStore, type TestEventStore } from '@causeway/event-store/testing';
import { type CommandRunner, createCommandBus, ensureTopology } from '@causeway/jetstream';
import { isolateNats, type NatsIsolation } from '@causeway/jetstream/testing';
import { type CommandEnvelope, uuidv7 } from '@causeway/kernel';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommandApp } from '../app.js';
import { eventually } from '../fixtures/processes.js';
import { validOrder } from '../fixtures/testApp.js';
import { buildOrderCommandHandlers, ORDER_COMMAND_SERVICE } from './orderCommandHandlers.js';

let test: TestEventStore;
let store: DrizzleEventStore;
let nats: NatsIsolation;
let runner: CommandRunner;
let app: Awaited<ReturnType<typeof buildCommandApp>>;
let handlerCalls = 0;

beforeAll(async () => {
  test = await createTestEventStore('postgres', { label: 'ordercommands' });
  store = test.store;
  nats = await isolateNats({ label: 'ordercmds' });
  await ensureTopology({ nc: nats.nc, prefix: nats.prefix });
  app = await buildCommandApp({ store, options: { logger: false, rateLimit: false, defaultMetrics: false } });
  const handlers = buildOrderCommandHandlers();
  runner = bus().handle({
    ...handlers,
    handlers: Object.fromEntries(
      Object.entries(handlers.handlers).map(([type, handle]) => [
        type,
        (command: CommandEnvelope, context: Parameters<typeof handle>[1]) => {
          handlerCalls += 1;
          return handle(command, context);
        },
      ]),
    ),
    retry: { initialMs: 20, maxMs: 50 },
  });
});
afterAll(async () => {
  await runner?.stop();
  await app?.close();
  await nats?.cleanup();
  await test?.close();
});

const bus = () => createCommandBus({ nc: nats.nc, store, prefix: nats.prefix });
const send = (command: CommandEnvelope) => bus().send(command, { service: ORDER_COMMAND_SERVICE });
const metadata = { correlationId: 'saga-corr', causationId: 'payment-event-1' };
const newOrder = async () =>
  (await app.inject({ method: 'POST', url: '/orders', payload: validOrder })).json().orderId as string;
const eventsOf = async (orderId: string) => (await store.readStream(`order-${orderId}`)).events;
const delivered = () => runner.metrics.handled + runner.metrics.duplicates + runner.metrics.rejected;
const rejections = () =>
  queryRows<{ event_id: string; error: string }>(
    store.db,
    sql`SELECT event_id::text AS event_id, error FROM dead_letters WHERE subscriber = ${`commands:${ORDER_COMMAND_SERVICE}`}`,
  );

describe('the order command consumer', () => {
  it('confirms a pending order once, though CONFIRM_ORDER is sent and delivered twice', async () => {
    const orderId = await newOrder();
    const confirm = ConfirmOrder.create({
      aggregateId: orderId,
      payload: { paymentId: 'payment-1', amountPaid: 3_750 },
      metadata,
    });
    const before = delivered();
    await send(confirm);
    await send(confirm);
    // A copy JetStream cannot de-duplicate (no Nats-Msg-Id): the consumer's own record must.
    await nats.js.publish(`${nats.prefix}.commands.order.CONFIRM_ORDER`, JSON.stringify(confirm));
    await eventually(async () => expect(delivered() - before).toBe(2));
    const events = await eventsOf(orderId);
    expect(events.map((e) => e.type)).toEqual(['ORDER_CREATED', 'ORDER_CONFIRMED']);
    expect(events[1]).toMatchObject({
      payload: { paymentId: 'payment-1', amountPaid: 3_750 },
      metadata: { correlationId: 'saga-corr', causationId: confirm.id },
    });
  });

  it('records a CANCEL_ORDER on a confirmed order as rejected, and does not retry it', async () => {
    const orderId = await newOrder();
    await send(
      ConfirmOrder.create({
        aggregateId: orderId,
        payload: { paymentId: 'p-2', amountPaid: 4_000 },
        metadata,
      }),
    );
    await eventually(async () => expect(await eventsOf(orderId)).toHaveLength(2));
    const rejectedBefore = runner.metrics.rejected;
    const callsBefore = handlerCalls;
    const cancel = CancelOrder.create({
      aggregateId: orderId,
      payload: { reason: 'payment timed out' },
      metadata,
    });
    await send(cancel);
    await eventually(async () => expect(runner.metrics.rejected).toBe(rejectedBefore + 1));
    expect(handlerCalls - callsBefore).toBe(1);
    expect(await rejections()).toContainEqual({
      event_id: cancel.id,
      error: expect.stringMatching(/^ORDER_NOT_PENDING: /),
    });
    expect((await eventsOf(orderId)).map((e) => e.type)).toEqual(['ORDER_CREATED', 'ORDER_CONFIRMED']);
    await eventually(async () =>
      expect((await nats.jsm.streams.info(nats.names.commandsStream)).state.messages).toBe(0),
    );
  });

  it('cancels a pending order, and rejects an underpaid confirmation', async () => {
    const orderId = await newOrder();
    const underpaid = ConfirmOrder.create({
      aggregateId: orderId,
      payload: { paymentId: 'p-3', amountPaid: 1 },
      metadata,
    });
    await send(underpaid);
    await eventually(async () =>
      expect(await rejections()).toContainEqual({
        event_id: underpaid.id,
        error: expect.stringMatching(/^ORDER_UNDERPAID/),
      }),
    );
    await send(CancelOrder.create({ aggregateId: orderId, payload: { reason: 'payment failed' }, metadata }));
    await eventually(async () =>
      expect((await eventsOf(orderId)).map((e) => e.type)).toEqual(['ORDER_CREATED', 'ORDER_CANCELLED']),
    );
  });

  it('rejects order commands that only come over HTTP', async () => {
    const orderId = await newOrder();
    const add = AddOrderItem.create({
      aggregateId: orderId,
      payload: { sku: 'X-1', quantity: 1, unitPrice: 1 },
      metadata,
    });
    await send(add);
    await eventually(async () =>
      expect(await rejections()).toContainEqual({
        event_id: add.id,
        error: expect.stringMatching(/^UNKNOWN_COMMAND/),
      }),
    );
    expect(await eventsOf(orderId)).toHaveLength(1);
  });

  it('records a CONFIRM_ORDER for an unknown order as rejected (ORDER_NOT_FOUND)', async () => {
    const confirm = ConfirmOrder.create({
      aggregateId: uuidv7(),
      payload: { paymentId: 'p-4', amountPaid: 1 },
      metadata,
    });
    await send(confirm);
    await eventually(async () =>
      expect(await rejections()).toContainEqual({
        event_id: confirm.id,
        error: expect.stringMatching(/^ORDER_NOT_FOUND/),
      }),
    );
  });
});
