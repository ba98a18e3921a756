import {
  baseConfigSchema,
  type Env,
  envBool,
  envInt,
  envPort,
  loadConfig,
  requireAuthConfig,
  stackConnections,
} from '@causeway/service-kit';
import type { z } from 'zod';

/**
 * The command service's settings. `DATABASE_URL`/`NATS_URL` stay optional here so embedded mode
 * (one process, PGlite, the in-process bus) can take the rest; `loadCommandConfig` — what
 * `main.ts` and `relayMain.ts` use — requires both, in every `NODE_ENV`.
 */
export const commandConfigSchema = baseConfigSchema.extend({
  PORT: envPort().default(3001),
  /** Run the store-to-JetStream relay inside this process (it can also run alone: `pnpm relay`). */
  RELAY_ENABLED: envBool().default(true),
  /** Reloads and decides again after a concurrent write before answering 409 (not for If-Match writes). */
  COMMAND_RETRIES: envInt({ min: 0, max: 50 }).default(5),
});

export type CommandConfig = z.output<typeof commandConfigSchema>;

/** Also checks `AUTH_DISABLED`/`JWT_*`: a key is required with `NODE_ENV=production` (see service-kit). */
export const stackConfigSchema = requireAuthConfig(commandConfigSchema.extend(stackConnections));

export type StackConfig = z.output<typeof stackConfigSchema>;

/** The only reader of `process.env`. Throws one `ConfigError` listing every missing or bad variable. */
export const loadCommandConfig = (env: Env = process.env): StackConfig => loadConfig(stackConfigSchema, env);
