import { describe, expect, it } from 'vitest';
import { type BreakingChange, findBreakingChanges } from './compatibility.js';
import type { JsonSchema } from './messageJsonSchema.js';

const object = (properties: Record<string, JsonSchema>, required: string[], strict = true): JsonSchema => ({
  type: 'object',
  properties,
  required,
  ...(strict ? { additionalProperties: false } : {}),
});

const str = (): JsonSchema => ({ type: 'string', minLength: 1, maxLength: 64 });
const qty: JsonSchema = { type: 'integer', minimum: 1, maximum: 1000 };
const status: JsonSchema = { type: 'string', enum: ['PENDING', 'CONFIRMED'] };
const item = object({ sku: str(), quantity: qty }, ['sku', 'quantity']);
const base = object(
  { customerId: str(), status, items: { type: 'array', minItems: 1, maxItems: 100, items: item } },
  ['customerId', 'items'],
);

// biome-ignore lint/suspicious/noExplicitAny: the tests edit arbitrary JSON in place.
type Json = any;

/** `base` with `edit` applied to a deep copy. */
const changed = (edit: (schema: Json) => void): JsonSchema => {
  const copy = structuredClone(base);
  edit(copy);
  return copy;
};

const reasons = (changes: BreakingChange[]) => changes.map((c) => `${c.path}: ${c.reason}`);

describe('findBreakingChanges: compatible changes', () => {
  it.each<[string, (s: Json) => void]>([
    ['nothing changed', () => undefined],
    ['a description added', (s) => (s.properties.customerId.description = 'who orders')],
    ['a new optional field', (s) => (s.properties.note = { type: 'string' })],
    ['a required field made optional', (s) => (s.required = ['items'])],
    ['an enum value added', (s) => s.properties.status.enum.push('CANCELLED')],
    ['a bound widened', (s) => (s.properties.items.items.properties.quantity.maximum = 5000)],
    ['a lower bound dropped', (s) => delete s.properties.customerId.minLength],
    ['integer widened to number', (s) => (s.properties.items.items.properties.quantity.type = 'number')],
    ['strictness loosened', (s) => delete s.additionalProperties],
    ['nested strictness loosened', (s) => (s.properties.items.items.additionalProperties = true)],
    ['a field made nullable', (s) => (s.properties.customerId = { anyOf: [str(), { type: 'null' }] })],
    ['an enum opened to any string', (s) => delete s.properties.status.enum],
  ])('%s', (_name, edit) => {
    expect(reasons(findBreakingChanges(base, changed(edit)))).toEqual([]);
  });

  it('accepts a fixed value opened to an enum that holds it', () => {
    expect(findBreakingChanges({ type: 'string', const: 'A' }, { type: 'string', enum: ['A', 'B'] })).toEqual(
      [],
    );
  });

  it('accepts a new rendering of the pattern of an unchanged format', () => {
    const uuid = (pattern: string) => ({ type: 'string', format: 'uuid', pattern });
    expect(findBreakingChanges(uuid('^[0-9a-f-]{36}$'), uuid('^[0-9a-fA-F-]{36}$'))).toEqual([]);
    expect(
      reasons(findBreakingChanges(uuid('^x$'), { type: 'string', format: 'email', pattern: '^x$' })),
    ).toEqual([': format changed from "uuid" to "email"']);
  });

  it('accepts the same union written in another order', () => {
    const before = { anyOf: [{ type: 'string' }, { type: 'null' }] };
    expect(findBreakingChanges(before, { anyOf: [{ type: 'null' }, { type: 'string' }] })).toEqual([]);
  });
});

describe('findBreakingChanges: breaking changes', () => {
  it.each<[string, (s: Json) => void, string[]]>([
    ['a field removed', (s) => delete s.properties.status, ['status: field removed']],
    [
      'a nested field removed',
      (s) => delete s.properties.items.items.properties.sku,
      ['items[].sku: field removed'],
    ],
    [
      'a field retyped',
      (s) => (s.properties.customerId = { type: 'integer' }),
      ['customerId: retyped from string to integer'],
    ],
    [
      'number narrowed to integer',
      (s) => (s.properties.customerId = { type: 'number' }),
      ['customerId: retyped from string to number'],
    ],
    [
      'a new required field',
      (s) => {
        s.properties.currency = { type: 'string' };
        s.required.push('currency');
      },
      ['currency: new required field'],
    ],
    [
      'an optional field made required',
      (s) => s.required.push('status'),
      ['status: optional field made required'],
    ],
    [
      'an enum value removed',
      (s) => (s.properties.status.enum = ['PENDING']),
      ['status: enum value "CONFIRMED" removed'],
    ],
    [
      'a bound tightened',
      (s) => (s.properties.items.items.properties.quantity.maximum = 10),
      ['items[].quantity: maximum tightened from 1000 to 10'],
    ],
    [
      'a lower bound added',
      (s) => (s.properties.items.minItems = 2),
      ['items: minItems tightened from 1 to 2'],
    ],
    [
      'a pattern added',
      (s) => (s.properties.customerId.pattern = '^c-'),
      ['customerId: pattern changed from undefined to "^c-"'],
    ],
    [
      'a constant changed',
      (s) => (s.properties.customerId = { type: 'string', const: 'x' }),
      ['customerId: value fixed to "x" (was undefined)'],
    ],
  ])('%s', (_name, edit, expected) => {
    expect(reasons(findBreakingChanges(base, changed(edit)))).toEqual(expected);
  });

  it('an open object made strict', () => {
    const open = object({ a: str() }, ['a'], false);
    expect(reasons(findBreakingChanges(open, object({ a: str() }, ['a'])))).toEqual([
      ': unknown fields are now rejected (object made strict)',
    ]);
  });

  it('a nullable field made non-null', () => {
    const before = object({ a: { anyOf: [str(), { type: 'null' }] } }, ['a']);
    expect(reasons(findBreakingChanges(before, object({ a: str() }, ['a'])))).toEqual([
      'a: retyped from null to string',
    ]);
  });

  it('a union member dropped from a wider union', () => {
    const before = { anyOf: [{ type: 'string' }, { type: 'integer' }, { type: 'null' }] };
    const after = { anyOf: [{ type: 'string' }, { type: 'null' }] };
    expect(reasons(findBreakingChanges(before, after))).toEqual([
      ': union member 1 ("integer") is no longer accepted',
    ]);
  });

  it('reports every break at once', () => {
    const after = changed((s) => {
      delete s.properties.status;
      s.properties.customerId.type = 'boolean';
    });
    expect(findBreakingChanges(base, after)).toHaveLength(2);
  });

  it('the direction matters: a widening read backwards is a narrowing', () => {
    const wider = changed((s) => s.properties.status.enum.push('CANCELLED'));
    expect(findBreakingChanges(base, wider)).toEqual([]);
    expect(reasons(findBreakingChanges(wider, base))).toEqual(['status: enum value "CANCELLED" removed']);
  });
});
