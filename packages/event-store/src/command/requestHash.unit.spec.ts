import { describe, expect, it } from 'vitest';
import { requestHash } from './requestHash.js';

describe('requestHash', () => {
  it('ignores key order and tells different requests apart', () => {
    expect(requestHash({ a: 1, b: { c: [1, { d: 2, e: 3 }] } })).toBe(
      requestHash({ b: { c: [1, { e: 3, d: 2 }] }, a: 1 }),
    );
    expect(requestHash({ a: 1 })).not.toBe(requestHash({ a: 2 }));
    expect(requestHash([1, 2])).not.toBe(requestHash([2, 1]));
  });
});
