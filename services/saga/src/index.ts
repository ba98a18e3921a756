export {
  buildSagaService,
  SAGA_SUBSCRIBER,
  type SagaService,
  type SagaServiceDeps,
  type SagaSubscriber,
} from './app.js';
export { loadSagaConfig, type SagaConfig, sagaConfigSchema } from './config.js';
export { MIGRATIONS_FOLDER, migrateSaga, migrationSet } from './db/migrate.js';
export { isFinished, type OrderSagaState } from './orderSaga/orderSagaState.js';
export { react } from './orderSaga/react.js';
export type { SagaCommandEnvelope, SendCommand } from './worker/sagaCommands.js';
export { commandServiceOf, sagaCommandId } from './worker/sagaCommands.js';
