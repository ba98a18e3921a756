import {
  baseConfigSchema,
  type Env,
  envInt,
  envPort,
  loadConfig,
  stackConnections,
} from '@causeway/service-kit';
import type { z } from 'zod';

/**
 * The payment service's settings. `DATABASE_URL`/`NATS_URL` stay optional here so embedded mode
 * (one process, PGlite, the in-process bus) can take the rest; `loadPaymentConfig`, which
 * `main.ts` uses, requires both in every `NODE_ENV`.
 */
export const paymentConfigSchema = baseConfigSchema.extend({
  PORT: envPort().default(3003),
  /** The simulated gateway declines amounts (minor units) above this. */
  PAYMENT_DECLINE_ABOVE: envInt({ min: 0 }).default(1_000_000),
  /** The simulated gateway answers a new charge or refund after this long. */
  PAYMENT_DELAY_MS: envInt({ min: 0, max: 600_000 }).default(0),
  /**
   * Payment commands handled at once: the gateway's answer is a wait, so overlapping payments is
   * what lets one worker keep up. Each holds a pooled connection for its transaction while the
   * gateway's ledger takes another, so it must stay below `DATABASE_POOL_MAX`.
   */
  PAYMENT_CONCURRENCY: envInt({ min: 1, max: 64 }).default(4),
});

export type PaymentConfig = z.output<typeof paymentConfigSchema>;

export const stackConfigSchema = paymentConfigSchema.extend(stackConnections).superRefine(
  (config, ctx) => {
    // With every connection held by a payment's transaction, none is left for the gateway's ledger.
    if (config.PAYMENT_CONCURRENCY >= config.DATABASE_POOL_MAX) {
      ctx.addIssue({
        code: 'custom',
        path: ['PAYMENT_CONCURRENCY'],
        message: `must be below DATABASE_POOL_MAX (${config.DATABASE_POOL_MAX}), got ${config.PAYMENT_CONCURRENCY}`,
      });
    }
  },
  { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
);

export type StackConfig = z.output<typeof stackConfigSchema>;

/** The only reader of `process.env`. Throws one `ConfigError` listing every missing or bad variable. */
export const loadPaymentConfig = (env: Env = process.env): StackConfig => loadConfig(stackConfigSchema, env);
