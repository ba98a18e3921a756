import {
  type CommandEnvelope,
  commandEnvelopeSchema,
  type Registry,
  streamIdOf,
  ValidationError,
} from '@causeway/kernel';
import { headers as natsHeaders } from '@nats-io/nats-core';
import type { TopologyNames } from '../topology/names.js';
import type { IncomingMessage, OutgoingMessage } from './eventMessage.js';
import { CausewayHeaders } from './headers.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A command for `service`: the envelope as JSON, its id as `Nats-Msg-Id` (JetStream de-duplicates resends). */
export const encodeCommand = (
  names: TopologyNames,
  service: string,
  command: CommandEnvelope,
): OutgoingMessage => {
  const h = natsHeaders();
  h.set(CausewayHeaders.MessageType, command.type);
  h.set(CausewayHeaders.StreamId, streamIdOf(command));
  h.set(CausewayHeaders.CorrelationId, command.metadata.correlationId);
  h.set(CausewayHeaders.CausationId, command.metadata.causationId);
  if (command.metadata.traceparent) h.set(CausewayHeaders.Traceparent, command.metadata.traceparent);
  return {
    subject: names.commandSubject(service, command.type),
    data: encoder.encode(JSON.stringify(command)),
    headers: h,
    msgID: command.id,
  };
};

/** Parses a delivered command (with the registry: upcast and validated); throws `ValidationError` naming the field. */
export const decodeCommand = (
  message: IncomingMessage,
  // biome-ignore lint/suspicious/noExplicitAny: a registry of any command definitions.
  registry?: Registry<any>,
): CommandEnvelope => {
  let body: unknown;
  try {
    body = JSON.parse(decoder.decode(message.data));
  } catch (error) {
    throw new ValidationError('command message', [
      { path: 'body', message: `is not JSON: ${String(error)}` },
    ]);
  }
  if (registry) return registry.parse(body) as CommandEnvelope;
  const parsed = commandEnvelopeSchema.safeParse(body);
  if (!parsed.success) throw ValidationError.fromZod('command message', parsed.error);
  return parsed.data as CommandEnvelope;
};
