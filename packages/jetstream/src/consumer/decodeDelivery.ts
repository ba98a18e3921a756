import { isPosition } from '@causeway/event-store';
import { type EventEnvelope, isUnknownEventTypeError } from '@causeway/kernel';
import { decodeEvent, type IncomingMessage } from '../codec/eventMessage.js';
import { CausewayHeaders } from '../codec/headers.js';
import type { Decoded } from './delivery.js';
import type { Subscriber } from './subscriber.js';

const text = new TextDecoder();

/** Parses a message for a subscriber, never throwing: failures become a dead-letter candidate. */
export const decodeDelivery = (
  message: IncomingMessage,
  { registry, unknownTypes = 'skip' }: Pick<Subscriber, 'registry' | 'unknownTypes'>,
): Decoded => {
  try {
    return { ok: true, event: decodeEvent<EventEnvelope>(message, registry), handled: true };
  } catch (error) {
    if (registry && isUnknownEventTypeError(error)) {
      try {
        const event = decodeEvent(message);
        if (unknownTypes === 'skip') return { ok: true, event, handled: false };
        return { ok: false, error, position: event.position, raw: event, event };
      } catch {
        // falls through to the dead letter below, with the registry's error
      }
    }
    const header = message.headers?.get(CausewayHeaders.Position);
    let raw: unknown;
    try {
      raw = JSON.parse(text.decode(message.data));
    } catch {
      raw = { undecodable: text.decode(message.data).slice(0, 10_000) };
    }
    return { ok: false, error, position: isPosition(header) ? header : undefined, raw };
  }
};
