import { authOptionsFromConfig } from '../config/authConfig.js';
import type { BaseConfig } from '../config/baseConfig.js';
import { createLogger, loggerSettingsFrom } from '../logger/createLogger.js';
import type { AppOptions } from './createApp.js';

/**
 * The `createApp` options the base config decides: logger, body limit, rate limit, proxy trust and
 * authentication (throws a `ConfigError` for bad `AUTH_DISABLED`/`JWT_*` settings).
 * `createApp({ ...appOptionsFromConfig('command', config), readiness: { database, nats } })`.
 */
export const appOptionsFromConfig = (name: string, config: BaseConfig): AppOptions => ({
  name,
  logger: createLogger(loggerSettingsFrom(config, name)),
  bodyLimitBytes: config.BODY_LIMIT_BYTES,
  rateLimit: { max: config.RATE_LIMIT_MAX, timeWindowMs: config.RATE_LIMIT_WINDOW_MS },
  trustProxy: config.TRUST_PROXY,
  auth: authOptionsFromConfig(config),
});
