import { Counter, type Registry } from 'prom-client';

export type RecordedOutcome = 'processed' | 'failed' | 'refunded' | 'unchanged' | 'duplicate' | 'refused';

export interface PaymentMetrics {
  handled(commandType: string, outcome: RecordedOutcome): void;
}

/**
 * `payments_total{command, outcome}`: processed, failed (declined), refunded, unchanged (the same
 * payment asked again), duplicate (the same command redelivered) or refused by a payment rule.
 */
export const paymentMetrics = (registry: Registry): PaymentMetrics => {
  const counter = new Counter({
    name: 'payments_total',
    help: 'Payment commands handled, by command type and outcome',
    labelNames: ['command', 'outcome'] as const,
    registers: [registry],
  });
  return { handled: (command, outcome) => counter.inc({ command, outcome }) };
};
