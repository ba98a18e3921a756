export { Aggregate, type Snapshot } from './aggregate/aggregate.js';
export {
  EventBus,
  type EventBusOptions,
  type EventHandler,
  type HandlerFailure,
  type PublishResult,
} from './bus/eventBus.js';
export { type Decider, fold } from './decider/decider.js';
export {
  type CommandEnvelope,
  commandEnvelopeSchema,
  type EventEnvelope,
  eventEnvelopeSchema,
  type Message,
  type Metadata,
  metadataSchema,
  streamIdOf,
} from './envelope/envelope.js';
export { uuidFromName } from './envelope/uuidFromName.js';
export { uuidv7 } from './envelope/uuidv7.js';
export * from './errors/index.js';
export {
  type AnyDefinition,
  type CommandDefinition,
  type CommandOf,
  defineCommand,
  defineEvent,
  type EventDefinition,
  type EventOf,
  type MessageOf,
  type Upcaster,
} from './messages/defineMessage.js';
export { createRegistry, type Registry } from './messages/registry.js';
