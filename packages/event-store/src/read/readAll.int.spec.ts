import { isValidationError } from '@causeway/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../eventStore.js';
import { START } from '../position.js';
import { newTestEvent } from '../testing/newTestEvent.js';
import { createTestEventStore, type TestEventStore } from '../testing/testEventStore.js';

describe.each(['postgres', 'pglite'] as const)('readAll, streamAll, headPosition (%s)', (driver) => {
  let t: TestEventStore;
  const appended: string[] = [];
  beforeAll(async () => {
    t = await createTestEventStore(driver, { label: 'readall' });
  });
  afterAll(() => t?.close());

  it('has no head and no events while the log is empty', async () => {
    expect(await t.store.headPosition()).toBeUndefined();
    expect(await t.store.readAll()).toEqual([]);
    expect(await t.store.readAll({ after: START })).toEqual([]);
  });

  it('reads in append order across streams, after a position, up to a limit', async () => {
    for (let i = 0; i < 30; i++) {
      const batch = [
        newTestEvent({ aggregateId: String(i % 3), payload: { i } }),
        newTestEvent({ aggregateId: String(i % 3) }),
      ];
      await t.store.append(`test-${i % 3}`, batch);
      appended.push(...batch.map((e) => e.id));
    }
    const all = await t.store.readAll({ limit: 1000 });
    expect(all.map((e) => e.id)).toEqual(appended);
    expect(await t.store.headPosition()).toBe(all.at(-1)?.position);
    const page = await t.store.readAll({ after: (all[9] as StoredEvent).position, limit: 5 });
    expect(page.map((e) => e.id)).toEqual(appended.slice(10, 15));
    expect(await t.store.readAll({ after: all.at(-1)?.position })).toEqual([]);
  });

  it('streams everything page by page, and picks up events appended while it runs', async () => {
    const ids: string[] = [];
    let appendedMidway = '';
    for await (const event of t.store.streamAll({ batchSize: 7 })) {
      ids.push(event.id);
      if (ids.length === 1) {
        const late = newTestEvent({ aggregateId: 'late' });
        await t.store.append('test-late', [late]);
        appendedMidway = late.id;
      }
    }
    // The iterator had read one page when the event was appended: it fetches the next page only
    // when the current one is used up, so memory holds one page, not the log.
    expect(ids).toEqual([...appended, appendedMidway]);
    const limited: string[] = [];
    for await (const event of t.store.streamAll({ after: START, batchSize: 4, limit: 10 }))
      limited.push(event.id);
    expect(limited).toEqual(appended.slice(0, 10));
  });

  it('refuses a malformed position or limit, naming it', async () => {
    await expect(t.store.readAll({ after: 'yesterday' as never })).rejects.toThrow(/after/);
    const error = await t.store.readAll({ limit: 0 }).catch((e: unknown) => e);
    expect(isValidationError(error)).toBe(true);
  });
});
