import type { PaymentCommandEnvelope } from '@causeway/contracts';
import type { DrizzleEventStore } from '@causeway/event-store';
import { isDomainRuleError } from '@causeway/kernel';
import { type App, type AppOptions, createApp } from '@causeway/service-kit';
import type { NatsConnection } from '@nats-io/nats-core';
import { createSimulatedGateway } from './gateway/simulatedGateway.js';
import { databaseCheck, natsCheck } from './health.js';
import { paymentMetrics } from './metrics/paymentMetrics.js';
import { createPaymentCommandHandler, type PaymentCommandResult } from './worker/handlePaymentCommand.js';

export interface PaymentServiceDeps {
  store: DrizzleEventStore;
  /** Checked by `/health/ready`; absent in embedded mode, which has no NATS. */
  nats?: Pick<NatsConnection, 'isClosed' | 'flush'> | undefined;
  /** `createApp` options (see `appOptionsFromConfig`); readiness checks are added to yours. */
  options?: Partial<AppOptions>;
  /** The simulated gateway: declines above `declineAbove` (default 1,000,000), answers after `delayMs` (default 0). */
  gateway?: { declineAbove?: number; delayMs?: number };
  /** Milliseconds since the epoch; default `Date.now`. */
  clock?: () => number;
}

export interface PaymentService {
  /** Health and metrics; not listening. */
  app: App;
  /**
   * Handles one PROCESS_PAYMENT or REFUND_PAYMENT (give it to the command bus). A payment rule's
   * refusal is thrown as a `DomainRuleError` after it is counted: acknowledge it, retrying cannot help.
   */
  handle(command: PaymentCommandEnvelope): Promise<PaymentCommandResult>;
}

/**
 * The payment service, built from its dependencies with no module-level state, so several can
 * share a process (embedded mode, tests). Starts nothing and never listens.
 */
export const buildPaymentService = async (deps: PaymentServiceDeps): Promise<PaymentService> => {
  const { options = {} } = deps;
  const app = await createApp({
    name: 'payment',
    description: 'Causeway payments: a simulated gateway behind PROCESS_PAYMENT and REFUND_PAYMENT',
    ...options,
    readiness: {
      database: databaseCheck(deps.store.db),
      ...(deps.nats === undefined ? {} : { nats: natsCheck(deps.nats) }),
      ...options.readiness,
    },
  });
  const metrics = paymentMetrics(app.metrics.registry);
  const gateway = createSimulatedGateway(deps.store.db, {
    declineAbove: deps.gateway?.declineAbove ?? 1_000_000,
    delayMs: deps.gateway?.delayMs ?? 0,
  });
  const handler = createPaymentCommandHandler({
    store: deps.store,
    gateway,
    ...(deps.clock ? { clock: deps.clock } : {}),
  });
  return {
    app,
    async handle(command) {
      try {
        const result = await handler(command);
        metrics.handled(command.type, result.outcome);
        return result;
      } catch (error) {
        if (isDomainRuleError(error)) metrics.handled(command.type, 'refused');
        throw error;
      }
    },
  };
};
