import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CommandConfig, commandConfigSchema } from '@causeway/command-service';
import { type PaymentConfig, paymentConfigSchema } from '@causeway/payment-service';
import { type QueryConfig, queryConfigSchema } from '@causeway/query-service';
import { type SagaConfig, sagaConfigSchema } from '@causeway/saga-service';
import {
  type AuthOptions,
  authOptionsFromConfig,
  ConfigError,
  type ConfigIssue,
  isConfigError,
  loadConfig,
} from '@causeway/service-kit';

/** `.data/` at the repository's root: where embedded mode keeps its PGlite database between runs. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../../.data', import.meta.url));

export interface EmbeddedConfig {
  command: CommandConfig;
  query: QueryConfig;
  payment: PaymentConfig;
  saga: SagaConfig;
  /** Bearer-token authentication of every API, from the shared `AUTH_DISABLED`/`JWT_*` variables. */
  auth: AuthOptions;
  /** `CAUSEWAY_DATA_DIR`, default `.data/` at the repository's root. */
  dataDir: string;
}

/**
 * Every service's settings from one environment, as each service reads them (without
 * `DATABASE_URL`/`NATS_URL`, which embedded mode does not use). Throws one `ConfigError` listing
 * every bad variable of every service, each once.
 */
export const loadEmbeddedConfig = (env: NodeJS.ProcessEnv): EmbeddedConfig => {
  const issues: ConfigIssue[] = [];
  const load = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      if (!isConfigError(error)) throw error;
      issues.push(...error.issues);
      return undefined;
    }
  };
  const command = load(() => loadConfig(commandConfigSchema, env));
  const query = load(() => loadConfig(queryConfigSchema, env));
  const payment = load(() => loadConfig(paymentConfigSchema, env));
  const saga = load(() => loadConfig(sagaConfigSchema, env));
  const auth = command && load(() => authOptionsFromConfig(command));
  if (!command || !query || !payment || !saga || !auth) {
    const unique = new Map(issues.map((issue) => [`${issue.variable}\n${issue.message}`, issue]));
    throw new ConfigError([...unique.values()]);
  }
  const dataDir = env.CAUSEWAY_DATA_DIR ? resolve(env.CAUSEWAY_DATA_DIR) : DEFAULT_DATA_DIR;
  return { command, query, payment, saga, auth, dataDir };
};
