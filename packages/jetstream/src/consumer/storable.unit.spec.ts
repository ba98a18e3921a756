import { describe, expect, it } from 'vitest';
import { storable } from './storable.js';

describe('storable', () => {
  it('replaces NUL characters in strings, keys and nested values, and keeps everything else', () => {
    expect(storable({ 'a\u0000': ['x\u0000y', 1, null, { b: 'ok' }] })).toEqual({
      'a\uFFFD': ['x\uFFFDy', 1, null, { b: 'ok' }],
    });
    expect(storable('plain')).toBe('plain');
  });
});
