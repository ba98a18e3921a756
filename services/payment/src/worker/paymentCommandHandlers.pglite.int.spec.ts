import { randomUUID } from 'node:crypto';
import { ProcessPayment, RefundPayment } from '@causeway/contracts';
import { createPGliteEventStore, type DrizzleEventStore } from '@causeway/event-store';
import { type CommandRunner, createInProcessCommandBus } from '@causeway/jetstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPaymentService, type PaymentService } from '../app.js';
import { migratePayment } from '../db/migrate.js';
import { paymentCharges } from '../schema/paymentCharges.js';
import { PAYMENT_COMMAND_SERVICE, paymentCommandHandlers } from './paymentCommandHandlers.js';

// Embedded mode: PGlite (one connection) and the in-process command bus. The gateway's ledger is
// written in the command's transaction there: a second connection does not exist.
let store: DrizzleEventStore;
let service: PaymentService;
let bus: ReturnType<typeof createInProcessCommandBus>;
let runner: CommandRunner;

beforeAll(async () => {
  store = await createPGliteEventStore();
  await migratePayment(store.db);
  service = await buildPaymentService({
    store,
    options: { logger: false, rateLimit: false },
    gateway: { declineAbove: 10_000, delayMs: 20 },
    gatewayConnection: 'transaction',
  });
  bus = createInProcessCommandBus({ store });
  runner = bus.handle(paymentCommandHandlers(service));
}, 60_000);
afterAll(async () => {
  await runner?.stop();
  await service?.app.close();
  await store?.close();
});

const metadata = { correlationId: 'corr', causationId: 'saga' };

describe('the payment service in embedded mode (PGlite, in-process bus)', () => {
  it('charges once for a command sent twice, then refunds once', async () => {
    const paymentId = randomUUID();
    const command = ProcessPayment.create({
      aggregateId: paymentId,
      payload: { orderId: 'o-1', amount: 900 },
      metadata,
    });
    await bus.send(command, { service: PAYMENT_COMMAND_SERVICE });
    await bus.send(command, { service: PAYMENT_COMMAND_SERVICE });
    const refund = RefundPayment.create({
      aggregateId: paymentId,
      payload: { paymentId, orderId: 'o-1', amount: 900 },
      metadata,
    });
    await bus.send(refund, { service: PAYMENT_COMMAND_SERVICE });
    await bus.send({ ...refund, id: randomUUID() }, { service: PAYMENT_COMMAND_SERVICE });
    await bus.idle();
    expect(await store.db.select().from(paymentCharges)).toMatchObject([{ paymentId, refundedAmount: 900 }]);
    const { events } = await store.readStream(`payment-${paymentId}`);
    expect(events.map((e) => e.type)).toEqual(['PAYMENT_PROCESSED', 'PAYMENT_REFUNDED']);
    expect(runner.metrics).toMatchObject({ handled: 2, duplicates: 1, rejected: 1 });
  });
});
