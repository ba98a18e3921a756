/**
 * What `pnpm dev` sets unless you do: readable logs (pino-pretty), and a simulated payment gateway
 * that takes two seconds, so the saga can be watched at work and an item added before the first
 * charge lands (the README's walk-through does). `PAYMENT_DELAY_MS=0 pnpm dev` answers at once.
 */
export const DEV_DEFAULTS = { NODE_ENV: 'development', PAYMENT_DELAY_MS: '2000' } as const;

/** The services' environment in dev: yours, the dev defaults, and no `PORT` (each service has its own). */
export const devEnvironment = (env: NodeJS.ProcessEnv, log: (line: string) => void): NodeJS.ProcessEnv => {
  const result: NodeJS.ProcessEnv = { ...env };
  for (const [name, value] of Object.entries(DEV_DEFAULTS)) {
    if (!result[name]) result[name] = value;
  }
  if (result.PORT) {
    log('PORT is ignored: pnpm dev runs four services, on ports 3001-3004');
    delete result.PORT;
  }
  return result;
};
