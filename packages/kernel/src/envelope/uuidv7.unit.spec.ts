import { beforeEach, describe, expect, it, vi } from 'vitest';

// The generator keeps per-process state; each test gets a fresh module so times do not leak.
let uuidv7: (now?: number) => string;
beforeEach(async () => {
  vi.resetModules();
  ({ uuidv7 } = await import('./uuidv7.js'));
});

const shape = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/;
const millisOf = (id: string) => Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16);

const expectStrictlyIncreasing = (ids: readonly string[]) => {
  for (let i = 1; i < ids.length; i++) {
    if (!((ids[i - 1] as string) < (ids[i] as string))) {
      expect.fail(`id ${i} (${ids[i]}) does not sort after ${ids[i - 1]}`);
    }
  }
};

describe('uuidv7', () => {
  it('is version 7, variant 10 (RFC 9562)', () => {
    for (let i = 0; i < 1000; i++) {
      const id = uuidv7();
      expect(id).toMatch(shape);
      expect(id[14]).toBe('7');
      expect('89ab').toContain(id[19]);
    }
  });

  it('encodes the Unix time in milliseconds in its first 48 bits', () => {
    const now = Date.UTC(2031, 4, 6, 7, 8, 9, 123);
    expect(millisOf(uuidv7(now))).toBe(now);
    expect(
      uuidv7(now).startsWith(
        now
          .toString(16)
          .padStart(12, '0')
          .replace(/^(.{8})/, '$1-'),
      ),
    ).toBe(true);
  });

  it('is strictly increasing within a process, many per millisecond', () => {
    const ids = Array.from({ length: 20_000 }, () => uuidv7());
    expectStrictlyIncreasing(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('draws fresh random bits for every id, across refills of its entropy pool', () => {
    const tails = Array.from({ length: 2_000 }, () => uuidv7(0).slice(19));
    expect(new Set(tails).size).toBe(tails.length);
  });

  it('stays increasing past 4096 ids in one millisecond, borrowing the next one', () => {
    const now = Date.UTC(2030, 0, 1);
    const ids = Array.from({ length: 10_000 }, () => uuidv7(now));
    expectStrictlyIncreasing(ids);
    expect(millisOf(ids[0] as string)).toBe(now);
    expect(millisOf(ids.at(-1) as string)).toBe(now + 2);
  });

  it('stays increasing when the clock goes backwards', () => {
    const now = Date.UTC(2030, 0, 1);
    const ids = [uuidv7(now), uuidv7(now - 5_000), uuidv7(now - 1), uuidv7(now + 1)];
    expectStrictlyIncreasing(ids);
    expect(millisOf(ids[1] as string)).toBe(now);
  });
});
