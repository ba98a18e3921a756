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
 * The saga service's settings. `DATABASE_URL`/`NATS_URL` stay optional here so embedded mode
 * (one process, PGlite, the in-process bus) can take the rest; `loadSagaConfig`, which `main.ts`
 * uses, requires both in every `NODE_ENV`.
 */
export const sagaConfigSchema = baseConfigSchema.extend({
  PORT: envPort().default(3004),
  /** An order whose payment has not answered within this time is cancelled. */
  SAGA_PAYMENT_TIMEOUT_MS: envInt({ min: 1 }).default(30_000),
  /** How often the timer looks for passed deadlines: the bound on how late a timeout fires. */
  SAGA_TIMER_INTERVAL_MS: envInt({ min: 10, max: 60_000 }).default(250),
  /**
   * Most events the saga applies per transaction (acknowledged after its commit): one commit and one
   * checkpoint write per batch instead of per event, which is what lets it keep up with a busy flow.
   */
  SAGA_BATCH_SIZE: envInt({ min: 1, max: 64 }).default(32),
});

export type SagaConfig = z.output<typeof sagaConfigSchema>;

export const stackConfigSchema = sagaConfigSchema.extend(stackConnections);

export type StackConfig = z.output<typeof stackConfigSchema>;

/** The only reader of `process.env`. Throws one `ConfigError` listing every missing or bad variable. */
export const loadSagaConfig = (env: Env = process.env): StackConfig => loadConfig(stackConfigSchema, env);
