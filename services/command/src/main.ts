import { createCommandBus } from '@causeway/jetstream';
import {
  appOptionsFromConfig,
  createLogger,
  exitOnStartupFailure,
  installGracefulShutdown,
  loggerSettingsFrom,
  openStack,
} from '@causeway/service-kit';
import { buildCommandApp } from './app.js';
import { loadCommandConfig } from './config.js';
import { buildOrderCommandHandlers } from './consumer/orderCommandHandlers.js';
import { commandMetrics } from './metrics/commandMetrics.js';
import { registerCommandRunnerMetrics } from './metrics/commandRunnerMetrics.js';
import { buildRelay } from './relay/buildRelay.js';

/**
 * The command service as its own process (stack mode): the API, the consumer of the saga's
 * order commands, and the relay.
 */
const main = async () => {
  const config = loadCommandConfig();
  const logger = createLogger(loggerSettingsFrom(config, 'command'));
  const stack = await openStack(config, 'command');
  const app = await buildCommandApp({
    store: stack.store,
    nats: stack.nc,
    options: { ...appOptionsFromConfig('command', config), logger },
    commandRetries: config.COMMAND_RETRIES,
  }).catch(async (error: unknown) => {
    await stack.close();
    throw error;
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
  const bus = createCommandBus({ nc: stack.nc, store: stack.store, prefix: config.CAUSEWAY_PREFIX });
  let consumer: ReturnType<typeof bus.handle> | undefined;
  // Runs once Fastify has stopped taking requests and finished the ones in flight.
  app.addHook('onClose', async () => {
    await consumer?.stop();
    await relay?.stop();
    await stack.close();
  });
  try {
    installGracefulShutdown(app, { timeoutMs: config.SHUTDOWN_TIMEOUT_MS });
    await app.listen({ host: config.HOST, port: config.PORT });
    consumer = bus.handle(
      buildOrderCommandHandlers({
        metrics: commandMetrics(app.metrics.registry),
        commandRetries: config.COMMAND_RETRIES,
        logger: app.log,
      }),
    );
    registerCommandRunnerMetrics(app.metrics.registry, consumer);
    relay?.start();
    app.log.info(
      { relay: config.RELAY_ENABLED, prefix: config.CAUSEWAY_PREFIX || undefined },
      `command service up, consuming order commands, relay ${config.RELAY_ENABLED ? 'running' : 'disabled'}`,
    );
  } catch (error) {
    await app.close();
    throw error;
  }
};

await main().catch(exitOnStartupFailure('command service'));
