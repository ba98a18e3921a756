import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db.js';
import type { StoredEvent } from '../eventStore.js';
import { comparePositions, type Position } from '../position.js';
import { newTestEvent } from '../testing/newTestEvent.js';
import { createTestEventStore, type TestEventStore } from '../testing/testEventStore.js';

// PostgreSQL only: PGlite is a single connection, so it has no concurrent writers to order.
const WRITERS = 8;
const APPENDS_PER_WRITER = 2000;
const STREAMS = 6;

class RolledBack extends Error {}

/**
 * Reads until `done()` holds and the reader has seen as many events as the table holds (an empty
 * page alone proves nothing: a write transaction open anywhere on the cluster holds the horizon
 * back for a while), or the deadline passes.
 */
const tail = async (t: TestEventStore, seen: StoredEvent[], done: () => boolean, deadlineMs: number) => {
  let after: Position | undefined;
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    const finished = done();
    const page = await t.store.readAll({ ...(after ? { after } : {}), limit: 500 });
    seen.push(...page);
    after = page.at(-1)?.position ?? after;
    if (finished && page.length === 0 && seen.length >= (await storedCount(t))) return;
    if (page.length === 0) await new Promise((resolve) => setImmediate(resolve));
  }
};

const storedCount = async (t: TestEventStore): Promise<number> =>
  (
    await queryRows<{ n: number }>(
      t.store.db,
      sql`SELECT count(*)::int AS n FROM events`,
      'test_count_events',
    )
  )[0]?.n ?? 0;

describe('global order under concurrent writers (postgres)', () => {
  let t: TestEventStore;
  beforeAll(async () => {
    t = await createTestEventStore('postgres', { label: 'order', max: WRITERS + 2 });
  });
  afterAll(() => t?.close());

  it('a tailing reader sees every committed event once, no rolled-back one, each stream in version order', async () => {
    const committed = new Set<string>();
    const rolledBack = new Set<string>();
    let writing = WRITERS;
    const writer = async (w: number) => {
      for (let i = 0; i < APPENDS_PER_WRITER; i++) {
        const aggregateId = String((w + i) % STREAMS);
        const events = Array.from({ length: 1 + (i % 3) }, () =>
          newTestEvent({ aggregateId, payload: { w, i } }),
        );
        if (w % 2 === 1) {
          // Plain appends: these share batched calls (several streams' locks in one transaction).
          await t.store.append(`test-${aggregateId}`, events);
          for (const e of events) committed.add(e.id);
          continue;
        }
        const rollback = Math.random() < 0.1;
        try {
          await t.store.transaction(async (tx) => {
            // Sleeps before and after the append, so transactions overlap and commit out of
            // transaction id order, and some hold a stream lock while others wait for it.
            await tx.execute(sql`SELECT pg_sleep(${Math.random() * 0.001})`);
            await t.store.within(tx).append(`test-${aggregateId}`, events);
            await tx.execute(sql`SELECT pg_sleep(${Math.random() * 0.0005})`);
            if (rollback) throw new RolledBack();
          });
          for (const e of events) committed.add(e.id);
        } catch (error) {
          if (!(error instanceof RolledBack)) throw error;
          for (const e of events) rolledBack.add(e.id);
        }
      }
    };
    const seen: StoredEvent[] = [];
    const writers = Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w))).finally(() => {
      writing = 0;
    });
    await Promise.all([writers, tail(t, seen, () => writing === 0, 60_000)]);

    const ids = seen.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => rolledBack.has(id))).toEqual([]);
    expect(ids.length).toBe(committed.size);
    expect(ids.every((id) => committed.has(id))).toBe(true);
    expect(rolledBack.size).toBeGreaterThan(0);
    for (let i = 1; i < seen.length; i++) {
      expect(comparePositions((seen[i - 1] as StoredEvent).position, (seen[i] as StoredEvent).position)).toBe(
        -1,
      );
    }
    const lastVersion = new Map<string, number>();
    for (const event of seen) {
      const previous = lastVersion.get(event.aggregateId) ?? 0;
      if (event.version !== previous + 1) {
        throw new Error(`stream ${event.aggregateId}: version ${event.version} read after ${previous}`);
      }
      lastVersion.set(event.aggregateId, event.version);
    }
  }, 90_000);

  it('a reader waits for a transaction held open instead of skipping past it', async () => {
    const first = await t.store.append('test-held', [newTestEvent({ aggregateId: 'held' })]);
    const held = newTestEvent({ aggregateId: 'held' });
    const later = newTestEvent({ aggregateId: 'later' });
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let holding: () => void = () => {};
    const isHolding = new Promise<void>((resolve) => {
      holding = resolve;
    });
    const open = t.store.transaction(async (tx) => {
      await t.store.within(tx).append('test-held', [held]);
      holding();
      await released;
    });
    await isHolding;
    // Commits after the held transaction took its id: its position is later than `held`'s.
    await t.store.append('test-later', [later]);
    const holdUntil = Date.now() + 2_000;
    let reads = 0;
    while (Date.now() < holdUntil) {
      expect(await t.store.readAll({ after: first.position })).toEqual([]);
      expect(await t.store.headPosition()).toBe(first.position);
      reads++;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(reads).toBeGreaterThan(5);
    release();
    await open;
    const deadline = Date.now() + 15_000;
    let page: StoredEvent[] = [];
    while (page.length < 2 && Date.now() < deadline) page = await t.store.readAll({ after: first.position });
    expect(page.map((e) => e.id)).toEqual([held.id, later.id]);
  });
});
