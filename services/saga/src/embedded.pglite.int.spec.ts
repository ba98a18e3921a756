import { randomUUID } from 'node:crypto';
import {
  OrderCancelled,
  type OrderCommandEnvelope,
  OrderConfirmed,
  orderCommands,
  orderEvents,
  type PaymentCommandEnvelope,
  PaymentProcessed,
  paymentCommands,
  paymentEvents,
} from '@causeway/contracts';
import { createPGliteEventStore, type DrizzleEventStore, handleCommand } from '@causeway/event-store';
import {
  type CommandHandler,
  type CommandRunner,
  createInProcessCommandBus,
  createInProcessDelivery,
  type InProcessDelivery,
  migrateDelivery,
} from '@causeway/jetstream';
import { DomainRuleError, type Message } from '@causeway/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSagaService, type SagaService } from './app.js';
import { migrateSaga } from './db/migrate.js';
import { readSaga } from './sagaStore/sagaRows.js';
import { sagaEvents } from './testing/sagaEvents.js';
import { eventually } from './testing/serviceProcess.js';
import { commandServiceOf } from './worker/sagaCommands.js';

// Embedded mode: PGlite (one connection), the in-process event delivery and command bus. The
// order and payment sides are stand-ins here (a service never imports another): an order that
// confirms or cancels while pending, and a gateway that approves amounts up to 1,000 and never
// answers above (so the saga's timer has something to do).
let store: DrizzleEventStore;
let saga: SagaService;
let delivery: InProcessDelivery;
let runners: CommandRunner[];
/** Orders of this total lose their first confirm, as if the process had stopped with it queued. */
const LOST = 777;
const lost = new Set<string>();

const orderDecider = {
  initialState: () => 'PENDING' as string,
  evolve: (_: string, event: Message) => (event.type === 'ORDER_CREATED' ? 'PENDING' : event.type),
  decide: (command: Message, state: string): Message[] => {
    if (state !== 'PENDING') throw new DomainRuleError('ORDER_NOT_PENDING', 'not pending');
    const { payload } = command as OrderCommandEnvelope;
    return command.type === 'CONFIRM_ORDER'
      ? [OrderConfirmed.of(payload as ConfirmPayload)]
      : [OrderCancelled.of(payload as { reason: string })];
  },
};
const paymentDecider = {
  initialState: () => undefined,
  evolve: () => undefined,
  decide: (command: Message): Message[] => {
    const { payload } = command as Extract<PaymentCommandEnvelope, { type: 'PROCESS_PAYMENT' }>;
    return [PaymentProcessed.of({ paymentId: (command as PaymentCommandEnvelope).aggregateId, ...payload })];
  },
};
type ConfirmPayload = { paymentId: string; amountPaid: number };

beforeAll(async () => {
  store = await createPGliteEventStore();
  await migrateDelivery(store.db);
  await migrateSaga(store.db);
  const bus = createInProcessCommandBus({ store });
  saga = await buildSagaService({
    store,
    send: async (command) => {
      // The process stopped with this confirm still queued: the in-process bus lost it, once.
      if (command.type === 'CONFIRM_ORDER' && command.payload.amountPaid === LOST && !lost.has(command.id)) {
        lost.add(command.id);
        return;
      }
      await bus.send(command, { service: commandServiceOf(command) });
    },
    options: { logger: false, rateLimit: false },
    paymentTimeoutMs: 300,
    timerIntervalMs: 50,
  });
  const toOrder: CommandHandler = (command, context) =>
    handleCommand(context.store, orderDecider, command, { registry: orderEvents });
  const toPayment: CommandHandler = async (command, context) => {
    if ((command as PaymentCommandEnvelope).payload.amount > 1_000) return; // never answers
    await handleCommand(context.store, paymentDecider, command, { registry: paymentEvents });
  };
  runners = [
    bus.handle({
      service: 'order',
      registry: orderCommands,
      handlers: { CONFIRM_ORDER: toOrder, CANCEL_ORDER: toOrder },
    }),
    bus.handle({ service: 'payment', registry: paymentCommands, handlers: { PROCESS_PAYMENT: toPayment } }),
  ];
  delivery = createInProcessDelivery({ store, pollIntervalMs: 20 });
  delivery.subscribe(saga.subscriber);
  delivery.start();
  saga.timer.start();
}, 60_000);
afterAll(async () => {
  await saga?.timer.stop();
  await delivery?.stop();
  for (const runner of runners ?? []) await runner.stop();
  await saga?.app.close();
  await store?.close();
});

const createOrder = async (total: number) => {
  const orderId = randomUUID();
  const { version: _, ...created } = sagaEvents(orderId).created(total);
  await store.append(`order-${orderId}`, [created]);
  return orderId;
};

const orderEventsOf = async (orderId: string) =>
  (await store.readStream(`order-${orderId}`)).events.map((event) => event.type);

describe('the saga in embedded mode (PGlite, in-process delivery and command bus)', () => {
  it('charges and confirms an order', async () => {
    const orderId = await createOrder(700);
    await eventually(async () => expect((await readSaga(store.db, orderId))?.finished).toBe(true), 20_000);
    expect(await orderEventsOf(orderId)).toEqual(['ORDER_CREATED', 'ORDER_CONFIRMED']);
  });

  it('recovers, through redrive at start-up, a command the in-process bus lost', async () => {
    const orderId = await createOrder(LOST);
    await eventually(async () => expect(lost.size).toBe(1), 20_000);
    await eventually(async () =>
      expect((await readSaga(store.db, orderId))?.state.requested).toBe('CONFIRM'),
    );
    expect(await saga.redrive()).toBeGreaterThanOrEqual(1);
    await eventually(async () => expect((await readSaga(store.db, orderId))?.finished).toBe(true), 20_000);
    expect(await orderEventsOf(orderId)).toEqual(['ORDER_CREATED', 'ORDER_CONFIRMED']);
  });

  it('cancels an order whose payment never answers, on its deadline', async () => {
    const orderId = await createOrder(5_000);
    await eventually(
      async () => expect(await orderEventsOf(orderId)).toEqual(['ORDER_CREATED', 'ORDER_CANCELLED']),
      20_000,
    );
    // The order's stream has its cancel before the saga has read it back: wait for the saga too.
    await eventually(async () => {
      const view = await readSaga(store.db, orderId);
      expect(view?.history.map((h) => h.inputType)).toEqual([
        'ORDER_CREATED',
        'PAYMENT_TIMED_OUT',
        'ORDER_CANCELLED',
      ]);
    }, 20_000);
  });
});
