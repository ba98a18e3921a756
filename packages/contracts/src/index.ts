export {
  customerId,
  entityId,
  limits,
  money,
  type OrderItem,
  orderItem,
  orderItems,
  reason,
  sku,
} from './fields.js';
export {
  type AddItemBody,
  addItemBody,
  type CancelOrderBody,
  type CreateOrderBody,
  cancelOrderBody,
  createOrderBody,
} from './httpBodies.js';
export { type BreakingChange, findBreakingChanges } from './jsonSchema/compatibility.js';
export { type JsonSchema, messageJsonSchema } from './jsonSchema/messageJsonSchema.js';
export {
  AddOrderItem,
  CancelOrder,
  ConfirmOrder,
  CreateOrder,
  type OrderCommand,
  type OrderCommandEnvelope,
  orderCommandDefinitions,
} from './order/commands.js';
export {
  OrderCancelled,
  OrderConfirmed,
  OrderCreated,
  type OrderEvent,
  type OrderEventEnvelope,
  OrderItemAdded,
  orderEventDefinitions,
} from './order/events.js';
export { orderTotal } from './orderTotal.js';
export {
  type PaymentCommand,
  type PaymentCommandEnvelope,
  ProcessPayment,
  paymentCommandDefinitions,
  RefundPayment,
} from './payment/commands.js';
export {
  type PaymentEvent,
  type PaymentEventEnvelope,
  PaymentFailed,
  PaymentProcessed,
  PaymentRefunded,
  paymentEventDefinitions,
} from './payment/events.js';
export {
  allCommands,
  allEvents,
  orderCommands,
  orderEvents,
  paymentCommands,
  paymentEvents,
} from './registries.js';
