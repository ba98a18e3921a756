import { ConcurrencyError, isValidationError } from '@causeway/kernel';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventIdConflictError } from '../errors/eventIdConflictError.js';
import { EVENTS_CHANNEL } from '../notify.js';
import { comparePositions } from '../position.js';
import { newTestEvent } from '../testing/newTestEvent.js';
import { createTestEventStore, type TestEventStore } from '../testing/testEventStore.js';

const event = (aggregateId: string, payload: unknown = { n: 1 }) => newTestEvent({ aggregateId, payload });

describe.each(['postgres', 'pglite'] as const)('append (%s)', (driver) => {
  let t: TestEventStore;
  beforeAll(async () => {
    t = await createTestEventStore(driver, { label: 'append' });
  });
  afterAll(() => t?.close());

  it('assigns versions from 1 and returns the last version and position', async () => {
    const events = [event('a1', { n: 1 }), event('a1', { n: 2 }), event('a1', { n: 3 })];
    const result = await t.store.append('test-a1', events, { expectedVersion: 'noStream' });
    expect(result).toMatchObject({ nextVersion: 3, written: true });
    const read = await t.store.readStream('test-a1');
    expect(read.streamVersion).toBe(3);
    expect(read.events.map((e) => [e.id, e.version, e.payload])).toEqual(
      events.map((e, i) => [e.id, i + 1, e.payload]),
    );
    expect(read.events[2]?.position).toBe(result.position);
    expect(read.events[0]?.timestamp).toBe(new Date(events[0]?.timestamp as string).toISOString());
    expect(read.events[0]?.metadata).toEqual(events[0]?.metadata);
    const positions = read.events.map((e) => e.position);
    expect([...positions].sort(comparePositions)).toEqual(positions);
  });

  it('checks every kind of expected version and reports the actual one', async () => {
    const conflict = async (promise: Promise<unknown>) => {
      const error = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ConcurrencyError);
      return (error as ConcurrencyError).actualVersion;
    };
    expect(
      await conflict(t.store.append('test-e1', [event('e1')], { expectedVersion: 'streamExists' })),
    ).toBe(0);
    expect(await conflict(t.store.append('test-e1', [event('e1')], { expectedVersion: 2 }))).toBe(0);
    await t.store.append('test-e1', [event('e1')], { expectedVersion: 0 });
    expect(await conflict(t.store.append('test-e1', [event('e1')], { expectedVersion: 'noStream' }))).toBe(1);
    expect(await conflict(t.store.append('test-e1', [event('e1')], { expectedVersion: 0 }))).toBe(1);
    await t.store.append('test-e1', [event('e1')], { expectedVersion: 'streamExists' });
    await t.store.append('test-e1', [event('e1')], { expectedVersion: 2 });
    await t.store.append('test-e1', [event('e1')]);
    expect((await t.store.readStream('test-e1')).streamVersion).toBe(4);
  });

  it('lets exactly one of two writers with the same expected version win', async () => {
    await t.store.append('test-race', [event('race')]);
    for (let round = 1; round <= 10; round++) {
      const outcomes = await Promise.allSettled([
        t.store.append('test-race', [event('race')], { expectedVersion: round }),
        t.store.append('test-race', [event('race')], { expectedVersion: round }),
      ]);
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o) => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const error = (lost[0] as PromiseRejectedResult).reason as ConcurrencyError;
      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(error.actualVersion).toBe(round + 1);
    }
    expect((await t.store.readStream('test-race')).streamVersion).toBe(11);
  });

  it('returns the stored result for a re-append of the same events and writes nothing', async () => {
    const events = [event('i1'), event('i1')];
    const first = await t.store.append('test-i1', events, { expectedVersion: 'noStream' });
    await t.store.append('test-i1', [event('i1')]);
    const head = await t.store.headPosition();
    const retry = await t.store.append('test-i1', events, { expectedVersion: 'noStream' });
    expect(retry).toEqual({ ...first, written: false });
    expect(await t.store.headPosition()).toBe(head);
    expect((await t.store.readStream('test-i1')).streamVersion).toBe(3);
  });

  it('refuses a partial overlap or ids stored in another stream, writing nothing', async () => {
    const [a, b] = [event('o1'), event('o1')];
    await t.store.append('test-o1', [a]);
    const head = await t.store.headPosition();
    await expect(t.store.append('test-o1', [a, b])).rejects.toBeInstanceOf(EventIdConflictError);
    const moved = { ...a, aggregateId: 'o2' };
    await expect(t.store.append('test-o2', [moved])).rejects.toBeInstanceOf(EventIdConflictError);
    const laterMoved = { ...a, aggregateId: 'o3' };
    await expect(t.store.append('test-o3', [event('o3'), laterMoved])).rejects.toBeInstanceOf(
      EventIdConflictError,
    );
    expect(await t.store.headPosition()).toBe(head);
    expect((await t.store.readStream('test-o3')).streamVersion).toBe(0);
  });

  it('gives each of many concurrent appends its own outcome, even when one of them fails', async () => {
    const stored = event('b0');
    await t.store.append('test-b0', [stored]);
    // Batched together: appends to fresh streams, two racing on one stream, and one whose second
    // event's id is stored elsewhere (the database refuses the whole call; the batcher retries
    // its appends one by one).
    const outcomes = await Promise.allSettled([
      ...Array.from({ length: 8 }, (_, i) =>
        t.store.append(`test-b${i + 1}`, [event(`b${i + 1}`)], { expectedVersion: 'noStream' }),
      ),
      t.store.append('test-b0', [event('b0')], { expectedVersion: 1 }),
      t.store.append('test-b0', [event('b0')], { expectedVersion: 1 }),
      t.store.append('test-b9', [event('b9'), { ...stored, aggregateId: 'b9' }]),
    ]);
    const [fresh, race, bad] = [outcomes.slice(0, 8), outcomes.slice(8, 10), outcomes[10]];
    expect(fresh.every((o) => o.status === 'fulfilled')).toBe(true);
    expect(race.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect((race.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(
      ConcurrencyError,
    );
    expect((bad as PromiseRejectedResult).reason).toBeInstanceOf(EventIdConflictError);
    expect((await t.store.readStream('test-b9')).streamVersion).toBe(0);
    expect((await t.store.readStream('test-b0')).streamVersion).toBe(2);
  });

  it('appends inside a transaction, and rolls back with it', async () => {
    await expect(
      t.store.transaction(async (tx) => {
        await t.store.within(tx).append('test-tx1', [event('tx1')]);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect((await t.store.readStream('test-tx1')).streamVersion).toBe(0);
    const result = await t.store.transaction(async (tx) => {
      const appended = await t.store.within(tx).append('test-tx1', [event('tx1')]);
      await tx.execute(sql`SELECT pg_notify('unrelated', 'x')`);
      return appended;
    });
    expect(result.nextVersion).toBe(1);
  });

  it('refuses an append after another write in the same transaction', async () => {
    await t.store.db.execute(sql`CREATE TABLE side_effects (id int)`);
    await expect(
      t.store.transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO side_effects VALUES (1)`);
        await t.store.within(tx).append('test-tx2', [event('tx2')]);
      }),
    ).rejects.toThrow(/append must come before any other write/);
  });
});

describe('append validation', () => {
  it('refuses bad input before any SQL runs, naming the field', async () => {
    const t = await createTestEventStore('postgres', { label: 'validation' });
    await t.close();
    // The store is closed: any SQL would fail with a connection error, not a ValidationError.
    const good = event('v1');
    const cases: [string, () => Promise<unknown>][] = [
      ['streamId', () => t.store.append('', [good])],
      ['events.0.aggregateId', () => t.store.append('test-v2', [good])],
      ['events.0.id', () => t.store.append('test-v1', [{ ...good, id: '42' }])],
      ['events.0.timestamp', () => t.store.append('test-v1', [{ ...good, timestamp: 'yesterday' }])],
      ['events', () => t.store.append('test-v1', [])],
      ['expectedVersion', () => t.store.append('test-v1', [good], { expectedVersion: 1.5 })],
    ];
    for (const [field, run] of cases) {
      const error = await run().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isValidationError(error), field).toBe(true);
      expect((error as Error).message).toContain(field);
    }
  });
});

describe('append notifications (postgres)', () => {
  it('announces committed appends on EVENTS_CHANNEL with the newest position', async () => {
    const t = await createTestEventStore('postgres', { label: 'notify' });
    const { default: postgres } = await import('postgres');
    const listener = postgres(t.url as string, { max: 1, onnotice: () => {} });
    try {
      const received: string[] = [];
      await listener.listen(EVENTS_CHANNEL, (payload) => received.push(payload));
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => t.store.append(`test-n${i % 4}`, [event(`n${i % 4}`)])),
      );
      const newest = results
        .map((r) => r.position)
        .sort(comparePositions)
        .at(-1);
      const deadline = Date.now() + 5_000;
      while (received.at(-1) !== newest && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(received.at(-1)).toBe(newest);
      // Coalesced: fewer notifications than appends.
      expect(received.length).toBeLessThan(20);
    } finally {
      await listener.end();
      await t.close();
    }
  });
});
