export { buildCommandApp, type CommandAppDeps } from './app.js';
export {
  DEFAULT_COMMAND_RETRIES,
  type ExecuteOptions,
  executeOrderCommand,
  type OrderCommandContext,
} from './commands/executeOrderCommand.js';
export {
  type CommandConfig,
  commandConfigSchema,
  loadCommandConfig,
  type StackConfig,
  stackConfigSchema,
} from './config.js';
export {
  buildOrderCommandHandlers,
  ORDER_COMMAND_SERVICE,
  type OrderCommandHandlersDeps,
} from './consumer/orderCommandHandlers.js';
export { orderRuleStatus } from './http/toHttpError.js';
export { type CommandMetrics, type CommandOutcome, commandMetrics } from './metrics/commandMetrics.js';
export { registerCommandRunnerMetrics } from './metrics/commandRunnerMetrics.js';
export { registerRelayMetrics } from './metrics/relayMetrics.js';
export type { Order, OrderStatus } from './order/order.js';
export { orderDecider } from './order/orderDecider.js';
export { type OrderRuleCode, OrderRuleError } from './order/orderRuleError.js';
export { buildRelay, type RelayDeps } from './relay/buildRelay.js';
