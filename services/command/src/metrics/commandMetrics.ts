import { Counter, type Registry } from 'prom-client';

/** How a command ended: written, recognised as a repeat, refused by a rule, or lost to a conflict. */
export type CommandOutcome =
  | 'accepted'
  | 'duplicate'
  | 'rejected'
  | 'conflict'
  | 'precondition_failed'
  | 'invalid'
  | 'failed';

export interface CommandMetrics {
  handled(commandType: string, outcome: CommandOutcome): void;
}

const byRegistry = new WeakMap<Registry, CommandMetrics>();

/**
 * `commands_handled_total{type, outcome}` on `registry`, shared by the HTTP routes and the
 * command consumer. One instance per registry: registering the same name twice would throw,
 * and several apps (embedded mode, tests) each have their own registry.
 */
export const commandMetrics = (registry: Registry): CommandMetrics => {
  const existing = byRegistry.get(registry);
  if (existing) return existing;
  const counter = new Counter({
    name: 'commands_handled_total',
    help: 'Order commands handled, by command type and outcome',
    labelNames: ['type', 'outcome'] as const,
    registers: [registry],
  });
  const metrics: CommandMetrics = {
    handled: (type, outcome) => counter.inc({ type, outcome }),
  };
  byRegistry.set(registry, metrics);
  return metrics;
};

export const noCommandMetrics: CommandMetrics = { handled: () => {} };
