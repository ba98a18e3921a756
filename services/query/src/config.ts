import {
  baseConfigSchema,
  type Env,
  envInt,
  envPort,
  envUrl,
  loadConfig,
  requireAuthConfig,
  stackConnections,
} from '@causeway/service-kit';
import type { z } from 'zod';

/**
 * The query service's settings. `DATABASE_URL`/`NATS_URL` stay optional here so embedded mode
 * (one process, PGlite, the in-process bus) can take the rest; `loadQueryConfig` (what `main.ts`
 * uses) requires both, and `loadRebuildConfig` the database, in every `NODE_ENV`.
 */
export const queryConfigSchema = baseConfigSchema.extend({
  PORT: envPort().default(3002),
  /** How long a read with `minPosition` waits for the projection before answering 503. */
  MIN_POSITION_WAIT_MS: envInt({ min: 0, max: 60_000 }).default(3_000),
  /** Failed attempts at one event before the projection dead-letters it and goes on. */
  PROJECTION_MAX_ATTEMPTS: envInt({ min: 1, max: 1_000 }).default(5),
  /** Most events the projection applies per transaction (fewer when fewer are waiting). */
  PROJECTION_BATCH_SIZE: envInt({ min: 1, max: 1_000 }).default(100),
  /** Events the rebuild reads, folds and writes per batch. */
  REBUILD_BATCH_SIZE: envInt({ min: 100, max: 100_000 }).default(5_000),
});

export type QueryConfig = z.output<typeof queryConfigSchema>;

/** Also checks `AUTH_DISABLED`/`JWT_*`: a key is required with `NODE_ENV=production` (see service-kit). */
export const stackConfigSchema = requireAuthConfig(queryConfigSchema.extend(stackConnections));

export type StackConfig = z.output<typeof stackConfigSchema>;

/** The only reader of `process.env`. Throws one `ConfigError` listing every missing or bad variable. */
export const loadQueryConfig = (env: Env = process.env): StackConfig => loadConfig(stackConfigSchema, env);

export const rebuildConfigSchema = queryConfigSchema.extend({
  DATABASE_URL: envUrl(['postgres', 'postgresql']),
});

export type RebuildConfig = z.output<typeof rebuildConfigSchema>;

/** The rebuild reads the store itself: it needs the database, not NATS. */
export const loadRebuildConfig = (env: Env = process.env): RebuildConfig =>
  loadConfig(rebuildConfigSchema, env);
