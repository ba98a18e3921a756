import {
  createLogger,
  exitOnStartupFailure,
  installGracefulShutdown,
  loggerSettingsFrom,
  openStack,
} from '@causeway/service-kit';
import { loadCommandConfig } from './config.js';
import { buildRelay } from './relay/buildRelay.js';

/**
 * The relay alone (`pnpm relay`), for operators who run it apart from the API (set
 * `RELAY_ENABLED=false` there) and for fault injection, which kills it on its own. Running it
 * beside an API that relays too is safe: the stream's expected-last-message fence lets only one
 * publisher extend the chain at a time.
 */
const main = async () => {
  const config = loadCommandConfig();
  const logger = createLogger(loggerSettingsFrom(config, 'relay'));
  const stack = await openStack(config, 'relay');
  const relay = buildRelay({
    nc: stack.nc,
    store: stack.store,
    prefix: config.CAUSEWAY_PREFIX,
    listener: stack.sql,
    logger,
  });
  installGracefulShutdown(
    {
      log: logger,
      close: async () => {
        await relay.stop();
        await stack.close();
      },
    },
    { timeoutMs: config.SHUTDOWN_TIMEOUT_MS },
  );
  relay.start();
  logger.info({ prefix: config.CAUSEWAY_PREFIX || undefined }, 'relay running');
};

await main().catch(exitOnStartupFailure('relay'));
