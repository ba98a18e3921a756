import {
  type AnyDefinition,
  type CommandEnvelope,
  type Message,
  type Registry,
  UnknownEventTypeError,
} from '@causeway/kernel';
import type { NewEvent } from '../eventStore.js';

export interface EventStamp {
  /** Milliseconds since the epoch; each event's timestamp and UUIDv7 come from it. */
  now: number;
  newId: (now: number) => string;
}

/**
 * Envelopes for what a decider decided: the command's stream, the registered schema version,
 * a payload validated against the event's schema, correlation carried from the command and
 * causation pointing at it.
 */
export const toNewEvents = (
  command: CommandEnvelope,
  decided: readonly Message[],
  registry: Registry<AnyDefinition>,
  stamp: EventStamp,
): NewEvent[] => {
  const timestamp = new Date(stamp.now).toISOString();
  const { correlationId, userId, traceparent } = command.metadata;
  return decided.map((message) => {
    const definition = registry.get(message.type);
    if (definition?.kind !== 'event') throw new UnknownEventTypeError(message.type);
    return {
      id: stamp.newId(stamp.now),
      type: message.type,
      aggregateType: command.aggregateType,
      aggregateId: command.aggregateId,
      schemaVersion: definition.schemaVersion,
      timestamp,
      payload: definition.parsePayload(message.payload),
      metadata: {
        correlationId,
        causationId: command.id,
        ...(userId === undefined ? {} : { userId }),
        ...(traceparent === undefined ? {} : { traceparent }),
      },
    };
  });
};
