import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { customerId, entityId, limits, money, orderItem, orderItems, reason, sku } from './fields.js';

const item = { sku: 'SKU-1', quantity: 1, unitPrice: 0 };
const accepts = (schema: z.ZodType, value: unknown) => schema.safeParse(value).success;
const failingPaths = (schema: z.ZodType, value: unknown) =>
  schema.safeParse(value).error?.issues.map((i) => i.path.join('.'));

describe('field limits', () => {
  it.each([
    ['sku', sku, ['a', 'A.b_c-9', 'x'.repeat(64)], ['', 'x'.repeat(65), 'a b', 'a/b', 'é', 7]],
    ['customerId', customerId, ['c', 'c'.repeat(64), 'customer 1 é'], ['', 'c'.repeat(65), null]],
    ['reason', reason, ['r', 'r'.repeat(500)], ['', 'r'.repeat(501)]],
    ['money', money, [0, 1, 10_000_000_000_000], [-1, 1.5, '10', Number.NaN, 2 ** 53]],
    ['entityId', entityId, ['0190a-b_c', 'x'.repeat(128)], ['', 'x'.repeat(129), 'a.b', 'a b']],
  ])('%s accepts its edge values and refuses what lies past them', (_name, schema, valid, invalid) => {
    for (const value of valid) expect(accepts(schema, value), JSON.stringify(value)).toBe(true);
    for (const value of invalid) expect(accepts(schema, value), JSON.stringify(value)).toBe(false);
  });

  it('an item: quantity an integer 1-1000, unitPrice an integer 0-100,000,000', () => {
    const { quantity, unitPrice } = limits;
    for (const q of [quantity.min, quantity.max])
      expect(accepts(orderItem, { ...item, quantity: q })).toBe(true);
    for (const p of [unitPrice.min, unitPrice.max])
      expect(accepts(orderItem, { ...item, unitPrice: p })).toBe(true);
    expect(failingPaths(orderItem, { ...item, quantity: 0 })).toEqual(['quantity']);
    expect(failingPaths(orderItem, { ...item, quantity: 1001 })).toEqual(['quantity']);
    expect(failingPaths(orderItem, { ...item, quantity: 2.5 })).toEqual(['quantity']);
    expect(failingPaths(orderItem, { ...item, unitPrice: -1 })).toEqual(['unitPrice']);
    expect(failingPaths(orderItem, { ...item, unitPrice: 100_000_001 })).toEqual(['unitPrice']);
    expect(failingPaths(orderItem, { ...item, unitPrice: 9.99 })).toEqual(['unitPrice']);
  });

  it('an item is strict: unknown keys are refused', () => {
    expect(accepts(orderItem, { ...item, discount: 5 })).toBe(false);
  });

  it('an order holds 1 to 100 items', () => {
    expect(accepts(orderItems, [item])).toBe(true);
    expect(
      accepts(
        orderItems,
        Array.from({ length: 100 }, () => item),
      ),
    ).toBe(true);
    expect(failingPaths(orderItems, [])).toEqual(['']);
    expect(
      failingPaths(
        orderItems,
        Array.from({ length: 101 }, () => item),
      ),
    ).toEqual(['']);
    expect(failingPaths(orderItems, [item, { ...item, quantity: 0 }])).toEqual(['1.quantity']);
  });
});
