import { isConfigError } from '@causeway/service-kit';
import { onShutdown } from './dev/onShutdown.js';
import { supervise } from './dev/supervise.js';
import { checkConfig, loadConfigLoaders } from './start/checkConfig.js';

/**
 * `pnpm start`: every service from its built JavaScript (`node dist/main.js`, after `pnpm build`),
 * one process each under turbo, with explicit configuration only. The environment is checked
 * for all of them first, so a missing or bad variable stops everything with one list.
 */
const log = (line: string) => process.stdout.write(`[causeway start] ${line}\n`);
const fail = (message: string): never => {
  process.stderr.write(`[causeway start] ${message}\n`);
  process.exit(1);
};

const env = { ...process.env, NODE_ENV: process.env.NODE_ENV || 'production' };
const loaders = await loadConfigLoaders().catch((error: NodeJS.ErrnoException) =>
  fail(
    error.code === 'ERR_MODULE_NOT_FOUND'
      ? `the services are not built (${error.message}): run \`pnpm build\` first`
      : (error.stack ?? String(error)),
  ),
);
try {
  checkConfig(loaders, env);
} catch (error) {
  fail(isConfigError(error) ? error.message : String(error));
}

log(`production start (NODE_ENV=${env.NODE_ENV}): built services, one process each under turbo`);
// A stop sends each service's `node dist/main.js` one SIGTERM and waits for the whole tree: on a
// signal pnpm exits before its script does, so turbo alone would call the tasks done too early.
const services = supervise({
  command: 'pnpm',
  args: ['exec', 'turbo', 'run', 'start', '--filter=./services/*', '--concurrency=20'],
  env,
  stopTarget: /\bdist\/main\.js$/,
  log,
});
await onShutdown((reason, again) => services.stop(reason, again));
process.exitCode = await services.exited;
