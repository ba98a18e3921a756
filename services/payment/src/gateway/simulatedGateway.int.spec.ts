import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentCharges } from '../schema/paymentCharges.js';
import { createPaymentTestDatabase, type PaymentTestDatabase } from '../testing/paymentDatabase.js';
import { createSimulatedGateway, type GatewayRequest } from './simulatedGateway.js';

let database: PaymentTestDatabase;
beforeAll(async () => {
  database = await createPaymentTestDatabase('gateway');
});
afterAll(() => database?.close());

const sleeps: number[] = [];
const gateway = () => {
  const simulated = createSimulatedGateway(database.store.db, {
    declineAbove: 1_000,
    delayMs: 5,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  return {
    charge: (request: Request) => simulated.ask({ type: 'PROCESS_PAYMENT', ...request }),
    refund: (request: Request) => simulated.ask({ type: 'REFUND_PAYMENT', ...request }),
  };
};
type Request = Omit<GatewayRequest, 'type'>;
const charge = (paymentId: string, amount = 500, commandId = randomUUID()) => ({
  paymentId,
  orderId: 'o-1',
  amount,
  commandId,
});
const rowsOf = (paymentId: string) =>
  database.store.db.select().from(paymentCharges).where(eq(paymentCharges.paymentId, paymentId));

describe('the simulated gateway', () => {
  it('charges a payment once, whatever command asks again, and answers repeats without waiting', async () => {
    const paymentId = randomUUID();
    const first = charge(paymentId);
    sleeps.length = 0;
    const answers = [
      await gateway().charge(first),
      await gateway().charge(first),
      await gateway().charge(charge(paymentId)),
    ];
    expect(answers).toEqual(Array(3).fill({ type: 'CHARGE_APPROVED', paymentId, amount: 500 }));
    expect(sleeps).toEqual([5]);
    expect(await rowsOf(paymentId)).toMatchObject([{ chargeCommandId: first.commandId, amount: 500 }]);
  });

  it('charges once when deliveries of the same payment race', async () => {
    const paymentId = randomUUID();
    const answers = await Promise.all(Array.from({ length: 8 }, () => gateway().charge(charge(paymentId))));
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(await rowsOf(paymentId)).toHaveLength(1);
  });

  it('declines amounts above the limit, and keeps declining that payment', async () => {
    const paymentId = randomUUID();
    const answer = await gateway().charge(charge(paymentId, 1_001));
    expect(answer).toEqual({
      type: 'CHARGE_DECLINED',
      paymentId,
      reason: 'amount 1001 is above the limit of 1000',
    });
    expect(await gateway().charge(charge(paymentId, 1_001))).toEqual(answer);
    expect(await gateway().charge(charge(randomUUID(), 1_000))).toMatchObject({ type: 'CHARGE_APPROVED' });
  });

  it('refunds an approved charge once, and answers the same refund again as accepted', async () => {
    const paymentId = randomUUID();
    await gateway().charge(charge(paymentId));
    const refund = charge(paymentId);
    expect(await gateway().refund(refund)).toEqual({ type: 'REFUND_ACCEPTED', paymentId, amount: 500 });
    expect(await gateway().refund(refund)).toEqual({ type: 'REFUND_ACCEPTED', paymentId, amount: 500 });
    expect(await gateway().refund(charge(paymentId))).toEqual({
      type: 'REFUND_REFUSED',
      paymentId,
      reason: 'the charge was refunded already',
    });
    expect(await rowsOf(paymentId)).toMatchObject([
      { refundCommandId: refund.commandId, refundedAmount: 500 },
    ]);
  });

  it('lets exactly one of two racing refunds win', async () => {
    const paymentId = randomUUID();
    await gateway().charge(charge(paymentId));
    const answers = await Promise.all(Array.from({ length: 6 }, () => gateway().refund(charge(paymentId))));
    expect(answers.filter((a) => a.type === 'REFUND_ACCEPTED')).toHaveLength(1);
  });

  it('refuses refunds of unknown or declined charges, above the charge, or for another order', async () => {
    const approved = randomUUID();
    const declined = randomUUID();
    await gateway().charge(charge(approved));
    await gateway().charge(charge(declined, 5_000));
    const reasons = [
      await gateway().refund(charge(randomUUID())),
      await gateway().refund(charge(declined, 5_000)),
      await gateway().refund(charge(approved, 501)),
      await gateway().refund({ ...charge(approved), orderId: 'o-2' }),
    ].map((answer) => (answer.type === 'REFUND_REFUSED' ? answer.reason : answer.type));
    expect(reasons).toEqual([
      'no approved charge under this payment id',
      'no approved charge under this payment id',
      'refund exceeds the charge of 500',
      'the charge belongs to another order',
    ]);
    expect(await rowsOf(approved)).toMatchObject([{ refundCommandId: null }]);
  });
});
