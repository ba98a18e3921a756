import { allEvents } from '@causeway/contracts';
import { natsDelivery } from '@causeway/jetstream';
import {
  appOptionsFromConfig,
  exitOnStartupFailure,
  installGracefulShutdown,
  openStack,
} from '@causeway/service-kit';
import { loadQueryConfig } from './config.js';
import { migrateReadModel } from './db/migrate.js';
import { buildQueryService } from './service.js';

/**
 * The query service as its own process (stack mode): validated config, the store and its
 * migrations (the event store's, the delivery tables, the read model's, in that order), the
 * streams, the projection's durable consumer, the API. Shutdown through `app.close()`: the
 * server stops taking requests, then the consumer stops, NATS drains, the store closes.
 */
const main = async () => {
  const config = loadQueryConfig();
  const stack = await openStack(config, 'query', {
    registry: allEvents,
    migrate: migrateReadModel,
  });
  try {
    const service = await buildQueryService({
      store: stack.store,
      delivery: natsDelivery({ nc: stack.nc, store: stack.store, prefix: config.CAUSEWAY_PREFIX }),
      nats: stack.nc,
      minPositionWaitMs: config.MIN_POSITION_WAIT_MS,
      subscribe: { maxAttempts: config.PROJECTION_MAX_ATTEMPTS, batchSize: config.PROJECTION_BATCH_SIZE },
      options: appOptionsFromConfig('query', config),
    });
    service.app.addHook('onClose', async () => {
      await service.stop();
      await stack.close();
    });
    installGracefulShutdown(service.app, { timeoutMs: config.SHUTDOWN_TIMEOUT_MS });
    await service.app.listen({ host: config.HOST, port: config.PORT });
  } catch (error) {
    await stack.close();
    throw error;
  }
};

await main().catch(exitOnStartupFailure('query service'));
