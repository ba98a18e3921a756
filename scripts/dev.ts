import { fileURLToPath } from 'node:url';
import { isCausewayError } from '@causeway/kernel';
import { isConfigError } from '@causeway/service-kit';
import { detectMode, redact } from './dev/detectMode.js';
import { devEnvironment } from './dev/devEnvironment.js';
import { onShutdown } from './dev/onShutdown.js';
import { runStack, WATCHER } from './dev/runStack.js';
import { supervise } from './dev/supervise.js';

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
  log(`embedded mode (${mode.reason}): PGlite, in-process bus, every service in one process`);
  log(`payment gateway delay ${env.PAYMENT_DELAY_MS} ms`);
  // Under tsx watch, like the services in stack mode: a change in any source file it imports
  // (services, packages) restarts it.
  const embedded = supervise({
    command: process.execPath,
    args: [
      fileURLToPath(import.meta.resolve('tsx/cli')),
      'watch',
      '--clear-screen=false',
      '--conditions=@causeway/source',
      fileURLToPath(new URL('./dev/embeddedMain.ts', import.meta.url)),
    ],
    env: { ...env, CAUSEWAY_MODE: 'embedded' },
    stopTarget: WATCHER,
    log,
  });
  await onShutdown((reason, again) => embedded.stop(reason, again));
  process.exitCode = await embedded.exited;
}
