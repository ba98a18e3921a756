import {
  AckPolicy,
  type ConsumerConfig,
  DeliverPolicy,
  DiscardPolicy,
  ReplayPolicy,
  RetentionPolicy,
  StorageType,
  type StreamConfig,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import type { TopologyNames } from './names.js';

/**
 * Every stream and consumer definition lives here; `ensureTopology` and the consumer runner's
 * recreate path both build from these functions, so the two can never drift apart.
 */

/** JetStream de-duplicates a `Nats-Msg-Id` seen within this window. The architecture asks >= 2 min. */
export const DEFAULT_DUPLICATE_WINDOW_MS = 120_000;
export const DEFAULT_ACK_WAIT_MS = 30_000;
/**
 * How many delivered-but-unacknowledged messages one durable may have. The runner applies them
 * strictly in order (see consumer/session.ts), so this is a read-ahead window, not concurrency.
 */
export const DEFAULT_MAX_ACK_PENDING = 256;

export interface StreamOptions {
  /** Defaults to 2 minutes; tests shorten it to watch it expire. */
  duplicateWindowMs?: number;
  /** Defaults to 1 (a single server). Production runs R3 across failure domains. */
  replicas?: number;
}

export type StreamKind = 'events' | 'commands';

/** The stream fields Causeway sets; everything else keeps the server's default. */
export type StreamDefinition = Pick<
  StreamConfig,
  'name' | 'subjects' | 'retention' | 'storage' | 'discard' | 'num_replicas' | 'duplicate_window'
>;

/** `retention` and `storage` cannot change after creation; the rest is updated in place. */
export const immutableStreamFields = ['retention', 'storage'] as const;

export const streamDefinitions = (
  names: TopologyNames,
  options: StreamOptions = {},
): Record<StreamKind, StreamDefinition> => {
  const common = {
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    num_replicas: options.replicas ?? 1,
    duplicate_window: nanos(options.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS),
  };
  return {
    // Limits retention, no age or size limit: the events stream is a replayable copy of the store.
    events: {
      ...common,
      name: names.eventsStream,
      subjects: [names.allEvents],
      retention: RetentionPolicy.Limits,
    },
    // Work-queue retention: a command is removed once its handler acknowledges it.
    commands: {
      ...common,
      name: names.commandsStream,
      subjects: [names.allCommands],
      retention: RetentionPolicy.Workqueue,
    },
  };
};

export interface ConsumerDefinition {
  stream: StreamKind;
  /** Durable name; consumers are scoped per stream, so it carries no prefix. */
  durable: string;
  /** One subject (nats-server 2.9 has no multi-filter consumers). */
  filterSubject: string;
  ackWaitMs?: number;
  maxAckPending?: number;
  /**
   * Defaults to -1 (unlimited). The runner counts attempts and dead-letters itself: a server-side
   * limit would silently drop the message from an ordered sequence instead.
   */
  maxDeliver?: number;
  description?: string;
}

/** Fields `consumers.update` may change on nats-server 2.9; the rest are fixed at creation. */
export const mutableConsumerFields = ['ack_wait', 'max_ack_pending', 'max_deliver', 'description'] as const;

export const consumerConfig = (
  definition: ConsumerDefinition,
  startSequence?: number,
): Partial<ConsumerConfig> => ({
  durable_name: definition.durable,
  description: definition.description ?? `causeway ${definition.stream} consumer ${definition.durable}`,
  ack_policy: AckPolicy.Explicit,
  ack_wait: nanos(definition.ackWaitMs ?? DEFAULT_ACK_WAIT_MS),
  max_ack_pending: definition.maxAckPending ?? DEFAULT_MAX_ACK_PENDING,
  max_deliver: definition.maxDeliver ?? -1,
  filter_subject: definition.filterSubject,
  replay_policy: ReplayPolicy.Instant,
  ...(startSequence === undefined || startSequence <= 1
    ? { deliver_policy: DeliverPolicy.All }
    : { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: startSequence }),
});
