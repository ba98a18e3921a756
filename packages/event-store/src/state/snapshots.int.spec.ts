import { isValidationError } from '@causeway/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEventStore, type TestEventStore } from '../testing/testEventStore.js';

describe.each(['postgres', 'pglite'] as const)('snapshots (%s)', (driver) => {
  let t: TestEventStore;
  beforeAll(async () => {
    t = await createTestEventStore(driver, { label: 'snapshots' });
  });
  afterAll(() => t?.close());

  it('returns nothing before a snapshot is saved', async () => {
    expect(await t.store.loadSnapshot('test-s0', 1)).toBeUndefined();
  });

  it('loads the newest snapshot of the asked state schema version only', async () => {
    await t.store.saveSnapshot('test-s1', { state: { total: 5 }, version: 5, schemaVersion: 1 });
    expect(await t.store.loadSnapshot('test-s1', 1)).toEqual({
      state: { total: 5 },
      version: 5,
      schemaVersion: 1,
    });
    // Newer code with another state schema must not trust it.
    expect(await t.store.loadSnapshot('test-s1', 2)).toBeUndefined();
    await t.store.saveSnapshot('test-s1', { state: { sum: 9 }, version: 9, schemaVersion: 2 });
    expect(await t.store.loadSnapshot('test-s1', 2)).toEqual({
      state: { sum: 9 },
      version: 9,
      schemaVersion: 2,
    });
    expect((await t.store.loadSnapshot('test-s1', 1))?.version).toBe(5);
  });

  it('never replaces a snapshot with an older one', async () => {
    await t.store.saveSnapshot('test-s2', { state: 'v8', version: 8, schemaVersion: 1 });
    await t.store.saveSnapshot('test-s2', { state: 'v3', version: 3, schemaVersion: 1 });
    expect(await t.store.loadSnapshot('test-s2', 1)).toMatchObject({ state: 'v8', version: 8 });
    await t.store.saveSnapshot('test-s2', { state: 'v12', version: 12, schemaVersion: 1 });
    expect(await t.store.loadSnapshot('test-s2', 1)).toMatchObject({ state: 'v12', version: 12 });
  });

  it('refuses a snapshot without a valid version or state', async () => {
    for (const snapshot of [
      { state: {}, version: 0, schemaVersion: 1 },
      { state: {}, version: 1, schemaVersion: 0 },
      { state: undefined, version: 1, schemaVersion: 1 },
    ]) {
      const error = await t.store.saveSnapshot('test-s3', snapshot).catch((e: unknown) => e);
      expect(isValidationError(error)).toBe(true);
    }
  });
});
