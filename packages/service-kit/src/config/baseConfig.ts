import { z } from 'zod';
import { envBool, envInt, envNatsServers, envPort, envUrl } from './envSchemas.js';

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Variables every service understands. A service extends it with its own and overrides what it
 * must: `baseConfigSchema.extend({ PORT: envPort().default(3001), DATABASE_URL: envUrl([...]) })`.
 * `DATABASE_URL` and `NATS_URL` are optional here because embedded mode runs without them;
 * production entry points make them required (see `requireInProduction`).
 */
export const baseConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: envPort().default(3000),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  DATABASE_URL: envUrl(['postgres', 'postgresql']).optional(),
  NATS_URL: envNatsServers().optional(),
  /** Connections in the service's PostgreSQL pool. */
  DATABASE_POOL_MAX: envInt({ min: 2, max: 500 }).default(10),
  /** Prefix of every stream and subject (see `topologyNames`): isolates environments on one server. */
  CAUSEWAY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,47}$/, 'must be 1-48 letters, digits, _ or -')
    .default(''),
  /** NATS credentials: a user and password (one user per service, see deploy/nats), or a token. */
  NATS_USER: z.string().min(1).optional(),
  NATS_PASSWORD: z.string().min(1).optional(),
  NATS_TOKEN: z.string().min(1).optional(),
  /** Requests per client (IP) per window before 429. */
  RATE_LIMIT_MAX: envInt({ min: 1 }).default(300),
  RATE_LIMIT_WINDOW_MS: envInt({ min: 1 }).default(60_000),
  /** The API's bodies are small JSON documents; 100 KiB leaves room for the largest order with margin. */
  BODY_LIMIT_BYTES: envInt({ min: 1, max: 100 * 1024 * 1024 }).default(100 * 1024),
  /** Time `app.close()` gets to finish in-flight work on SIGTERM before the process exits 1. */
  SHUTDOWN_TIMEOUT_MS: envInt({ min: 1 }).default(10_000),
  /** Set behind a reverse proxy so the client IP (rate limiting, logs) comes from X-Forwarded-For. */
  TRUST_PROXY: envBool().default(false),
  /**
   * Turns bearer-token authentication off: every caller is anonymous and unrestricted. Defaults to
   * on (`true`) outside production so `pnpm dev` and local tests need no tokens; refused with
   * `NODE_ENV=production`, where `JWT_SECRET` or `JWT_JWKS_URL` is required. Logged at warn.
   */
  AUTH_DISABLED: envBool().optional(),
  /** HS256 key of the bearer tokens: at least 32 characters. */
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Where the token issuer publishes its public keys (RS256/ES256 tokens with a `kid`). */
  JWT_JWKS_URL: envUrl(['https', 'http']).optional(),
  /** When set, a token's `iss` must equal it. */
  JWT_ISSUER: z.string().min(1).optional(),
  /** When set, a token's `aud` must include it. */
  JWT_AUDIENCE: z.string().min(1).optional(),
});

export type BaseConfig = z.output<typeof baseConfigSchema>;

/**
 * What a process on the real stack requires, in every `NODE_ENV` (embedded mode runs without):
 * `serviceSchema.extend(stackConnections)`.
 */
export const stackConnections = {
  DATABASE_URL: envUrl(['postgres', 'postgresql']),
  NATS_URL: envNatsServers(),
};

/**
 * Makes each named variable required when `NODE_ENV=production` (embedded mode may run without
 * them in development): `requireInProduction(schema, ['DATABASE_URL', 'NATS_URL'])`. The checks
 * run even when other variables are bad, so one error still lists everything.
 */
export const requireInProduction = <S extends z.ZodObject>(
  schema: S,
  variables: readonly (keyof z.output<S> & string)[],
): S =>
  variables.reduce(
    (refined, variable) =>
      refined.refine((config) => isSetOrNotProduction(config as Record<string, unknown>, variable), {
        path: [variable],
        message: 'is required when NODE_ENV=production',
        when: (payload) => typeof payload.value === 'object' && payload.value !== null,
      }),
    schema,
  );

const isSetOrNotProduction = (config: Record<string, unknown>, variable: string): boolean =>
  config.NODE_ENV !== 'production' || config[variable] !== undefined;
