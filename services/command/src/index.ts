export { buildCommandApp, type CommandAppDeps, DEFAULT_COMMAND_RETRIES } from './app.js';
export {
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
export { databaseCheck, natsCheck } from './health.js';
export { orderRuleStatus } from './http/toHttpError.js';
export { type CommandMetrics, type CommandOutcome, commandMetrics } from './metrics/commandMetrics.js';
export { registerRelayMetrics } from './metrics/relayMetrics.js';
export type { Order, OrderStatus } from './order/order.js';
export { orderDecider } from './order/orderDecider.js';
export { type OrderRuleCode, OrderRuleError } from './order/orderRuleError.js';
export { buildRelay, type RelayDeps } from './relay/buildRelay.js';
export { openStack, type Stack } from './runtime/openStack.js';
