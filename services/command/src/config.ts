import {
  baseConfigSchema,
  type Env,
  envBool,
  envInt,
  envNatsServers,
  envPort,
  envUrl,
  loadConfig,
  requireAuthConfig,
} from '@causeway/service-kit';
import { z } from 'zod';

/**
 * The command service's settings. `DATABASE_URL`/`NATS_URL` stay optional here so embedded mode
 * (one process, PGlite, the in-process bus) can take the rest; `loadCommandConfig` — what
 * `main.ts` and `relayMain.ts` use — requires both, in every `NODE_ENV`.
 */
export const commandConfigSchema = baseConfigSchema.extend({
  PORT: envPort().default(3001),
  /** Prefix of every stream and subject (see `topologyNames`): isolates environments on one server. */
  CAUSEWAY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,47}$/, 'must be 1-48 letters, digits, _ or -')
    .default(''),
  /** Run the store-to-JetStream relay inside this process (it can also run alone: `pnpm relay`). */
  RELAY_ENABLED: envBool().default(true),
  /** Reloads and decides again after a concurrent write before answering 409 (not for If-Match writes). */
  COMMAND_RETRIES: envInt({ min: 0, max: 50 }).default(5),
  DATABASE_POOL_MAX: envInt({ min: 2, max: 500 }).default(10),
});

export type CommandConfig = z.output<typeof commandConfigSchema>;

/** Also checks `AUTH_DISABLED`/`JWT_*`: a key is required with `NODE_ENV=production` (see service-kit). */
export const stackConfigSchema = requireAuthConfig(
  commandConfigSchema.extend({
    DATABASE_URL: envUrl(['postgres', 'postgresql']),
    NATS_URL: envNatsServers(),
  }),
);

export type StackConfig = z.output<typeof stackConfigSchema>;

/** The only reader of `process.env`. Throws one `ConfigError` listing every missing or bad variable. */
export const loadCommandConfig = (env: Env = process.env): StackConfig => loadConfig(stackConfigSchema, env);
