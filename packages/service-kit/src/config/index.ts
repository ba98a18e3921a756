export { type AuthConfig, authOptionsFromConfig, requireAuthConfig } from './authConfig.js';
export {
  type BaseConfig,
  baseConfigSchema,
  logLevels,
  requireInProduction,
  stackConnections,
} from './baseConfig.js';
export { ConfigError, type ConfigIssue, isConfigError } from './configError.js';
export { envBool, envInt, envNatsServers, envPort, envUrl } from './envSchemas.js';
export { type Env, loadConfig } from './loadConfig.js';
export { type NatsCredentials, natsCredentialsFrom } from './natsCredentials.js';
