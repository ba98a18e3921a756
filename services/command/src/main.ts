import {
  appOptionsFromConfig,
  createLogger,
  installGracefulShutdown,
  loggerSettingsFrom,
} from '@causeway/service-kit';
import { buildCommandApp } from './app.js';
import { loadCommandConfig } from './config.js';
import { buildRelay } from './relay/buildRelay.js';
import { openStack } from './runtime/openStack.js';
import { exitOnStartupFailure } from './runtime/startupFailure.js';

/** The command service as its own process (stack mode): PostgreSQL, NATS, the API and the relay. */
const main = async () => {
  const config = loadCommandConfig();
  const logger = createLogger(loggerSettingsFrom(config, 'command'));
  const stack = await openStack(config, 'command');
  try {
    const app = await buildCommandApp({
      store: stack.store,
      nats: stack.nc,
      options: { ...appOptionsFromConfig('command', config), logger },
      commandRetries: config.COMMAND_RETRIES,
    });
    const relay = config.RELAY_ENABLED
      ? buildRelay({
          nc: stack.nc,
          store: stack.store,
          prefix: config.CAUSEWAY_PREFIX,
          listener: stack.sql,
          logger: app.log,
          registry: app.metrics.registry,
        })
      : undefined;
    // Fastify has stopped taking requests and finished the ones in flight when this runs.
    app.addHook('onClose', async () => {
      await relay?.stop();
      await stack.close();
    });
    installGracefulShutdown(app, { timeoutMs: config.SHUTDOWN_TIMEOUT_MS });
    await app.listen({ host: config.HOST, port: config.PORT });
    relay?.start();
    app.log.info(
      { relay: config.RELAY_ENABLED, prefix: config.CAUSEWAY_PREFIX || undefined },
      config.RELAY_ENABLED ? 'command service up, relay running' : 'command service up, relay disabled',
    );
  } catch (error) {
    await stack.close();
    throw error;
  }
};

await main().catch(exitOnStartupFailure('command service'));
