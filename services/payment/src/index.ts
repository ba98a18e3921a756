export { buildPaymentService, type PaymentService, type PaymentServiceDeps } from './app.js';
export { loadPaymentConfig, type PaymentConfig, paymentConfigSchema } from './config.js';
export { MIGRATIONS_FOLDER, migratePayment, migrationSet } from './db/migrate.js';
export type { PaymentCommandResult, PaymentOutcome } from './worker/handlePaymentCommand.js';
export {
  PAYMENT_COMMAND_SERVICE,
  type PaymentCommandHandlersDeps,
  paymentCommandHandlers,
} from './worker/paymentCommandHandlers.js';
