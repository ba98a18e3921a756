export { connectNats, DEFAULT_NATS_URL } from './connection/connectNats.js';
export { TopologyConflictError } from './errors/topologyConflictError.js';
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
