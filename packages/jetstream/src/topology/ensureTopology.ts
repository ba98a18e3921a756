import {
  type ConsumerInfo,
  type JetStreamManager,
  jetstreamManager,
  type StreamInfo,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { type ConsumerDefinition, type StreamOptions, streamDefinitions } from './definitions.js';
import { ensureConsumer } from './ensureConsumer.js';
import { ensureStream } from './ensureStream.js';
import { type TopologyNames, topologyNames } from './names.js';

export interface EnsureTopologyOptions extends StreamOptions {
  /** A connection, or a JetStream manager already made from one. */
  nc?: NatsConnection;
  jsm?: JetStreamManager;
  /** See `topologyNames`: isolates environments and test files sharing one server. */
  prefix?: string;
  /** Durable consumers to create or update, on either stream. */
  consumers?: readonly ConsumerDefinition[];
}

export interface Topology {
  names: TopologyNames;
  events: StreamInfo;
  commands: StreamInfo;
  consumers: ConsumerInfo[];
}

/** Creates or updates both streams and the given durable consumers. Safe to run at every start. */
export const ensureTopology = async (options: EnsureTopologyOptions): Promise<Topology> => {
  const jsm = options.jsm ?? (options.nc ? await jetstreamManager(options.nc) : undefined);
  if (!jsm) throw new TypeError('ensureTopology: pass `nc` or `jsm`');
  const names = topologyNames(options.prefix);
  const definitions = streamDefinitions(names, options);
  const events = await ensureStream(jsm, definitions.events);
  const commands = await ensureStream(jsm, definitions.commands);
  const consumers: ConsumerInfo[] = [];
  for (const consumer of options.consumers ?? []) {
    const stream = consumer.stream === 'events' ? names.eventsStream : names.commandsStream;
    consumers.push(await ensureConsumer(jsm, stream, consumer));
  }
  return { names, events, commands, consumers };
};
