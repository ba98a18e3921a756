import { type AnyDefinition, commandEnvelopeSchema, eventEnvelopeSchema } from '@causeway/kernel';
import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;

/**
 * The JSON Schema (draft 2020-12, from zod's own `toJSONSchema`) of one message type at its
 * current schema version: the whole envelope, with `type`, `aggregateType` and `schemaVersion`
 * fixed and `payload` the type's payload schema. A consumer in any language validates a message
 * as it travels (NATS, HTTP) or is stored against it.
 */
export const messageJsonSchema = (definition: AnyDefinition): JsonSchema => {
  const envelope = definition.kind === 'event' ? eventEnvelopeSchema : commandEnvelopeSchema;
  const message = envelope
    .extend({
      type: z.literal(definition.type),
      aggregateType: z.literal(definition.aggregateType),
      schemaVersion: z.literal(definition.schemaVersion),
      payload: definition.payload,
    })
    .meta({
      title: `${definition.type} v${definition.schemaVersion}`,
      description: `${definition.kind === 'event' ? 'An event' : 'A command'} of a ${definition.aggregateType}`,
    });
  return z.toJSONSchema(message) as JsonSchema;
};
