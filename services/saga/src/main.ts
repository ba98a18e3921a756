import { createCommandBus, runConsumer } from '@causeway/jetstream';
import {
  appOptionsFromConfig,
  createLogger,
  exitOnStartupFailure,
  installGracefulShutdown,
  loggerSettingsFrom,
  openStack,
} from '@causeway/service-kit';
import { buildSagaService } from './app.js';
import { loadSagaConfig } from './config.js';
import { migrateSaga } from './db/migrate.js';
import { awaitCatchUp } from './runtime/awaitCatchUp.js';
import { retryUntilDone } from './runtime/retryUntilDone.js';
import { commandServiceOf } from './worker/sagaCommands.js';

/** The saga service as its own process (stack mode): PostgreSQL, NATS, the event consumer and the timer. */
const main = async () => {
  const config = loadSagaConfig();
  const logger = createLogger(loggerSettingsFrom(config, 'saga'));
  const stack = await openStack(config, 'saga', { migrate: migrateSaga });
  try {
    const prefix = config.CAUSEWAY_PREFIX;
    const bus = createCommandBus({ nc: stack.nc, prefix });
    const service = await buildSagaService({
      store: stack.store,
      send: (command) => bus.send(command, { service: commandServiceOf(command) }),
      nats: stack.nc,
      options: { ...appOptionsFromConfig('saga', config), logger },
      paymentTimeoutMs: config.SAGA_PAYMENT_TIMEOUT_MS,
      timerIntervalMs: config.SAGA_TIMER_INTERVAL_MS,
    });
    const { app, subscriber, timer } = service;
    const consumer = runConsumer({
      nc: stack.nc,
      store: stack.store,
      subscriber,
      prefix,
      // A saga event is not at fault when it fails: the bus (a NATS restart, a publish timeout) or
      // the database is. Dead-lettering it would leave that order's saga blind to a payment, with
      // money held; so retry for a long while (backoff up to 10 s, ~15 min) before giving up on it.
      maxAttempts: 100,
      retry: { initialMs: 200, maxMs: 10_000 },
      batchSize: config.SAGA_BATCH_SIZE,
      onError: (error, context) => app.log.warn({ err: error, ...context }, 'saga event failed, will retry'),
      onDeadLetter: (record) => app.log.error({ record }, 'saga event dead-lettered'),
      onHalt: (reason) => app.log.error({ reason }, 'saga consumer halted'),
    });
    let closing = false;
    // Fastify has stopped taking requests when this runs: stop deciding, then drain and close.
    app.addHook('onClose', async () => {
      closing = true;
      await consumer.stop();
      await timer.stop();
      await stack.close();
    });
    installGracefulShutdown(app, { timeoutMs: config.SHUTDOWN_TIMEOUT_MS });
    await app.listen({ host: config.HOST, port: config.PORT });
    // Read what happened while the service was down before firing the deadlines that passed, and
    // send again what unfinished sagas still wait on. A SIGTERM meanwhile ends this quietly.
    try {
      const retrying = (what: string) => ({
        stopped: () => closing,
        onError: (error: unknown, attempt: number) =>
          app.log.warn({ err: error, attempt }, `${what} failed at start-up; trying again`),
      });
      const caughtUp = await retryUntilDone(
        () =>
          awaitCatchUp({
            store: stack.store,
            subscriber: subscriber.name,
            timeoutMs: config.SAGA_PAYMENT_TIMEOUT_MS,
          }),
        retrying('waiting for the consumer to catch up'),
      );
      if (closing) return;
      if (!caughtUp) app.log.warn('saga consumer still behind; starting the timer anyway');
      const resent = await retryUntilDone(
        () => service.redrive(),
        retrying('the redrive of unfinished sagas'),
      );
      if (resent) app.log.info({ resent }, 'sent again the commands unfinished sagas wait on');
    } catch (error) {
      if (closing) return;
      throw error;
    }
    if (closing) return;
    timer.start();
    app.log.info(
      { prefix: prefix || undefined, paymentTimeoutMs: config.SAGA_PAYMENT_TIMEOUT_MS },
      'saga service up: consuming events, timer running',
    );
  } catch (error) {
    await stack.close();
    throw error;
  }
};

await main().catch(exitOnStartupFailure('saga service'));
