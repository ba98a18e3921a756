import { CancelOrder, ConfirmOrder } from '@causeway/contracts';
import { type DrizzleEventStore, queryRows } from '@causeway/event-store';
import { createTestEventStore, type TestEventStore } from '@causeway/event-store/testing';
import { type CommandRunner, createCommandBus, ensureTopology } from '@causeway/jetstream';
import { isolateNats, type NatsIsolation } from '@causeway/jetstream/testing';
import { uuidv7 } from '@causeway/kernel';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommandApp } from '../app.js';
import { buildOrderCommandHandlers, ORDER_COMMAND_SERVICE } from '../consumer/orderCommandHandlers.js';
import { eventually } from '../fixtures/processes.js';
import { validOrder } from '../fixtures/testApp.js';

let test: TestEventStore;
let store: DrizzleEventStore;
let nats: NatsIsolation;
let runner: CommandRunner;
let app: Awaited<ReturnType<typeof buildCommandApp>>;

beforeAll(async () => {
  test = await createTestEventStore('postgres', { label: 'junkcommands' });
  store = test.store;
  nats = await isolateNats({ label: 'junkcmds' });
  await ensureTopology({ nc: nats.nc, prefix: nats.prefix });
  app = await buildCommandApp({ store, options: { logger: false, rateLimit: false, defaultMetrics: false } });
  runner = bus().handle({ ...buildOrderCommandHandlers(), retry: { initialMs: 20, maxMs: 50 } });
});
afterAll(async () => {
  await runner?.stop();
  await app?.close();
  await nats?.cleanup();
  await test?.close();
});

const bus = () => createCommandBus({ nc: nats.nc, store, prefix: nats.prefix });
const metadata = { correlationId: 'junk-corr', causationId: 'junk-cause' };
const rejections = () =>
  queryRows<{ error: string }>(
    store.db,
    sql`SELECT error FROM dead_letters WHERE subscriber = ${`commands:${ORDER_COMMAND_SERVICE}`} ORDER BY id`,
  );
const eventCount = async () =>
  (await queryRows<{ n: number }>(store.db, sql`SELECT count(*)::int AS n FROM events`))[0]?.n ?? 0;

describe('junk on the order command subjects', () => {
  it('is recorded as rejected with a reason, writes nothing, and the consumer goes on', async () => {
    const orderId = (await app.inject({ method: 'POST', url: '/orders', payload: validOrder })).json()
      .orderId as string;
    const before = await eventCount();
    const subject = (type: string) => nats.names.commandSubject(ORDER_COMMAND_SERVICE, type);
    const valid = ConfirmOrder.create({
      aggregateId: orderId,
      payload: { paymentId: 'p', amountPaid: 1 },
      metadata,
    });
    const publish = (type: string, body: string | Uint8Array, withHeaders = true) => {
      const h = natsHeaders();
      if (withHeaders) h.set('Causeway-Message-Type', type);
      return nats.js.publish(subject(type), body, { headers: h, msgID: `junk-${uuidv7()}` });
    };
    await publish('CONFIRM_ORDER', 'not json {', false);
    await publish('CONFIRM_ORDER', 'not json {');
    await publish('CONFIRM_ORDER', JSON.stringify({ ...valid, id: uuidv7(), payload: { paymentId: 7 } }));
    await publish('CONFIRM_ORDER', JSON.stringify({ ...valid, id: 'not-a-uuid', aggregateId: '../../etc' }));
    await publish('TELEPORT_ORDER', JSON.stringify({ ...valid, id: uuidv7(), type: 'TELEPORT_ORDER' }));
    await publish('CONFIRM_ORDER', JSON.stringify([1, 2, 3]));
    await publish('CONFIRM_ORDER', 'null');
    // PostgreSQL text/jsonb cannot hold U+0000: the rejection must still be recordable.
    await publish('CONFIRM_ORDER', 'nul \u0000 byte');

    await eventually(async () => expect((await rejections()).length).toBeGreaterThanOrEqual(8), 20_000);
    const reasons = (await rejections()).map((row) => row.error);
    console.info(`order command junk rejected:\n${reasons.map((r) => `- ${r.slice(0, 160)}`).join('\n')}`);
    for (const reason of reasons) expect(reason.length).toBeGreaterThan(10);
    expect(await eventCount()).toBe(before);

    // The consumer is still there: a real command after the junk is applied.
    await bus().send(
      CancelOrder.create({ aggregateId: orderId, payload: { reason: 'after junk' }, metadata }),
      {
        service: ORDER_COMMAND_SERVICE,
      },
    );
    await eventually(
      async () =>
        expect((await store.readStream(`order-${orderId}`)).events.map((e) => e.type)).toEqual([
          'ORDER_CREATED',
          'ORDER_CANCELLED',
        ]),
      20_000,
    );
    // Nothing left behind: every junk message was settled (rejected), none is being retried.
    await eventually(
      async () => expect((await nats.jsm.streams.info(nats.names.commandsStream)).state.messages).toBe(0),
      20_000,
    );
  });
});
