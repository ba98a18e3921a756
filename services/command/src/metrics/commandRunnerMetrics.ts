import type { CommandRunner } from '@causeway/jetstream';
import { Counter, type Registry } from 'prom-client';

/**
 * `command_deliveries_total{outcome}`: what the command consumer did with each delivery from the
 * bus (handled, duplicate, rejected, retry), read from the runner when scraped.
 */
export const registerCommandRunnerMetrics = (registry: Registry, runner: CommandRunner): void => {
  const seen = { handled: 0, duplicates: 0, rejected: 0, retries: 0 };
  const outcomes = {
    handled: 'handled',
    duplicates: 'duplicate',
    rejected: 'rejected',
    retries: 'retry',
  } as const;
  new Counter({
    name: 'command_deliveries_total',
    help: 'Command bus deliveries to the order command consumer, by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
    collect() {
      for (const key of Object.keys(seen) as (keyof typeof seen)[]) {
        const delta = runner.metrics[key] - seen[key];
        seen[key] = runner.metrics[key];
        if (delta > 0) this.inc({ outcome: outcomes[key] }, delta);
      }
    },
  });
};
