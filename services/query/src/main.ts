import { allEvents } from '@causeway/contracts';
import { createPostgresEventStore, type DrizzleEventStore, migrate } from '@causeway/event-store';
import { connectNats, ensureTopology, migrateDelivery, natsDelivery } from '@causeway/jetstream';
import {
  appOptionsFromConfig,
  createLogger,
  installGracefulShutdown,
  natsCredentialsFrom,
} from '@causeway/service-kit';
import type { NatsConnection } from '@nats-io/nats-core';
import { loadQueryConfig } from './config.js';
import { migrateReadModel } from './db/migrate.js';
import { buildQueryService } from './service.js';

/**
 * The query service as its own process (stack mode): validated config, the store and its
 * migrations (the event store's, the delivery tables, the read model's, in that order), the
 * streams, the projection's durable consumer, the API. Shutdown through `app.close()`: the
 * server stops taking requests, then the consumer stops, NATS drains, the store closes.
 */
const start = async () => {
  const config = loadQueryConfig();
  const options = appOptionsFromConfig('query', config);
  let store: DrizzleEventStore | undefined;
  let nc: NatsConnection | undefined;
  try {
    await migrate({ url: config.DATABASE_URL });
    store = await createPostgresEventStore({
      url: config.DATABASE_URL,
      max: config.DATABASE_POOL_MAX,
      registry: allEvents,
    });
    await migrateDelivery(store.db);
    await migrateReadModel(store);
    nc = await connectNats({
      servers: config.NATS_URL.split(',').map((server) => server.trim()),
      name: 'causeway-query',
      ...natsCredentialsFrom(config),
    });
    await ensureTopology({ nc, prefix: config.CAUSEWAY_PREFIX });
    const service = await buildQueryService({
      store,
      delivery: natsDelivery({ nc, store, prefix: config.CAUSEWAY_PREFIX }),
      nats: nc,
      minPositionWaitMs: config.MIN_POSITION_WAIT_MS,
      subscribe: { maxAttempts: config.PROJECTION_MAX_ATTEMPTS, batchSize: config.PROJECTION_BATCH_SIZE },
      options,
    });
    const [openStore, openNats] = [store, nc];
    service.app.addHook('onClose', async () => {
      await service.stop();
      await openNats.drain();
      await openStore.close();
    });
    installGracefulShutdown(service.app, { timeoutMs: config.SHUTDOWN_TIMEOUT_MS });
    await service.app.listen({ host: config.HOST, port: config.PORT });
  } catch (error) {
    await nc?.close().catch(() => {});
    await store?.close().catch(() => {});
    throw error;
  }
};

start().catch((error: unknown) => {
  createLogger({ level: 'info', name: 'query' }).fatal({ err: error }, 'query service failed to start');
  process.exitCode = 1;
});
