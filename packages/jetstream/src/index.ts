export { decodeCommand, encodeCommand } from './codec/commandMessage.js';
export {
  type DeliveredEvent,
  decodeEvent,
  encodeEvent,
  eventHeaders,
  type IncomingMessage,
  type OutgoingMessage,
  positionOf,
} from './codec/eventMessage.js';
export { CausewayHeaders, MSG_ID_HEADER } from './codec/headers.js';
export { boundStore } from './commands/boundStore.js';
export { createCommandBus, type NatsCommandBusOptions } from './commands/commandBus.js';
export {
  commandConsumer,
  handleCommands,
  type NatsCommandHandlerOptions,
} from './commands/handleCommands.js';
export { type CommandOutcome, commandSubscriber } from './commands/processCommand.js';
export type {
  CommandBus,
  CommandContext,
  CommandHandler,
  CommandHandlerOptions,
  CommandMetrics,
  CommandRejection,
  CommandRunner,
} from './commands/types.js';
export { connectNats, DEFAULT_NATS_URL } from './connection/connectNats.js';
export { type ConsumerTuning, subscriberConsumer } from './consumer/definition.js';
export {
  HandlerError,
  isTransientInfrastructureError,
  isVersionGapError,
  VersionGapError,
} from './consumer/errors.js';
export { type EventDelivery, natsDelivery, type SubscribeOptions } from './consumer/eventDelivery.js';
export { type ConsumerOptions, type ConsumerRunner, runConsumer } from './consumer/runConsumer.js';
export type {
  ApplyPolicy,
  ConsumerEvents,
  ConsumerMetrics,
  DeadLetterRecord,
  HaltReason,
  PoisonPolicy,
  RunnerStatus,
  Subscriber,
} from './consumer/subscriber.js';
export { TopologyConflictError } from './errors/topologyConflictError.js';
export { createInProcessCommandBus } from './inProcess/inProcessCommandBus.js';
export {
  createInProcessDelivery,
  type InProcessDelivery,
  type InProcessDeliveryOptions,
} from './inProcess/inProcessDelivery.js';
export { InProcessRelay, type InProcessRelayOptions } from './inProcess/inProcessRelay.js';
export { MIGRATIONS_FOLDER, migrateDelivery, migrationSet } from './migrate.js';
export { createRelay, type Relay, type RelayMetrics, type RelayOptions } from './relay/relay.js';
export {
  type ManualWakeups,
  manualWakeups,
  mergeWakeups,
  type PGliteListener,
  type PostgresListener,
  pgliteWakeups,
  postgresWakeups,
  type WakeupListener,
  type Wakeups,
} from './relay/wakeups.js';
export * as schema from './schema/index.js';
export {
  type ConsumerDefinition,
  consumerConfig,
  DEFAULT_ACK_WAIT_MS,
  DEFAULT_DUPLICATE_WINDOW_MS,
  DEFAULT_MAX_ACK_PENDING,
  type StreamDefinition,
  type StreamKind,
  type StreamOptions,
  streamDefinitions,
} from './topology/definitions.js';
export { ensureConsumer, resetConsumer } from './topology/ensureConsumer.js';
export { ensureStream } from './topology/ensureStream.js';
export { type EnsureTopologyOptions, ensureTopology, type Topology } from './topology/ensureTopology.js';
export { type EventFilter, type TopologyNames, topologyNames } from './topology/names.js';
export { lagBehindHead } from './util/lag.js';
