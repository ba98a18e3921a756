import { randomUUID } from 'node:crypto';
import { ProcessPayment, RefundPayment } from '@causeway/contracts';
import { DomainRuleError } from '@causeway/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulatedGateway } from '../gateway/simulatedGateway.js';
import { paymentCharges } from '../schema/paymentCharges.js';
import { createPaymentTestDatabase, type PaymentTestDatabase } from '../testing/paymentDatabase.js';
import { createPaymentCommandHandler } from './handlePaymentCommand.js';

let database: PaymentTestDatabase;
beforeAll(async () => {
  database = await createPaymentTestDatabase('paymenthandler');
});
afterAll(() => database?.close());

const gateway = () => createSimulatedGateway(database.store.db, { declineAbove: 10_000, delayMs: 0 });
const handler = () =>
  createPaymentCommandHandler({
    store: database.store,
    db: database.store.db,
    gateway: { declineAbove: 10_000, delayMs: 0 },
  });
const metadata = { correlationId: 'corr-1', causationId: 'saga-step-1' };
const processPayment = (paymentId: string, amount = 3_000, id = randomUUID()) =>
  ProcessPayment.create({ id, aggregateId: paymentId, payload: { orderId: 'o-1', amount }, metadata });
const refundPayment = (paymentId: string, amount = 3_000) =>
  RefundPayment.create({ aggregateId: paymentId, payload: { paymentId, orderId: 'o-1', amount }, metadata });
const streamOf = async (paymentId: string) =>
  (await database.store.readStream(`payment-${paymentId}`)).events.map((e) => ({
    type: e.type,
    ...(e.payload as object),
  }));
const chargeCount = async () => (await database.store.db.select().from(paymentCharges)).length;

describe('the payment command handler', () => {
  it('processes a redelivered PROCESS_PAYMENT once: one charge, one event', async () => {
    const paymentId = randomUUID();
    const command = processPayment(paymentId);
    const before = await chargeCount();
    const first = await handler()(command);
    const again = await handler()(command);
    expect([first.outcome, again.outcome]).toEqual(['processed', 'duplicate']);
    expect(await chargeCount()).toBe(before + 1);
    expect(await streamOf(paymentId)).toEqual([
      { type: 'PAYMENT_PROCESSED', paymentId, orderId: 'o-1', amount: 3_000 },
    ]);
  });

  it('records the event with causation = the command and the command correlation', async () => {
    const paymentId = randomUUID();
    const command = processPayment(paymentId);
    await handler()(command);
    const [event] = (await database.store.readStream(`payment-${paymentId}`)).events;
    expect(event?.metadata).toEqual({ correlationId: 'corr-1', causationId: command.id });
  });

  it('appends the recorded answer after a crash between charging and appending', async () => {
    const paymentId = randomUUID();
    const command = processPayment(paymentId);
    // The crashed attempt: the gateway charged, the process died before the append.
    await gateway().ask({
      type: 'PROCESS_PAYMENT',
      paymentId,
      commandId: command.id,
      orderId: 'o-1',
      amount: 3_000,
    });
    const before = await chargeCount();
    expect((await handler()(command)).outcome).toBe('processed');
    expect(await chargeCount()).toBe(before);
    expect(await streamOf(paymentId)).toHaveLength(1);
  });

  it('does not charge a second PROCESS_PAYMENT (another command id) for the same payment', async () => {
    const paymentId = randomUUID();
    await handler()(processPayment(paymentId));
    const before = await chargeCount();
    expect((await handler()(processPayment(paymentId))).outcome).toBe('unchanged');
    expect(await chargeCount()).toBe(before);
    expect(await streamOf(paymentId)).toHaveLength(1);
  });

  it('records a declined charge as PAYMENT_FAILED', async () => {
    const paymentId = randomUUID();
    expect((await handler()(processPayment(paymentId, 10_001))).outcome).toBe('failed');
    expect(await streamOf(paymentId)).toEqual([
      { type: 'PAYMENT_FAILED', orderId: 'o-1', reason: 'amount 10001 is above the limit of 10000' },
    ]);
  });

  it('refunds once: a redelivery is a duplicate, another refund is refused', async () => {
    const paymentId = randomUUID();
    await handler()(processPayment(paymentId));
    const refund = refundPayment(paymentId);
    expect((await handler()(refund)).outcome).toBe('refunded');
    expect((await handler()(refund)).outcome).toBe('duplicate');
    await expect(handler()(refundPayment(paymentId))).rejects.toMatchObject({
      code: 'PAYMENT_ALREADY_REFUNDED',
    });
    expect((await streamOf(paymentId)).map((e) => e.type)).toEqual(['PAYMENT_PROCESSED', 'PAYMENT_REFUNDED']);
  });

  it('refuses to refund a payment never processed, and the gateway moved no money', async () => {
    const paymentId = randomUUID();
    await expect(handler()(refundPayment(paymentId))).rejects.toBeInstanceOf(DomainRuleError);
    expect(await streamOf(paymentId)).toEqual([]);
  });

  it('refuses a refund whose payload names another payment than its stream', async () => {
    const command = { ...refundPayment(randomUUID()), aggregateId: randomUUID() };
    await expect(handler()(command)).rejects.toThrow(/payload\.paymentId: must equal aggregateId/);
  });
});
