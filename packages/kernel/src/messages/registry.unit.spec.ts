import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UnknownEventTypeError } from '../errors/unknownMessageTypeError.js';
import { ValidationError } from '../errors/validationError.js';
import { AddItem, ItemAdded, ItemRemoved } from '../fixtures/cart.js';
import { defineEvent } from './defineMessage.js';
import { createRegistry } from './registry.js';

const raw = (overrides: Record<string, unknown> = {}) => ({
  id: '01890f2c-6a8e-7cc1-9b2a-3d4e5f607182',
  type: 'ITEM_ADDED',
  aggregateType: 'cart',
  aggregateId: 'c-1',
  version: 1,
  schemaVersion: 1,
  timestamp: '2025-01-02T03:04:05.678Z',
  payload: { sku: 'apple', quantity: 2, price: 10 },
  metadata: { correlationId: 'corr-1', causationId: 'cmd-1' },
  ...overrides,
});

/** Catches what `fn` throws so a test can look at it; fails when nothing is thrown. */
const thrownBy = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
};

const issuesOf = (error: unknown) => (error as ValidationError).issues.map((i) => i.path);

// LINE_ADDED stored {sku, qty} at v1; v2 renamed qty to quantity and added unitPrice (unknown: 0).
const lineV1 = z.strictObject({ sku: z.string(), qty: z.int() });
const lineV2 = z.strictObject({ sku: z.string(), quantity: z.int().min(1), unitPrice: z.int().min(0) });
const LineAdded = defineEvent({
  type: 'LINE_ADDED',
  aggregateType: 'cart',
  schemaVersion: 2,
  payload: lineV2,
  upcasters: { 1: (p: z.infer<typeof lineV1>) => ({ sku: p.sku, quantity: p.qty, unitPrice: 0 }) },
});

