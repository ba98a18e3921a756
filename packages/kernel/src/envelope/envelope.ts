import { z } from 'zod';

/** Causal context carried by every command and event. */
export const metadataSchema = z.strictObject({
  correlationId: z.string().min(1).max(128),
  causationId: z.string().min(1).max(128),
  userId: z.string().min(1).max(256).optional(),
  traceparent: z
    .string()
    .regex(/^[\da-f]{2}-[\da-f]{32}-[\da-f]{16}-[\da-f]{2}$/, 'must be a W3C traceparent')
    .optional(),
});
export type Metadata = z.infer<typeof metadataSchema>;

/** What a decider decides and an evolver folds: a type and its payload, nothing else. */
export interface Message<Type extends string = string, Payload = unknown> {
  readonly type: Type;
  readonly payload: Payload;
}

const uuid = z.uuid();
const name = z.string().regex(/^[A-Za-z][\w-]{0,63}$/, 'must be 1-64 letters, digits, _ or -');

export const commandEnvelopeSchema = z.strictObject({
  id: uuid,
  type: z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'must be UPPER_SNAKE_CASE'),
  aggregateType: name,
  aggregateId: z.string().regex(/^[\w-]{1,128}$/, 'must be 1-128 letters, digits, _ or -'),
  schemaVersion: z.int().min(1),
  timestamp: z.iso.datetime({ offset: false }),
  payload: z.unknown(),
  metadata: metadataSchema,
});

export const eventEnvelopeSchema = commandEnvelopeSchema.extend({
  version: z.int().min(1),
  /** Set by the store on append: an opaque, comparable token of the event's place in delivery order. */
  position: z.string().min(1).optional(),
});

export interface CommandEnvelope<Type extends string = string, Payload = unknown>
  extends Message<Type, Payload> {
  readonly id: string;
  readonly aggregateType: string;
  readonly aggregateId: string;
  readonly schemaVersion: number;
  readonly timestamp: string;
  readonly metadata: Metadata;
}

export interface EventEnvelope<Type extends string = string, Payload = unknown>
  extends CommandEnvelope<Type, Payload> {
  readonly version: number;
  readonly position?: string;
}

/** The stream an envelope belongs to: `order-<id>`. */
export const streamIdOf = (message: { aggregateType: string; aggregateId: string }): string =>
  `${message.aggregateType}-${message.aggregateId}`;
