import type { PaymentCommandEnvelope } from '@causeway/contracts';
import type { DrizzleEventStore, EventStore, StoreTransaction } from '@causeway/event-store';
import { isDomainRuleError } from '@causeway/kernel';
import { type App, type AppOptions, createApp, databaseCheck, natsCheck } from '@causeway/service-kit';
import type { NatsConnection } from '@nats-io/nats-core';
import { paymentMetrics } from './metrics/paymentMetrics.js';
import {
  createPaymentCommandHandler,
  type PaymentCommandResult,
  type PaymentHandlingContext,
} from './worker/handlePaymentCommand.js';

export interface PaymentServiceDeps {
  store: DrizzleEventStore;
  /** Checked by `/health/ready`; absent in embedded mode, which has no NATS. */
  nats?: Pick<NatsConnection, 'isClosed' | 'flush'> | undefined;
  /** `createApp` options (see `appOptionsFromConfig`); readiness checks are added to yours. */
  options?: Partial<AppOptions>;
  /** The simulated gateway: declines above `declineAbove` (default 1,000,000), answers after `delayMs` (default 0). */
  gateway?: { declineAbove?: number; delayMs?: number };
  /**
   * Where the gateway's ledger is written: `own` (default) on its own connection, committed at once
   * like a remote charge; `transaction` in the command's transaction, after the append, for PGlite
   * (one connection: a statement outside the open transaction would wait for it forever).
   */
  gatewayConnection?: 'own' | 'transaction';
  /** Milliseconds since the epoch; default `Date.now`. */
  clock?: () => number;
}

/** What the command bus hands a handler beside the command (see `@causeway/jetstream`'s `CommandContext`). */
export interface CommandContext {
  tx: StoreTransaction;
  store: EventStore<StoreTransaction>;
}

export interface PaymentService {
  /** Health and metrics; not listening. */
  app: App;
  /**
   * Handles one PROCESS_PAYMENT or REFUND_PAYMENT (give it to the command bus, with the bus's
   * context: its transaction and transaction-bound store). A payment rule's refusal is thrown as a
   * `DomainRuleError` after it is counted: acknowledge it, retrying cannot help.
   */
  handle(command: PaymentCommandEnvelope, context?: CommandContext): Promise<PaymentCommandResult>;
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
  const handler = createPaymentCommandHandler({
    store: deps.store,
    db: deps.store.db,
    gateway: { declineAbove: deps.gateway?.declineAbove ?? 1_000_000, delayMs: deps.gateway?.delayMs ?? 0 },
    ...(deps.clock ? { clock: deps.clock } : {}),
  });
  const shareTransaction = deps.gatewayConnection === 'transaction';
  return {
    app,
    async handle(command, context) {
      const overrides: PaymentHandlingContext = context
        ? { store: context.store, ...(shareTransaction ? { ledgerInTransaction: context.tx } : {}) }
        : {};
      try {
        const result = await handler(command, overrides);
        metrics.handled(command.type, result.outcome);
        return result;
      } catch (error) {
        if (isDomainRuleError(error)) metrics.handled(command.type, 'refused');
        throw error;
      }
    },
  };
};