describe('createRegistry(...).parse', () => {
  const events = createRegistry([ItemAdded, ItemRemoved, LineAdded]);

  it('returns the typed, validated envelope', () => {
    const event = events.parse(raw());
    expect(event).toEqual(raw());
    if (ItemAdded.is(event)) expect(event.payload.quantity).toBe(2);
    else expect.fail('expected ITEM_ADDED');
  });

  it('reads a v1 event as v2 through its upcaster', () => {
    const event = events.parse(
      raw({ type: 'LINE_ADDED', schemaVersion: 1, payload: { sku: 'apple', qty: 3 } }),
    );
    expect(event.schemaVersion).toBe(2);
    expect(event.payload).toEqual({ sku: 'apple', quantity: 3, unitPrice: 0 });
  });

  it('reads a current-version event without upcasting it', () => {
    const payload = { sku: 'apple', quantity: 3, unitPrice: 7 };
    expect(events.parse(raw({ type: 'LINE_ADDED', schemaVersion: 2, payload })).payload).toEqual(payload);
  });

  it('chains upcasters v1 -> v2 -> v3', () => {
    const LineAddedV3 = defineEvent({
      type: 'LINE_ADDED',
      aggregateType: 'cart',
      schemaVersion: 3,
      payload: lineV2.extend({ currency: z.enum(['EUR', 'USD']) }),
      upcasters: { ...LineAdded.upcasters, 2: (p: z.infer<typeof lineV2>) => ({ ...p, currency: 'EUR' }) },
    });
    const v3 = createRegistry([LineAddedV3]);
    const event = v3.parse(raw({ type: 'LINE_ADDED', schemaVersion: 1, payload: { sku: 'fig', qty: 1 } }));
    expect(event).toMatchObject({
      schemaVersion: 3,
      payload: { sku: 'fig', quantity: 1, unitPrice: 0, currency: 'EUR' },
    });
  });

  it('validates the upcast payload against the current schema', () => {
    const error = thrownBy(() =>
      events.parse(raw({ type: 'LINE_ADDED', schemaVersion: 1, payload: { sku: 'apple', qty: 0 } })),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(issuesOf(error)).toEqual(['payload.quantity']);
  });

  it('turns an upcaster that chokes on stored data into a ValidationError', () => {
    const error = thrownBy(() => events.parse(raw({ type: 'LINE_ADDED', schemaVersion: 1, payload: null })));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(
      /LINE_ADDED.*payload: cannot upcast from schema version 1/,
    );
    expect((error as ValidationError).cause).toBeInstanceOf(TypeError);
  });

  it('refuses a schema version newer than the code knows', () => {
    const error = thrownBy(() => events.parse(raw({ schemaVersion: 2 })));
    expect(error).toBeInstanceOf(ValidationError);
    expect(issuesOf(error)).toEqual(['schemaVersion']);
  });

  it('names the failing payload field, with array indexes', () => {
    const Order = defineEvent({
      type: 'BASKET_FILLED',
      aggregateType: 'cart',
      payload: z.strictObject({ items: z.array(z.strictObject({ quantity: z.int().min(1) })) }),
    });
    const error = thrownBy(() =>
      createRegistry([Order]).parse(
        raw({ type: 'BASKET_FILLED', payload: { items: [{ quantity: 1 }, { quantity: 0 }] } }),
      ),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(issuesOf(error)).toEqual(['payload.items.1.quantity']);
    expect((error as ValidationError).subject).toBe('BASKET_FILLED');
    expect((error as ValidationError).message).toContain('payload.items.1.quantity');
  });

  it('names every failing envelope field at once', () => {
    const error = thrownBy(() =>
      events.parse(
        raw({ version: 0, metadata: { correlationId: '' }, payload: { sku: 'apple', quantity: 2 } }),
      ),
    );
    expect(issuesOf(error)).toEqual(
      expect.arrayContaining(['version', 'metadata.correlationId', 'metadata.causationId']),
    );
  });

  it('names an unknown payload key by its path', () => {
    const error = thrownBy(() =>
      events.parse(raw({ payload: { sku: 'apple', quantity: 2, price: 1, x: 1 } })),
    );
    expect(issuesOf(error)).toEqual(['payload.x']);
    expect((error as ValidationError).message).toMatch(/payload\.x: is not allowed/);
  });

  it('rejects unknown envelope keys', () => {
    expect(issuesOf(thrownBy(() => events.parse(raw({ extra: true }))))).toEqual(['extra']);
  });

  it('throws UnknownEventTypeError for a type it does not hold', () => {
    const error = thrownBy(() => events.parse(raw({ type: 'ITEM_STOLEN' })));
    expect(error).toBeInstanceOf(UnknownEventTypeError);
    expect((error as UnknownEventTypeError).type).toBe('ITEM_STOLEN');
    expect((error as UnknownEventTypeError).code).toBe('UNKNOWN_MESSAGE_TYPE');
  });

  it.each([null, 42, 'ITEM_ADDED', [], { payload: {} }, { type: 7 }])(
    'throws a ValidationError on `type` for %j',
    (input) => {
      const error = thrownBy(() => events.parse(input));
      expect(error).toBeInstanceOf(ValidationError);
      expect(issuesOf(error)).toEqual(['type']);
    },
  );

  it('refuses an envelope whose aggregateType does not match the definition', () => {
    expect(issuesOf(thrownBy(() => events.parse(raw({ aggregateType: 'order' }))))).toEqual([
      'aggregateType',
    ]);
  });

  it('parses commands (no stream version) in a command registry', () => {
    const commands = createRegistry([AddItem]);
    const { version: _version, ...command } = raw({ type: 'ADD_ITEM' });
    expect(commands.parse(command)).toEqual(command);
    expect(issuesOf(thrownBy(() => commands.parse(raw({ type: 'ADD_ITEM' }))))).toEqual(['version']);
  });

  it('looks definitions up by type', () => {
    expect(events.get('ITEM_ADDED')).toBe(ItemAdded);
    expect(events.get('NOPE')).toBeUndefined();
    expect(events.definitions).toEqual([ItemAdded, ItemRemoved, LineAdded]);
  });

  it('refuses duplicate types and mixed kinds', () => {
    expect(() => createRegistry([ItemAdded, ItemAdded])).toThrow(/Duplicate message type ITEM_ADDED/);
    expect(() => createRegistry([ItemAdded, AddItem])).toThrow(/either events or commands/);
  });
});
