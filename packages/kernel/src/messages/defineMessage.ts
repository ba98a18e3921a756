import type { z } from 'zod';
import {
  type CommandEnvelope,
  commandEnvelopeSchema,
  type EventEnvelope,
  eventEnvelopeSchema,
  type Message,
  type Metadata,
} from '../envelope/envelope.js';
import { uuidv7 } from '../envelope/uuidv7.js';
import { ValidationError } from '../errors/validationError.js';

/** Lifts a payload stored at schema version `n` to version `n + 1`. */
// biome-ignore lint/suspicious/noExplicitAny: an upcaster receives whatever an older version stored.
export type Upcaster = (payload: any) => unknown;

interface DefinitionConfig<Type extends string, Schema extends z.ZodType> {
  type: Type;
  aggregateType: string;
  payload: Schema;
  /** Current payload schema version; defaults to 1. */
  schemaVersion?: number;
  /** `upcasters[n]` lifts a version-n payload to version n + 1, for every n below `schemaVersion`. */
  upcasters?: Readonly<Record<number, Upcaster>>;
}

interface EnvelopeInput<Payload> {
  aggregateId: string;
  payload: Payload;
  metadata: Metadata;
  id?: string;
  timestamp?: string;
}

interface MessageDefinition<Kind extends 'event' | 'command', Type extends string, Schema extends z.ZodType> {
  readonly kind: Kind;
  readonly type: Type;
  readonly aggregateType: string;
  readonly schemaVersion: number;
  readonly payload: Schema;
  readonly upcasters: Readonly<Record<number, Upcaster>>;
  /** Builds the message a decider returns (no validation: parse at the edges). */
  of(payload: z.output<Schema>): Message<Type, z.output<Schema>>;
  is(message: Message): message is Message<Type, z.output<Schema>>;
  /** Upcasts a payload stored at `fromVersion` and validates it; errors name `payload.<field>`. */
  parsePayload(payload: unknown, fromVersion?: number): z.output<Schema>;
}

export interface EventDefinition<Type extends string = string, Schema extends z.ZodType = z.ZodType>
  extends MessageDefinition<'event', Type, Schema> {
  create(input: EnvelopeInput<z.output<Schema>> & { version: number }): EventEnvelope<Type, z.output<Schema>>;
}

export interface CommandDefinition<Type extends string = string, Schema extends z.ZodType = z.ZodType>
  extends MessageDefinition<'command', Type, Schema> {
  create(input: EnvelopeInput<z.output<Schema>>): CommandEnvelope<Type, z.output<Schema>>;
}

export type AnyDefinition = EventDefinition | CommandDefinition;

export type EventOf<D> = D extends EventDefinition<infer T, infer S> ? EventEnvelope<T, z.output<S>> : never;
export type CommandOf<D> =
  D extends CommandDefinition<infer T, infer S> ? CommandEnvelope<T, z.output<S>> : never;
/** The `{ type, payload }` a decider returns for definition `D`. */
export type MessageOf<D> =
  D extends MessageDefinition<'event' | 'command', infer T, infer S> ? Message<T, z.output<S>> : never;

const definitionBase = <Kind extends 'event' | 'command', Type extends string, Schema extends z.ZodType>(
  kind: Kind,
  config: DefinitionConfig<Type, Schema>,
): MessageDefinition<Kind, Type, Schema> => {
  const schemaVersion = config.schemaVersion ?? 1;
  const upcasters = config.upcasters ?? {};
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1) {
    throw new RangeError(`${config.type}: schemaVersion must be an integer >= 1`);
  }
  for (let version = 1; version < schemaVersion; version++) {
    if (!upcasters[version])
      throw new RangeError(`${config.type}: no upcaster from schema version ${version}`);
  }
  return {
    kind,
    type: config.type,
    aggregateType: config.aggregateType,
    schemaVersion,
    payload: config.payload,
    upcasters,
    of: (payload) => ({ type: config.type, payload }),
    is: (message): message is Message<Type, z.output<Schema>> => message.type === config.type,
    parsePayload(payload, fromVersion = schemaVersion) {
      if (!Number.isInteger(fromVersion) || fromVersion < 1 || fromVersion > schemaVersion) {
        throw new ValidationError(config.type, [
          {
            path: 'schemaVersion',
            message: `must be an integer from 1 to ${schemaVersion}, got ${fromVersion}`,
          },
        ]);
      }
      let lifted = payload;
      for (let version = fromVersion; version < schemaVersion; version++) {
        try {
          lifted = (upcasters[version] as Upcaster)(lifted);
        } catch (error) {
          // An upcaster meets stored data it did not expect: that is bad input, not a crash.
          const reason = error instanceof Error ? error.message : String(error);
          throw new ValidationError(
            config.type,
            [{ path: 'payload', message: `cannot upcast from schema version ${version}: ${reason}` }],
            { cause: error },
          );
        }
      }
      const result = config.payload.safeParse(lifted);
      if (!result.success) throw ValidationError.fromZod(config.type, result.error, ['payload']);
      return result.data;
    },
  };
};

/** Declares an event type: its name, aggregate type, payload schema, schema version and upcasters. */
export const defineEvent = <const Type extends string, Schema extends z.ZodType>(
  config: DefinitionConfig<Type, Schema>,
): EventDefinition<Type, Schema> => {
  const base = definitionBase('event', config);
  return {
    ...base,
    create: ({ id = uuidv7(), timestamp = new Date().toISOString(), ...input }) => ({
      id,
      type: config.type,
      aggregateType: config.aggregateType,
      schemaVersion: base.schemaVersion,
      timestamp,
      ...input,
    }),
  };
};

/** Declares a command type, the same way as an event (commands carry no stream version). */
export const defineCommand = <const Type extends string, Schema extends z.ZodType>(
  config: DefinitionConfig<Type, Schema>,
): CommandDefinition<Type, Schema> => {
  const base = definitionBase('command', config);
  return {
    ...base,
    create: ({ id = uuidv7(), timestamp = new Date().toISOString(), ...input }) => ({
      id,
      type: config.type,
      aggregateType: config.aggregateType,
      schemaVersion: base.schemaVersion,
      timestamp,
      ...input,
    }),
  };
};

export const envelopeSchemaOf = (kind: 'event' | 'command') =>
  kind === 'event' ? eventEnvelopeSchema : commandEnvelopeSchema;
