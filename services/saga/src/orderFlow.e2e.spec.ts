import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OrderView, ordersApi } from './testing/ordersApi.js';
import { spawnService } from './testing/serviceProcess.js';
import { type RunningSystem, startSystem } from './testing/system.js';

/**
 * The four services as real processes (command with the relay, query, payment, saga) on the
 * machine's PostgreSQL and NATS, driven and observed through HTTP only.
 */
const api = (system: () => RunningSystem) =>
  ordersApi({
    command: () => system().url('command'),
    query: () => system().url('query'),
    saga: () => system().url('saga'),
  });

const item = (unitPrice: number, quantity = 1, sku = 'sku-1') => ({ sku, quantity, unitPrice });
const charged = (order: OrderView) => order.payments.reduce((sum, p) => sum + (p.amount ?? 0), 0);

describe('the order flow, with a payment gateway that answers in a second', () => {
  let system: RunningSystem;
  const orders = api(() => system);
  beforeAll(async () => {
    system = await startSystem({
      label: 'flow',
      env: { PAYMENT_DELAY_MS: '1000', SAGA_PAYMENT_TIMEOUT_MS: '20000', PAYMENT_DECLINE_ABOVE: '1000000' },
    });
  }, 300_000);
  afterAll(() => system?.close(), 60_000);

  it('happy path: a created order is paid and CONFIRMED in the query service', async () => {
    const { orderId, position } = await orders.create('alice', [item(1_500, 2)]);
    expect((await orders.get(orderId, position))?.status).toBe('PENDING');
    const order = await orders.settle(orderId);
    expect(order).toMatchObject({ status: 'CONFIRMED', total: 3_000, paid: 3_000, refunded: 0 });
    expect(order.payments).toMatchObject([{ status: 'PROCESSED', amount: 3_000 }]);
  }, 120_000);

  it('a declined payment: CANCELLED, nothing charged', async () => {
    const { orderId } = await orders.create('bob', [item(600_000, 2)]);
    const order = await orders.settle(orderId);
    expect(order).toMatchObject({ status: 'CANCELLED', total: 1_200_000, paid: 0, refunded: 0 });
    expect(order.payments).toMatchObject([{ status: 'FAILED', amount: null }]);
  }, 120_000);

  it('a customer cancel racing the payment: CANCELLED and refunded, never CONFIRMED', async () => {
    const { orderId } = await orders.create('carol', [item(2_000)]);
    await orders.cancel(orderId, 'found it cheaper');
    const order = await orders.settle(orderId);
    expect(order).toMatchObject({ status: 'CANCELLED', paid: 0 });
    expect(order.refunded).toBe(charged(order));
    const types = (await orders.history(orderId)).map((e) => e.type);
    expect(types).toEqual(['ORDER_CREATED', 'ORDER_CANCELLED']);
  }, 120_000);

  it('an item added while the payment is pending: the rest is charged, then CONFIRMED with paid == total', async () => {
    const { orderId } = await orders.create('dave', [item(3_000)]);
    await orders.addItem(orderId, item(250, 2, 'sku-2'));
    const order = await orders.settle(orderId);
    expect(order).toMatchObject({ status: 'CONFIRMED', total: 3_500, paid: 3_500 });
    expect(order.payments.map((p) => p.amount).sort()).toEqual([3_000, 500].sort());
    const saga = await orders.saga(orderId);
    expect(saga?.history.flatMap((h) => h.commands.map((c) => c.step))).toEqual([
      'pay-1',
      'pay-2',
      'confirm-2',
    ]);
  }, 120_000);
});

describe('the order flow, with a payment slower than the saga timeout', () => {
  let system: RunningSystem;
  const orders = api(() => system);
  beforeAll(async () => {
    system = await startSystem({
      label: 'slowpay',
      env: { PAYMENT_DELAY_MS: '3000', SAGA_PAYMENT_TIMEOUT_MS: '1000' },
    });
  }, 300_000);
  afterAll(() => system?.close(), 60_000);

  it('cancels the order on timeout, and refunds the payment that arrives late', async () => {
    const { orderId } = await orders.create('erin', [item(4_200)]);
    const order = await orders.settle(orderId);
    expect(order).toMatchObject({ status: 'CANCELLED', paid: 0, refunded: 4_200 });
    expect(order.payments).toMatchObject([{ status: 'REFUNDED', amount: 4_200, refunded: 4_200 }]);
    const saga = await orders.saga(orderId);
    expect(saga?.history.map((h) => h.inputType)).toEqual([
      'ORDER_CREATED',
      'PAYMENT_TIMED_OUT',
      'ORDER_CANCELLED',
      'PAYMENT_PROCESSED',
      'PAYMENT_REFUNDED',
    ]);
  }, 120_000);

  it('stops the saga and payment services cleanly on SIGTERM (exit 0)', async () => {
    expect(await system.kill('saga', 'SIGTERM')).toBe(0);
    expect(await system.kill('payment', 'SIGTERM')).toBe(0);
  }, 60_000);
});

describe('start-up without configuration', () => {
  it.each(['saga', 'payment'] as const)(
    '%s exits 1 naming every missing variable',
    async (name) => {
      const service = await spawnService(name, {});
      expect(await service.exited).toBe(1);
      for (const variable of ['DATABASE_URL', 'NATS_URL']) expect(service.output()).toContain(variable);
    },
    60_000,
  );
});
