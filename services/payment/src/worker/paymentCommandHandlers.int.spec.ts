import { randomUUID } from 'node:crypto';
import { ProcessPayment, RefundPayment } from '@causeway/contracts';
import { type CommandRunner, createCommandBus, encodeCommand, ensureTopology } from '@causeway/jetstream';
import { isolateNats, type NatsIsolation } from '@causeway/jetstream/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPaymentService, type PaymentService } from '../app.js';
import { paymentCharges } from '../schema/paymentCharges.js';
import { createPaymentTestDatabase, type PaymentTestDatabase } from '../testing/paymentDatabase.js';
import { PAYMENT_COMMAND_SERVICE, paymentCommandHandlers } from './paymentCommandHandlers.js';

let database: PaymentTestDatabase;
let nats: NatsIsolation;
let service: PaymentService;
let runner: CommandRunner;

beforeAll(async () => {
  database = await createPaymentTestDatabase('paymentnats');
  nats = await isolateNats({ label: 'payment' });
  await ensureTopology({ nc: nats.nc, prefix: nats.prefix });
  service = await buildPaymentService({
    store: database.store,
    nats: nats.nc,
    options: { logger: false, rateLimit: false },
    gateway: { declineAbove: 10_000 },
  });
  runner = createCommandBus({ nc: nats.nc, store: database.store, prefix: nats.prefix }).handle(
    paymentCommandHandlers(service),
  );
});
afterAll(async () => {
  await runner?.stop();
  await service?.app.close();
  await nats?.cleanup();
  await database?.close();
});

const metadata = { correlationId: 'corr', causationId: 'saga' };
const processPayment = (paymentId: string, amount = 2_000) =>
  ProcessPayment.create({ aggregateId: paymentId, payload: { orderId: 'o-1', amount }, metadata });

/** Publishes under another `Nats-Msg-Id`, so JetStream keeps it: a redelivery the handler must spot. */
const publishAgain = async (command: ReturnType<typeof processPayment>, copy: string) => {
  const message = encodeCommand(nats.names, PAYMENT_COMMAND_SERVICE, command);
  await nats.js.publish(message.subject, message.data, {
    msgID: `${message.msgID}-${copy}`,
    headers: message.headers,
  });
};

const settled = async (count: () => number, expected: number) => {
  const deadline = Date.now() + 20_000;
  while (count() < expected) {
    if (Date.now() > deadline) throw new Error(`runner handled ${count()} of ${expected}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};
const seen = () => runner.metrics.handled + runner.metrics.duplicates + runner.metrics.rejected;

describe('the payment command handlers over NATS', () => {
  it('charges a PROCESS_PAYMENT delivered twice once, and appends one event', async () => {
    const bus = createCommandBus({ nc: nats.nc, prefix: nats.prefix });
    const paymentId = randomUUID();
    const command = processPayment(paymentId);
    const before = seen();
    await bus.send(command, { service: PAYMENT_COMMAND_SERVICE });
    await bus.send(command, { service: PAYMENT_COMMAND_SERVICE }); // de-duplicated by JetStream
    await publishAgain(command, 'redelivered');
    await settled(seen, before + 2);
    const charges = await database.store.db.select().from(paymentCharges);
    expect(charges.filter((c) => c.paymentId === paymentId)).toHaveLength(1);
    const { events } = await database.store.readStream(`payment-${paymentId}`);
    expect(events.map((e) => [e.type, e.metadata.causationId])).toEqual([['PAYMENT_PROCESSED', command.id]]);
    expect(runner.metrics.duplicates).toBeGreaterThanOrEqual(1);
  });

  it('records a refused refund as rejected, without retrying it', async () => {
    const bus = createCommandBus({ nc: nats.nc, prefix: nats.prefix });
    const paymentId = randomUUID();
    const rejectedBefore = runner.metrics.rejected;
    const refund = RefundPayment.create({
      aggregateId: paymentId,
      payload: { paymentId, orderId: 'o-1', amount: 1 },
      metadata,
    });
    await bus.send(refund, { service: PAYMENT_COMMAND_SERVICE });
    await settled(() => runner.metrics.rejected, rejectedBefore + 1);
    expect((await database.store.readStream(`payment-${paymentId}`)).events).toEqual([]);
  });
});
