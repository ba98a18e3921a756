import { isCausewayError } from '@causeway/kernel';
import { isConfigError } from '@causeway/service-kit';
import { detectMode, redact } from './dev/detectMode.js';
import { devEnvironment } from './dev/devEnvironment.js';
import { runStack } from './dev/runStack.js';

const log = (line: string) => process.stdout.write(`[causeway dev] ${line}\n`);

const fail = (error: unknown): never => {
  const known = isConfigError(error) || isCausewayError(error);
  const message = error instanceof Error ? (known ? error.message : (error.stack ?? error.message)) : error;
  process.stderr.write(`[causeway dev] ${message}\n`);
  process.exit(1);
};

const mode = await detectMode(process.env).catch(fail);
const env = devEnvironment(process.env, log);

if (mode.mode === 'stack') {
  log(`stack mode (${mode.reason}): PostgreSQL ${redact(mode.databaseUrl)}, NATS ${mode.natsUrl}`);
  log(`one process per service under turbo; payment gateway delay ${env.PAYMENT_DELAY_MS} ms`);
  process.exitCode = await runStack(mode.databaseUrl, mode.natsUrl, env, log).catch(fail);
} else {
  log(`embedded mode (${mode.reason}): PGlite, in-process bus, every service in this process`);
  log(`payment gateway delay ${env.PAYMENT_DELAY_MS} ms`);
  const { runEmbedded } = await import('./dev/runEmbedded.js');
  // Exits rather than waits: nothing of the services may keep the process alive after they closed.
  process.exit(await runEmbedded(env, log).catch(fail));
}
