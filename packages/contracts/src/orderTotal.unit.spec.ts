import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { limits } from './fields.js';
import { orderTotal } from './orderTotal.js';

const item = fc.record({
  sku: fc.constant('S'),
  quantity: fc.integer(limits.quantity),
  unitPrice: fc.integer(limits.unitPrice),
});

describe('orderTotal', () => {
  it('sums quantity x unitPrice', () => {
    expect(orderTotal([])).toBe(0);
    expect(
      orderTotal([
        { quantity: 2, unitPrice: 1250 },
        { quantity: 1, unitPrice: 99 },
      ]),
    ).toBe(2599);
  });

  it('is exact at the largest possible order', () => {
    const max = { quantity: limits.quantity.max, unitPrice: limits.unitPrice.max };
    expect(orderTotal(Array.from({ length: limits.itemsPerOrder.max }, () => max))).toBe(10_000_000_000_000);
  });

  it('is an exact integer, additive over concatenation, whatever the order of items (property)', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 100 }), fc.array(item, { maxLength: 100 }), (a, b) => {
        const total = orderTotal([...a, ...b]);
        expect(Number.isSafeInteger(total)).toBe(true);
        expect(total).toBe(orderTotal(a) + orderTotal(b));
        expect(orderTotal([...b, ...a])).toBe(total);
      }),
    );
  });
});
