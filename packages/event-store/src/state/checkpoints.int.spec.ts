import { isValidationError } from '@causeway/kernel';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db.js';
import { CheckpointMovedError } from '../errors/checkpointMovedError.js';
import { formatPosition } from '../position.js';
import { createTestEventStore, type TestEventStore } from '../testing/testEventStore.js';

describe.each(['postgres', 'pglite'] as const)('checkpoints (%s)', (driver) => {
  let t: TestEventStore;
  const rows = async () =>
    (await queryRows<{ n: number }>(t.store.db, sql`SELECT n FROM projection ORDER BY n`)).map((r) => r.n);
  beforeAll(async () => {
    t = await createTestEventStore(driver, { label: 'checkpoints' });
    await t.store.db.execute(sql`CREATE TABLE projection (n integer NOT NULL)`);
  });
  afterAll(() => t?.close());

  it('applies the writes and moves the checkpoint together; skips positions at or before it', async () => {
    expect(await t.store.readCheckpoint('p1')).toBeUndefined();
    const apply = (n: number, position = formatPosition(100, n)) =>
      t.store.withCheckpoint('p1', position, async (tx) => {
        await tx.execute(sql`INSERT INTO projection VALUES (${n})`);
        return n;
      });
    expect(await apply(1)).toEqual({ applied: true, result: 1 });
    expect(await t.store.readCheckpoint('p1')).toBe(formatPosition(100, 1));
    expect(await apply(1)).toEqual({ applied: false });
    expect(await apply(2)).toEqual({ applied: true, result: 2 });
    // Same sequence number, earlier transaction: before the checkpoint, so skipped.
    expect(await apply(3, formatPosition(99, 3))).toEqual({ applied: false });
    expect(await apply(3, formatPosition(101, 0))).toEqual({ applied: true, result: 3 });
    expect(await rows()).toEqual([1, 2, 3]);
    expect(await t.store.readCheckpoint('p1')).toBe(formatPosition(101, 0));
  });

  it('rolls back both the writes and the checkpoint when the handler fails', async () => {
    const before = await t.store.readCheckpoint('p1');
    await expect(
      t.store.withCheckpoint('p1', formatPosition(200, 1), async (tx) => {
        await tx.execute(sql`INSERT INTO projection VALUES (99)`);
        throw new Error('projection failed');
      }),
    ).rejects.toThrow('projection failed');
    expect(await t.store.readCheckpoint('p1')).toBe(before);
    expect(await rows()).not.toContain(99);
  });

  it('lets only one of two concurrent runners apply the same position', async () => {
    const run = () =>
      t.store.withCheckpoint('p2', formatPosition(300, 1), async (tx) => {
        await tx.execute(sql`SELECT pg_sleep(0.05)`);
        await tx.execute(sql`INSERT INTO projection VALUES (300)`);
      });
    const outcomes = await Promise.all([run(), run(), run()]);
    expect(outcomes.filter((o) => o.applied)).toHaveLength(1);
    expect((await rows()).filter((n) => n === 300)).toHaveLength(1);
  });

  it('starts at once on an assumed checkpoint, and rolls back when the assumption is wrong', async () => {
    const insert = (n: number) => async (tx: Parameters<Parameters<typeof t.store.withCheckpoint>[2]>[0]) => {
      await tx.execute(sql`INSERT INTO projection VALUES (${n})`);
      return n;
    };
    await t.store.withCheckpoint('p3', formatPosition(300, 1), insert(31));
    const right = { checkpoint: formatPosition(300, 1) };
    expect(await t.store.withCheckpoint('p3', formatPosition(300, 2), insert(32), right)).toEqual({
      applied: true,
      result: 32,
    });
    // Someone else moved it to (300, 2): the stale assumption writes nothing.
    const stale = { checkpoint: formatPosition(300, 1) };
    const attempt = t.store.withCheckpoint('p3', formatPosition(300, 3), insert(33), stale);
    await expect(attempt).rejects.toBeInstanceOf(CheckpointMovedError);
    await expect(attempt).rejects.toMatchObject({ actual: formatPosition(300, 2) });
    // No checkpoint at all, assumed as such.
    expect(
      await t.store.withCheckpoint('p4', formatPosition(400, 1), insert(41), { checkpoint: undefined }),
    ).toEqual({ applied: true, result: 41 });
    expect((await rows()).filter((n) => [31, 32, 33, 41].includes(n))).toEqual([31, 32, 41]);
    expect(await t.store.readCheckpoint('p3')).toBe(formatPosition(300, 2));
  });

  it('refuses a malformed subscriber or position before any SQL', async () => {
    for (const run of [
      () => t.store.withCheckpoint('', formatPosition(1, 1), async () => {}),
      () => t.store.withCheckpoint('p3', 'not-a-position' as never, async () => {}),
    ]) {
      expect(isValidationError(await run().catch((e: unknown) => e))).toBe(true);
    }
  });
});
