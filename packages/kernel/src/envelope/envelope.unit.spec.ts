import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/validationError.js';
import { AddItem, CheckedOut, CheckOut, ItemAdded, ItemRemoved, RemoveItem } from '../fixtures/cart.js';
import { createRegistry } from '../messages/registry.js';
import { commandEnvelopeSchema, eventEnvelopeSchema, streamIdOf } from './envelope.js';

const events = createRegistry([ItemAdded, ItemRemoved, CheckedOut]);
const commands = createRegistry([AddItem, RemoveItem, CheckOut]);

const sku = fc.stringMatching(/^[a-z]{1,8}$/);
const line = fc.record({
  sku,
  quantity: fc.integer({ min: 1, max: 10 }),
  price: fc.integer({ min: 0, max: 1000 }),
});
const hex = (length: number) => fc.stringMatching(new RegExp(`^[\\da-f]{${length}}$`));

const metadata = fc.record(
  {
    correlationId: fc.string({ minLength: 1, maxLength: 128 }),
    causationId: fc.string({ minLength: 1, maxLength: 128 }),
    userId: fc.string({ minLength: 1, maxLength: 256 }),
    traceparent: fc.tuple(hex(2), hex(32), hex(16), hex(2)).map((parts) => parts.join('-')),
  },
  { requiredKeys: ['correlationId', 'causationId'] },
);

const common = {
  id: fc.uuid({ version: [4, 7] }),
  aggregateType: fc.constant('cart'),
  aggregateId: fc.stringMatching(/^[\w-]{1,128}$/),
  schemaVersion: fc.constant(1),
  timestamp: fc
    .date({
      min: new Date('1970-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString()),
  metadata,
};

const eventEnvelope = fc
  .oneof(
    fc.record({ type: fc.constant('ITEM_ADDED'), payload: line }),
    fc.record({ type: fc.constant('ITEM_REMOVED'), payload: fc.record({ sku }) }),
    fc.record({ type: fc.constant('CHECKED_OUT'), payload: fc.record({ total: fc.nat() }) }),
  )
  .chain((message) =>
    fc.record(
      {
        ...common,
        type: fc.constant(message.type),
        payload: fc.constant(message.payload),
        version: fc.integer({ min: 1, max: 2 ** 31 }),
        position: fc.string({ minLength: 1, maxLength: 40 }),
      },
      {
        requiredKeys: [
          'id',
          'type',
          'aggregateType',
          'aggregateId',
          'version',
          'schemaVersion',
          'timestamp',
          'payload',
          'metadata',
        ],
      },
    ),
  );

const commandEnvelope = fc
  .oneof(
    fc.record({ type: fc.constant('ADD_ITEM'), payload: line }),
    fc.record({ type: fc.constant('REMOVE_ITEM'), payload: fc.record({ sku }) }),
    fc.record({ type: fc.constant('CHECK_OUT'), payload: fc.constant({}) }),
  )
  .chain((message) =>
    fc.record({ ...common, type: fc.constant(message.type), payload: fc.constant(message.payload) }),
  );

const overTheWire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('envelope parsing round trips (property)', () => {
  it('any valid event envelope survives JSON and the registry unchanged', () => {
    fc.assert(
      fc.property(eventEnvelope, (envelope) => {
        expect(eventEnvelopeSchema.parse(overTheWire(envelope))).toEqual(envelope);
        expect(events.parse(overTheWire(envelope))).toEqual(envelope);
      }),
      { numRuns: 300 },
    );
  });

  it('any valid command envelope survives JSON and the registry unchanged', () => {
    fc.assert(
      fc.property(commandEnvelope, (envelope) => {
        expect(commandEnvelopeSchema.parse(overTheWire(envelope))).toEqual(envelope);
        expect(commands.parse(overTheWire(envelope))).toEqual(envelope);
      }),
      { numRuns: 300 },
    );
  });

  it('an envelope missing any required field fails naming that field', () => {
    const required = [
      'id',
      'aggregateType',
      'aggregateId',
      'version',
      'schemaVersion',
      'timestamp',
      'metadata',
    ];
    fc.assert(
      fc.property(eventEnvelope, fc.constantFrom(...required), (envelope, field) => {
        const { [field]: _dropped, ...broken } = envelope as Record<string, unknown>;
        try {
          events.parse(overTheWire(broken));
          expect.fail(`parsed without ${field}`);
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError);
          expect((error as ValidationError).issues.map((i) => i.path)).toEqual([field]);
        }
      }),
    );
  });
});

describe('envelope schema', () => {
  it.each([
    ['a non-UUID id', { id: 'not-a-uuid' }, 'id'],
    ['a local timestamp with an offset', { timestamp: '2025-01-01T00:00:00+02:00' }, 'timestamp'],
    ['a lower-case type', { type: 'item_added' }, 'type'],
    ['an aggregate id with a slash', { aggregateId: 'a/b' }, 'aggregateId'],
    [
      'a bad traceparent',
      { metadata: { correlationId: 'c', causationId: 'c', traceparent: 'x' } },
      'metadata.traceparent',
    ],
  ])('rejects %s', (_name, override, path) => {
    const valid = {
      id: '01890f2c-6a8e-7cc1-9b2a-3d4e5f607182',
      type: 'ITEM_ADDED',
      aggregateType: 'cart',
      aggregateId: 'c-1',
      version: 1,
      schemaVersion: 1,
      timestamp: '2025-01-02T03:04:05.678Z',
      payload: {},
      metadata: { correlationId: 'c', causationId: 'c' },
    };
    expect(eventEnvelopeSchema.safeParse(valid).success).toBe(true);
    const result = eventEnvelopeSchema.safeParse({ ...valid, ...override });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual([path]);
  });

  it('names the stream <aggregateType>-<aggregateId>', () => {
    expect(streamIdOf({ aggregateType: 'order', aggregateId: '42' })).toBe('order-42');
  });
});
