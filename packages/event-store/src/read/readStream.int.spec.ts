import { createRegistry, defineEvent, isValidationError } from '@causeway/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { newTestEvent } from '../testing/newTestEvent.js';
import { createTestEventStore, type TestEventStore } from '../testing/testEventStore.js';

// v1 stored `{ name }`; v2 is `{ first, last }`.
const renamed = defineEvent({
  type: 'TEST_RENAMED',
  aggregateType: 'test',
  schemaVersion: 2,
  payload: z.strictObject({ first: z.string(), last: z.string() }),
  upcasters: {
    1: (old: { name: string }) => {
      const [first = '', last = ''] = old.name.split(' ');
      return { first, last };
    },
  },
});
const registry = createRegistry([renamed]);

describe.each(['postgres', 'pglite'] as const)('readStream (%s)', (driver) => {
  let t: TestEventStore;
  beforeAll(async () => {
    t = await createTestEventStore(driver, { label: 'readstream', registry });
  });
  afterAll(() => t?.close());

  it('reports version 0 and no events for a missing stream', async () => {
    expect(await t.store.readStream('test-missing')).toEqual({ events: [], streamVersion: 0 });
  });

  it('reads from a version, up to a limit, with the current stream version', async () => {
    const events = Array.from({ length: 10 }, (_, i) =>
      newTestEvent({
        aggregateId: 'r',
        type: 'TEST_RENAMED',
        schemaVersion: 2,
        payload: { first: `${i}`, last: '' },
      }),
    );
    await t.store.append('test-r', events);
    const page = await t.store.readStream('test-r', { fromVersion: 4, limit: 3 });
    expect(page.streamVersion).toBe(10);
    expect(page.events.map((e) => e.version)).toEqual([4, 5, 6]);
    expect(page.events.map((e) => e.id)).toEqual(events.slice(3, 6).map((e) => e.id));
    expect(await t.store.readStream('test-r', { fromVersion: 11 })).toEqual({
      events: [],
      streamVersion: 10,
    });
  });

  it("upcasts old payloads through the store's registry; readAll returns them as stored", async () => {
    const old = newTestEvent({
      aggregateId: 'u',
      type: 'TEST_RENAMED',
      schemaVersion: 1,
      payload: { name: 'Ada Lovelace' },
    });
    const current = newTestEvent({
      aggregateId: 'u',
      type: 'TEST_RENAMED',
      schemaVersion: 2,
      payload: { first: 'Grace', last: 'Hopper' },
    });
    const { position } = await t.store.append('test-u', [old, current]);
    const upcast = await t.store.readStream('test-u');
    expect(upcast.events.map((e) => [e.schemaVersion, e.payload, e.version])).toEqual([
      [2, { first: 'Ada', last: 'Lovelace' }, 1],
      [2, { first: 'Grace', last: 'Hopper' }, 2],
    ]);
    expect(upcast.events[1]?.position).toBe(position);
    const stored = (await t.store.readAll({ limit: 1000 })).filter((e) => e.aggregateId === 'u');
    expect(stored.map((e) => [e.schemaVersion, e.payload])).toEqual([
      [1, { name: 'Ada Lovelace' }],
      [2, { first: 'Grace', last: 'Hopper' }],
    ]);
  });

  it('refuses a malformed stream id or range', async () => {
    for (const run of [
      () => t.store.readStream('no spaces allowed'),
      () => t.store.readStream('test-r', { fromVersion: 0 }),
      () => t.store.readStream('test-r', { limit: -1 }),
    ]) {
      expect(isValidationError(await run().catch((e: unknown) => e))).toBe(true);
    }
  });
});
