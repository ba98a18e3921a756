import type { Relay } from '@causeway/jetstream';
import { Counter, Gauge, type Registry } from 'prom-client';

/**
 * The relay's counters and lag as Prometheus series, read from the relay when scraped:
 * `relay_published_total`, `relay_duplicates_total`, `relay_failures_total{reason}` and
 * `relay_lag_events` (events in the store not yet in the stream).
 */
export const registerRelayMetrics = (registry: Registry, relay: Relay): void => {
  const seen = { published: 0, duplicates: 0, fenced: 0, errors: 0 };
  /** Counters only go up: each scrape adds what the relay counted since the last one. */
  const advance = (key: keyof typeof seen, add: (delta: number) => void) => {
    const delta = relay.metrics[key] - seen[key];
    seen[key] = relay.metrics[key];
    if (delta > 0) add(delta);
  };
  new Counter({
    name: 'relay_published_total',
    help: 'Events the relay stored in the events stream',
    registers: [registry],
    collect() {
      advance('published', (delta) => this.inc(delta));
    },
  });
  new Counter({
    name: 'relay_duplicates_total',
    help: 'Publishes the stream recognised as already stored (a retry, or another relay)',
    registers: [registry],
    collect() {
      advance('duplicates', (delta) => this.inc(delta));
    },
  });
  new Counter({
    name: 'relay_failures_total',
    help: 'Relay passes that failed and resumed from the stream tail: fenced by another relay, or errors',
    labelNames: ['reason'] as const,
    registers: [registry],
    collect() {
      advance('fenced', (delta) => this.inc({ reason: 'fenced' }, delta));
      advance('errors', (delta) => this.inc({ reason: 'error' }, delta));
    },
  });
  new Gauge({
    name: 'relay_lag_events',
    help: 'Events in the store after the last one the relay saw acknowledged',
    registers: [registry],
    async collect() {
      // A scrape must not fail because the database is briefly away: the last value stays.
      await relay.lag().then(
        (lag) => this.set(lag),
        () => {},
      );
    },
  });
};
