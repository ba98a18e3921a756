import { isValidationError } from '@causeway/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  comparePositions,
  formatPosition,
  maxPosition,
  parsePosition,
  positionParts,
  START,
} from './position.js';

const xid = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
const seq = fc.bigInt({ min: 0n, max: 2n ** 63n - 1n });

describe('positions', () => {
  it('format as two zero-padded 20-digit numbers', () => {
    expect(formatPosition('742', 1234n)).toBe('00000000000000000742-00000000000000001234');
    expect(START).toBe('00000000000000000000-00000000000000000000');
  });

  it('round-trip through parse and parts', () => {
    fc.assert(
      fc.property(xid, seq, (t, s) => {
        const position = parsePosition(formatPosition(t, s));
        expect(positionParts(position)).toEqual({ transactionId: t.toString(), seq: s.toString() });
      }),
    );
  });

  it('compare like (transaction id, sequence) pairs, transaction id first', () => {
    fc.assert(
      fc.property(xid, seq, xid, seq, (t1, s1, t2, s2) => {
        const expected = t1 === t2 ? (s1 === s2 ? 0 : s1 < s2 ? -1 : 1) : t1 < t2 ? -1 : 1;
        expect(comparePositions(formatPosition(t1, s1), formatPosition(t2, s2))).toBe(expected);
      }),
    );
    expect(comparePositions(formatPosition(9, 1), formatPosition(10, 0))).toBe(-1);
  });

  it('refuses malformed tokens with an error naming the field', () => {
    for (const bad of ['', '742-1234', `${'9'.repeat(20)}-${'0'.repeat(20)}`, 'abc', 42, undefined]) {
      let error: unknown;
      try {
        parsePosition(bad, 'minPosition');
      } catch (caught) {
        error = caught;
      }
      expect(isValidationError(error)).toBe(true);
      expect((error as Error).message).toContain('minPosition');
    }
  });

  it('maxPosition treats undefined as before everything', () => {
    const a = formatPosition(5, 1);
    const b = formatPosition(5, 2);
    expect(maxPosition(undefined, a)).toBe(a);
    expect(maxPosition(b, a)).toBe(b);
    expect(maxPosition(a, undefined)).toBe(a);
  });
});
