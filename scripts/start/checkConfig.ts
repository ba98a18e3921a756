import { ConfigError, type ConfigIssue, type Env, isConfigError } from '@causeway/service-kit';

export type ConfigLoader = (env: Env) => unknown;

/** Each service's production config loader, from its built JavaScript (`pnpm build` first). */
export const loadConfigLoaders = async (): Promise<Record<string, ConfigLoader>> => {
  const [command, query, payment, saga] = await Promise.all([
    import('@causeway/command-service'),
    import('@causeway/query-service'),
    import('@causeway/payment-service'),
    import('@causeway/saga-service'),
  ]);
  return {
    command: command.loadCommandConfig,
    query: query.loadQueryConfig,
    payment: payment.loadPaymentConfig,
    saga: saga.loadSagaConfig,
  };
};

/**
 * Validates the environment as every service will, before any starts: one `ConfigError` lists
 * every missing or bad variable once. `PORT` is refused: one value cannot serve four services.
 */
export const checkConfig = (loaders: Record<string, ConfigLoader>, env: Env): void => {
  const issues: ConfigIssue[] = [];
  if (env.PORT) {
    issues.push({
      variable: 'PORT',
      message: 'pnpm start runs four services, each on its own port (3001-3004): leave it unset',
    });
  }
  for (const load of Object.values(loaders)) {
    try {
      load(env);
    } catch (error) {
      if (!isConfigError(error)) throw error;
      issues.push(...error.issues);
    }
  }
  const unique = new Map(issues.map((issue) => [`${issue.variable}\n${issue.message}`, issue]));
  if (unique.size > 0) throw new ConfigError([...unique.values()]);
};
