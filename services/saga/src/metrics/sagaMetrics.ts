import { queryRows, type StoreDatabase } from '@causeway/event-store';
import { sql } from 'drizzle-orm';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { SagaObserver } from '../worker/sagaMetrics.js';

/**
 * The saga's Prometheus metrics on the app's own registry: inputs handled and commands sent by
 * type, timeouts fired, and (read from the table at scrape time) sagas by order status and
 * whether they finished.
 */
export const sagaMetrics = (registry: Registry, db: StoreDatabase): SagaObserver => {
  const inputs = new Counter({
    name: 'saga_inputs_total',
    help: 'Inputs the order saga handled, by type (events, and PAYMENT_TIMED_OUT from the timer)',
    labelNames: ['type'] as const,
    registers: [registry],
  });
  const sent = new Counter({
    name: 'saga_commands_sent_total',
    help: 'Commands the order saga sent, by type (a resend after a crash counts again)',
    labelNames: ['type'] as const,
    registers: [registry],
  });
  const timeouts = new Counter({
    name: 'saga_timeouts_fired_total',
    help: 'Payment deadlines that passed and were fed to the saga',
    registers: [registry],
  });
  new Gauge({
    name: 'saga_instances',
    help: 'Order sagas by the order status they know and whether they finished',
    labelNames: ['order', 'finished'] as const,
    registers: [registry],
    async collect() {
      try {
        const rows = await queryRows<{ order: string; finished: boolean; count: number }>(
          db,
          sql`SELECT state->>'order' AS "order", finished, count(*)::int AS count
                FROM order_sagas GROUP BY 1, 2`,
        );
        this.reset();
        for (const row of rows) this.set({ order: row.order, finished: String(row.finished) }, row.count);
      } catch {
        // A scrape while the database is away keeps the last values; readiness reports the outage.
      }
    },
  });
  return {
    inputHandled: (type) => inputs.inc({ type }),
    commandSent: (type) => sent.inc({ type }),
    timeoutFired: () => timeouts.inc(),
  };
};
