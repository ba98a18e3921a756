import type { Position, StoredEvent } from '@causeway/event-store';
import { parsePosition } from '@causeway/event-store';
import {
  type EventEnvelope,
  eventEnvelopeSchema,
  type Registry,
  streamIdOf,
  ValidationError,
} from '@causeway/kernel';
import { type MsgHdrs, headers as natsHeaders } from '@nats-io/nats-core';
import type { TopologyNames } from '../topology/names.js';
import { CausewayHeaders } from './headers.js';

/** An event as a subscriber receives it: a parsed envelope with the store position it was read at. */
export type DeliveredEvent<E extends EventEnvelope = EventEnvelope> = E & { readonly position: Position };

export interface OutgoingMessage {
  subject: string;
  data: Uint8Array;
  headers: MsgHdrs;
  msgID: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export const eventHeaders = (event: StoredEvent): MsgHdrs => {
  const h = natsHeaders();
  h.set(CausewayHeaders.MessageType, event.type);
  h.set(CausewayHeaders.StreamId, streamIdOf(event));
  h.set(CausewayHeaders.Version, String(event.version));
  h.set(CausewayHeaders.Position, event.position);
  h.set(CausewayHeaders.CorrelationId, event.metadata.correlationId);
  h.set(CausewayHeaders.CausationId, event.metadata.causationId);
  if (event.metadata.traceparent) h.set(CausewayHeaders.Traceparent, event.metadata.traceparent);
  return h;
};

/** The message the relay publishes for a stored event: the whole envelope as JSON, id as `Nats-Msg-Id`. */
export const encodeEvent = (names: TopologyNames, event: StoredEvent): OutgoingMessage => ({
  subject: names.eventSubject(event.aggregateType, event.type),
  data: encoder.encode(JSON.stringify(event)),
  headers: eventHeaders(event),
  msgID: event.id,
});

export interface IncomingMessage {
  data: Uint8Array;
  headers?: MsgHdrs | undefined;
}

/** The position header alone, for reading the stream's tail without parsing bodies. */
export const positionOf = (message: IncomingMessage): Position =>
  parsePosition(message.headers?.get(CausewayHeaders.Position) || undefined, CausewayHeaders.Position);

/**
 * Parses a delivered event: JSON body, envelope schema (or the registry, which also upcasts and
 * validates the payload), and the position header, which must agree with the body's. Throws a
 * `ValidationError` naming the field; such a message is dead-lettered, never retried.
 */
export const decodeEvent = <E extends EventEnvelope = EventEnvelope>(
  message: IncomingMessage,
  // biome-ignore lint/suspicious/noExplicitAny: a registry of any event definitions.
  registry?: Registry<any>,
): DeliveredEvent<E> => {
  const position = positionOf(message);
  let body: unknown;
  try {
    body = JSON.parse(decoder.decode(message.data));
  } catch (error) {
    throw new ValidationError('event message', [{ path: 'body', message: `is not JSON: ${String(error)}` }]);
  }
  const bodyPosition = (body as { position?: unknown } | null)?.position;
  if (bodyPosition !== undefined && bodyPosition !== position) {
    throw new ValidationError('event message', [
      { path: 'position', message: `body says ${String(bodyPosition)}, header says ${position}` },
    ]);
  }
  if (registry) return { ...(registry.parse(body) as E), position };
  const parsed = eventEnvelopeSchema.safeParse(body);
  if (!parsed.success) throw ValidationError.fromZod('event message', parsed.error);
  return { ...(parsed.data as E), position };
};
