import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OrderView, ordersApi } from './testing/ordersApi.js';
import type { ServiceName } from './testing/serviceProcess.js';
import { type RunningSystem, startSystem } from './testing/system.js';

const ORDERS = 200;
const DECLINE_ABOVE = 100_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Kind = 'plain' | 'declined' | 'cancelled' | 'item-added';
const kindOf = (i: number): Kind =>
  (['declined', 'declined', 'cancelled', 'item-added'] as const)[i % 10] ?? 'plain';

/** Runs `tasks` with at most `width` at a time. */
const pool = async <T>(width: number, tasks: (() => Promise<T>)[]): Promise<T[]> => {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await (tasks[index] as () => Promise<T>)();
      }
    }),
  );
  return results;
};

describe('200 orders while the saga and the payment service are killed (SIGKILL) and restarted', () => {
  let system: RunningSystem;
  const orders = ordersApi({
    command: () => system.url('command'),
    query: () => system.url('query'),
    saga: () => system.url('saga'),
  });
  beforeAll(async () => {
    system = await startSystem({
      label: 'chaos',
      env: {
        PAYMENT_DELAY_MS: '0',
        PAYMENT_DECLINE_ABOVE: String(DECLINE_ABOVE),
        // Shorter than the longest payment outages below (down time plus a restart of a few
        // seconds), so some orders time out and their late payments get refunded.
        SAGA_PAYMENT_TIMEOUT_MS: '8000',
      },
    });
  }, 300_000);
  afterAll(() => system?.close(), 60_000);

  it('ends every order CONFIRMED (paid its total) or CANCELLED (net zero), applying no command twice', async () => {
    const started = Date.now();
    const kills: Record<ServiceName, number> = { command: 0, query: 0, payment: 0, saga: 0 };

    const chaos = (async () => {
      const targets: ServiceName[] = ['saga', 'payment', 'saga', 'payment', 'payment', 'saga'];
      for (const [round, target] of targets.entries()) {
        await sleep(1_000 + (round % 3) * 700);
        await system.kill(target, 'SIGKILL');
        kills[target] += 1;
        // Down for 0.3 s to 5.3 s: the longest outages outlast the saga's payment timeout.
        await sleep(300 + ((round * 1_700) % 5_000));
        await system.start(target);
      }
    })();

    const submitted = await pool(
      4,
      Array.from({ length: ORDERS }, (_, i) => async () => {
        const kind = kindOf(i);
        const unitPrice = kind === 'declined' ? DECLINE_ABOVE + 1 + i : 1_000 + i * 7;
        const { orderId } = await orders.create(`customer-${i % 17}`, [
          { sku: `sku-${i}`, quantity: 1, unitPrice },
        ]);
        if (kind === 'cancelled') await orders.cancel(orderId, 'changed my mind');
        if (kind === 'item-added')
          await orders.addItem(orderId, { sku: 'extra', quantity: 3, unitPrice: 111 });
        // Paced so the submissions span the whole chaos (4 at a time, ~25 s in all).
        await sleep(400);
        return { orderId, kind };
      }),
    );
    await chaos;

    const settled = await pool(
      8,
      submitted.map(
        ({ orderId }) =>
          () =>
            orders.settle(orderId, 240_000),
      ),
    );

    const byStatus = { CONFIRMED: 0, CANCELLED: 0 } as Record<OrderView['status'], number>;
    const reasons = new Map<string, number>();
    for (const [index, order] of settled.entries()) {
      const { kind } = submitted[index] as { kind: Kind };
      byStatus[order.status] = (byStatus[order.status] ?? 0) + 1;
      expect(['CONFIRMED', 'CANCELLED']).toContain(order.status);
      if (order.status === 'CONFIRMED') expect(order.paid).toBe(order.total);
      if (order.status === 'CANCELLED') {
        const reason = order.cancellationReason ?? '?';
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
        expect(order.paid).toBe(0);
        for (const payment of order.payments) expect(payment.refunded).toBe(payment.amount ?? 0);
      }
      if (kind === 'declined') expect(order.status).toBe('CANCELLED');
    }

    // No command applied twice: every command's events were written once. (A command id is the
    // causation of the events it produced; a repeat would add a second event of the same type.)
    const sql = postgres(system.db.url, { max: 1, onnotice: () => {} });
    try {
      const repeats = await sql`
        SELECT metadata->>'causationId' AS causation, type, count(*)::int AS n
          FROM events GROUP BY 1, 2 HAVING count(*) > 1`;
      expect(repeats).toEqual([]);
      const [charges] = await sql`SELECT count(*)::int AS n FROM payment_charges`;
      const [answered] = await sql`
        SELECT count(DISTINCT stream_id)::int AS n FROM events WHERE type IN ('PAYMENT_PROCESSED', 'PAYMENT_FAILED')`;
      expect(charges?.n).toBe(answered?.n);
    } finally {
      await sql.end();
    }

    // Mixed outcomes: at least every declined and customer-cancelled order is cancelled.
    expect(byStatus.CONFIRMED).toBeGreaterThan(0);
    expect(byStatus.CANCELLED).toBeGreaterThanOrEqual(
      submitted.filter((o) => o.kind === 'declined' || o.kind === 'cancelled').length,
    );
    expect(kills.saga).toBeGreaterThanOrEqual(3);
    expect(kills.payment).toBeGreaterThanOrEqual(3);
    console.info(
      `chaos: ${ORDERS} orders, ${byStatus.CONFIRMED} confirmed, ${byStatus.CANCELLED} cancelled ` +
        `(${[...reasons].map(([reason, n]) => `${reason}: ${n}`).join(', ')}); ` +
        `SIGKILLs: saga ${kills.saga}, payment ${kills.payment}; ${Math.round((Date.now() - started) / 1000)} s`,
    );
  }, 900_000);
});
