import { randomUUID } from 'node:crypto';
import { ProcessPayment, RefundPayment } from '@causeway/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPaymentService, type PaymentService } from './app.js';
import { createPaymentTestDatabase, type PaymentTestDatabase } from './testing/paymentDatabase.js';

let database: PaymentTestDatabase;
let service: PaymentService;

beforeAll(async () => {
  database = await createPaymentTestDatabase('paymentapp');
  service = await buildPaymentService({
    store: database.store,
    options: { logger: false, rateLimit: false },
    gateway: { declineAbove: 5_000 },
  });
});
afterAll(async () => {
  await service?.app.close();
  await database?.close();
});

const metadata = { correlationId: 'c', causationId: 'c' };
const processPayment = (amount: number, paymentId = randomUUID()) =>
  ProcessPayment.create({ aggregateId: paymentId, payload: { orderId: 'o-1', amount }, metadata });

describe('the payment service', () => {
  it('counts payments by outcome in /metrics', async () => {
    const approved = processPayment(1_000);
    await service.handle(approved);
    await service.handle(approved);
    await service.handle(processPayment(5_001));
    const refund = (amount: number) =>
      RefundPayment.create({
        aggregateId: approved.aggregateId,
        payload: { paymentId: approved.aggregateId, orderId: 'o-1', amount },
        metadata,
      });
    await service.handle(refund(1_000));
    await expect(service.handle(refund(1_000))).rejects.toMatchObject({ code: 'PAYMENT_ALREADY_REFUNDED' });
    const { body } = await service.app.inject({ method: 'GET', url: '/metrics' });
    const count = (command: string, outcome: string) =>
      Number(
        new RegExp(`payments_total\\{command="${command}",outcome="${outcome}"[^}]*\\} (\\d+)`).exec(
          body,
        )?.[1],
      );
    expect(count('PROCESS_PAYMENT', 'processed')).toBe(1);
    expect(count('PROCESS_PAYMENT', 'duplicate')).toBe(1);
    expect(count('PROCESS_PAYMENT', 'failed')).toBe(1);
    expect(count('REFUND_PAYMENT', 'refunded')).toBe(1);
    expect(count('REFUND_PAYMENT', 'refused')).toBe(1);
  });

  it('is ready when the database answers', async () => {
    const response = await service.app.inject({ method: 'GET', url: '/health/ready' });
    expect(response.json()).toMatchObject({ status: 'ok', checks: { database: { status: 'ok' } } });
  });
});
