import type { z } from 'zod';
import type { CommandEnvelope, EventEnvelope } from '../envelope/envelope.js';
import { UnknownEventTypeError } from '../errors/unknownMessageTypeError.js';
import { ValidationError } from '../errors/validationError.js';
import { type AnyDefinition, type CommandDefinition, envelopeSchemaOf } from './defineMessage.js';

type EnvelopeOf<D> =
  D extends CommandDefinition<infer T, infer S>
    ? CommandEnvelope<T, z.output<S>>
    : D extends AnyDefinition
      ? EventEnvelope<D['type'], z.output<D['payload']>>
      : never;

export interface Registry<D extends AnyDefinition> {
  readonly definitions: readonly D[];
  get(type: string): D | undefined;
  /**
   * Turns unknown JSON into a typed envelope: checks the envelope, finds the type's definition,
   * upcasts the payload to the current schema version and validates it. Throws
   * `UnknownEventTypeError` or a `ValidationError` that names the type and the failing field path.
   */
  parse(input: unknown): EnvelopeOf<D>;
}

/** A registry of event or command definitions (one kind per registry, as they travel apart). */
export const createRegistry = <const D extends AnyDefinition>(definitions: readonly D[]): Registry<D> => {
  const byType = new Map<string, D>();
  for (const definition of definitions) {
    if (byType.has(definition.type)) throw new RangeError(`Duplicate message type ${definition.type}`);
    byType.set(definition.type, definition);
  }
  const kinds = new Set(definitions.map((d) => d.kind));
  if (kinds.size > 1) throw new RangeError('A registry holds either events or commands, not both');

  return {
    definitions,
    get: (type) => byType.get(type),
    parse(input) {
      const type = (input as { type?: unknown } | null)?.type;
      if (typeof input !== 'object' || input === null || typeof type !== 'string') {
        throw new ValidationError('message', [{ path: 'type', message: 'must be a string' }]);
      }
      const definition = byType.get(type);
      if (!definition) throw new UnknownEventTypeError(type);
      const envelope = envelopeSchemaOf(definition.kind).safeParse(input);
      if (!envelope.success) throw ValidationError.fromZod(type, envelope.error);
      if (envelope.data.aggregateType !== definition.aggregateType) {
        throw new ValidationError(type, [
          { path: 'aggregateType', message: `must be ${JSON.stringify(definition.aggregateType)}` },
        ]);
      }
      const payload = definition.parsePayload(envelope.data.payload, envelope.data.schemaVersion);
      return { ...envelope.data, schemaVersion: definition.schemaVersion, payload } as EnvelopeOf<D>;
    },
  };
};
