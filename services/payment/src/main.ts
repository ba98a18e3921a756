import { createCommandBus } from '@causeway/jetstream';
import {
  appOptionsFromConfig,
  createLogger,
  exitOnStartupFailure,
  installGracefulShutdown,
  loggerSettingsFrom,
  openStack,
} from '@causeway/service-kit';
import { buildPaymentService } from './app.js';
import { loadPaymentConfig } from './config.js';
import { migratePayment } from './db/migrate.js';
import { paymentCommandHandlers } from './worker/paymentCommandHandlers.js';

/** The payment service as its own process (stack mode): PostgreSQL, NATS and the command handlers. */
const main = async () => {
  const config = loadPaymentConfig();
  const logger = createLogger(loggerSettingsFrom(config, 'payment'));
  const stack = await openStack(config, 'payment', { migrate: migratePayment });
  try {
    const prefix = config.CAUSEWAY_PREFIX;
    const service = await buildPaymentService({
      store: stack.store,
      nats: stack.nc,
      options: { ...appOptionsFromConfig('payment', config), logger },
      gateway: { declineAbove: config.PAYMENT_DECLINE_ABOVE, delayMs: config.PAYMENT_DELAY_MS },
    });
    const { app } = service;
    const runner = createCommandBus({ nc: stack.nc, store: stack.store, prefix }).handle({
      ...paymentCommandHandlers(service, { logger: app.log }),
      concurrency: config.PAYMENT_CONCURRENCY,
    });
    app.addHook('onClose', async () => {
      await runner.stop();
      await stack.close();
    });
    installGracefulShutdown(app, { timeoutMs: config.SHUTDOWN_TIMEOUT_MS });
    await app.listen({ host: config.HOST, port: config.PORT });
    app.log.info(
      {
        prefix: prefix || undefined,
        declineAbove: config.PAYMENT_DECLINE_ABOVE,
        delayMs: config.PAYMENT_DELAY_MS,
        concurrency: config.PAYMENT_CONCURRENCY,
      },
      'payment service up: handling payment commands',
    );
  } catch (error) {
    await stack.close();
    throw error;
  }
};

await main().catch(exitOnStartupFailure('payment service'));
