import type { DrizzleEventStore } from '@causeway/event-store';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { OrderSummaryProjection } from '../projection/orderSummaryProjection.js';
import { deadLetterCount, lagAfter } from '../read/projectionStatus.js';

/**
 * Projection metrics on the app's registry: lag and dead letters are read from the database when
 * scraped (true across restarts and instances; a failed read keeps the last value rather than failing
 * the scrape); handled events are counted as the handler runs.
 */
export const registerQueryMetrics = (
  registry: Registry,
  store: DrizzleEventStore,
  projection: OrderSummaryProjection,
): void => {
  const events = new Counter({
    name: 'query_projection_events_total',
    help: 'Events the projection handled, by outcome (applied, or skipped as already reflected)',
    labelNames: ['projection', 'outcome'] as const,
    registers: [registry],
  });
  projection.onOutcome((outcome) => events.inc({ projection: projection.name, outcome }));

  new Gauge({
    name: 'query_projection_lag_events',
    help: 'Events visible in the store after the projection checkpoint',
    labelNames: ['projection'] as const,
    registers: [registry],
    async collect() {
      const lag = await lagAfter(store, await store.readCheckpoint(projection.name)).catch(() => undefined);
      if (lag !== undefined) this.set({ projection: projection.name }, lag);
    },
  });

  new Gauge({
    name: 'query_projection_dead_letters',
    help: 'Events the projection gave up on (see GET /projections)',
    labelNames: ['projection'] as const,
    registers: [registry],
    async collect() {
      const dead = await deadLetterCount(store, projection.name).catch(() => undefined);
      if (dead !== undefined) this.set({ projection: projection.name }, dead);
    },
  });
};
