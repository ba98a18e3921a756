import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { uuidFromName } from './uuidFromName.js';

describe('uuidFromName', () => {
  it('gives the same valid version-8 UUID for the same name', () =>
    fc.assert(
      fc.property(fc.string(), (name) => {
        const id = uuidFromName(name);
        expect(uuidFromName(name)).toBe(id);
        expect(z.uuid().safeParse(id).success).toBe(true);
        expect(id[14]).toBe('8');
        expect('89ab').toContain(id[19]);
      }),
    ));

  it('gives different ids for different names', () => {
    expect(uuidFromName('saga:o-1:pay-1')).not.toBe(uuidFromName('saga:o-1:pay-2'));
  });
});
