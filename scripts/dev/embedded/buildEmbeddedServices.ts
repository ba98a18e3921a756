import { setTimeout as sleep } from 'node:timers/promises';
import {
  buildCommandApp,
  buildOrderCommandHandlers,
  commandMetrics,
  registerCommandRunnerMetrics,
} from '@causeway/command-service';
import { EVENTS_CHANNEL } from '@causeway/event-store';
import { createInProcessCommandBus, createInProcessDelivery, pgliteWakeups } from '@causeway/jetstream';
import {
  buildPaymentService,
  PAYMENT_COMMAND_SERVICE,
  paymentCommandHandlers,
} from '@causeway/payment-service';
import { buildQueryService } from '@causeway/query-service';
import { buildSagaService, commandServiceOf } from '@causeway/saga-service';
import type { App, AppOptions, AuthOptions, BaseConfig, createLogger } from '@causeway/service-kit';
import { delayedSend } from './delayedSend.js';
import type { EmbeddedConfig } from './embeddedConfig.js';
import type { EmbeddedStore } from './openEmbeddedStore.js';

/** Commands still queued on the in-process bus get this long to be handled at shutdown. */
const DRAIN_COMMANDS_MS = 3_000;

export interface EmbeddedService {
  name: 'command' | 'query' | 'payment' | 'saga';
  app: App;
  host: string;
  port: number;
}

export interface EmbeddedServices {
  services: EmbeddedService[];
  /** Starts the event feed (projection, saga) and the saga's timer. */
  start(): void;
  /** Closes every app (no new requests), then stops the saga, the projection and the command handlers. */
  close(): Promise<void>;
}

type Logger = ReturnType<typeof createLogger>;

/** What `appOptionsFromConfig` gives each service's `main.ts`, with one shared logger. */
const appOptions = (
  name: string,
  config: BaseConfig,
  auth: AuthOptions,
  logger: Logger,
): Partial<AppOptions> => ({
  logger: logger.child({ name }),
  auth,
  bodyLimitBytes: config.BODY_LIMIT_BYTES,
  rateLimit: { max: config.RATE_LIMIT_MAX, timeWindowMs: config.RATE_LIMIT_WINDOW_MS },
  trustProxy: config.TRUST_PROXY,
});

/**
 * The four services on one PGlite store, wired as each `main.ts` wires them, with the in-process
 * event delivery in place of JetStream consumers and the in-process command bus in place of
 * `CAUSEWAY_COMMANDS`. The delivery reads the store itself, so no relay runs.
 */
export const buildEmbeddedServices = async (
  { store, pglite }: EmbeddedStore,
  config: EmbeddedConfig,
  logger: Logger,
): Promise<EmbeddedServices> => {
  const delivery = createInProcessDelivery({
    store,
    wakeups: pgliteWakeups(pglite, EVENTS_CHANNEL),
    onError: (error) => logger.warn({ err: error }, 'in-process delivery: reading the store failed'),
  });
  const bus = createInProcessCommandBus({ store });
  const toBus = delayedSend(bus, PAYMENT_COMMAND_SERVICE, config.payment.PAYMENT_DELAY_MS);

  const commandApp = await buildCommandApp({
    store,
    options: appOptions('command', config.command, config.auth, logger),
    commandRetries: config.command.COMMAND_RETRIES,
  });
  const orderCommands = bus.handle(
    buildOrderCommandHandlers({
      metrics: commandMetrics(commandApp.metrics.registry),
      commandRetries: config.command.COMMAND_RETRIES,
      logger: commandApp.log,
    }),
  );
  registerCommandRunnerMetrics(commandApp.metrics.registry, orderCommands);

  const query = await buildQueryService({
    store,
    delivery,
    minPositionWaitMs: config.query.MIN_POSITION_WAIT_MS,
    subscribe: {
      maxAttempts: config.query.PROJECTION_MAX_ATTEMPTS,
      batchSize: config.query.PROJECTION_BATCH_SIZE,
    },
    options: appOptions('query', config.query, config.auth, logger),
  });

  const payment = await buildPaymentService({
    store,
    options: appOptions('payment', config.payment, config.auth, logger),
    // PAYMENT_DELAY_MS is applied before the handler (see `delayedSend`), not inside it.
    gateway: { declineAbove: config.payment.PAYMENT_DECLINE_ABOVE, delayMs: 0 },
    // PGlite is one connection, held by the command's transaction: the gateway writes through it.
    gatewayConnection: 'transaction',
  });
  const paymentCommands = bus.handle(paymentCommandHandlers(payment, { logger: payment.app.log }));

  const saga = await buildSagaService({
    store,
    send: (command) => toBus.send(command, { service: commandServiceOf(command) }),
    options: appOptions('saga', config.saga, config.auth, logger),
    paymentTimeoutMs: config.saga.SAGA_PAYMENT_TIMEOUT_MS,
    timerIntervalMs: config.saga.SAGA_TIMER_INTERVAL_MS,
  });
  const sagaLog = saga.app.log;
  delivery.subscribe(saga.subscriber, {
    onError: (error, context) => sagaLog.warn({ err: error, ...context }, 'saga event failed, will retry'),
    onDeadLetter: (record) => sagaLog.error({ record }, 'saga event dead-lettered'),
    onHalt: (reason) => sagaLog.error({ reason }, 'saga consumer halted'),
  });

  const services: EmbeddedService[] = [
    { name: 'command', app: commandApp, host: config.command.HOST, port: config.command.PORT },
    { name: 'query', app: query.app, host: config.query.HOST, port: config.query.PORT },
    { name: 'payment', app: payment.app, host: config.payment.HOST, port: config.payment.PORT },
    { name: 'saga', app: saga.app, host: config.saga.HOST, port: config.saga.PORT },
  ];
  return {
    services,
    start: () => {
      delivery.start();
      saga.timer.start();
    },
    close: async () => {
      await Promise.all(services.map(({ app }) => app.close()));
      await saga.timer.stop();
      await query.stop();
      await delivery.stop();
      await toBus.flush();
      // The saga's last commands are only queued in memory: let the handlers take them first.
      await Promise.race([bus.idle(), sleep(DRAIN_COMMANDS_MS, undefined, { ref: false })]);
      await orderCommands.stop();
      await paymentCommands.stop();
    },
  };
};
