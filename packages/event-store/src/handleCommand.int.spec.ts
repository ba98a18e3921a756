import { ConcurrencyError, DomainRuleError } from '@causeway/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdempotencyKeyReusedError } from './errors/idempotencyKeyReusedError.js';
import type { EventStore } from './eventStore.js';
import { addTo, counter, registry } from './handleCommand.fixture.js';
import { commandStreamId, handleCommand } from './handleCommand.js';
import { createTestEventStore, type TestEventStore } from './testing/testEventStore.js';

describe.each(['postgres', 'pglite'] as const)('handleCommand (%s)', (driver) => {
  let t: TestEventStore;
  beforeAll(async () => {
    t = await createTestEventStore(driver, { label: 'command' });
  });
  afterAll(() => t?.close());

  it('appends the decided events with versions, stream and causal metadata', async () => {
    const command = addTo('c1', 5);
    const result = await handleCommand(t.store, counter, command, {
      registry,
      clock: () => Date.UTC(2030, 0, 1),
    });
    expect(result).toMatchObject({ streamId: 'counter-c1', nextVersion: 1, duplicate: false });
    const { events } = await t.store.readStream('counter-c1');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'COUNTER_ADDED',
      aggregateType: 'counter',
      aggregateId: 'c1',
      version: 1,
      schemaVersion: 1,
      timestamp: '2030-01-01T00:00:00.000Z',
      payload: { by: 5 },
      metadata: { correlationId: 'corr-1', causationId: command.id, userId: 'u-1' },
      position: result.position,
    });
    expect(result.events.map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(commandStreamId(command)).toBe('counter-c1');
  });

  it('returns the first result for a repeated command id and writes nothing', async () => {
    const command = addTo('c2', 7);
    const first = await handleCommand(t.store, counter, command, { registry });
    const again = await handleCommand(
      t.store,
      counter,
      { ...command, timestamp: new Date().toISOString() },
      { registry },
    );
    expect(again).toEqual({ ...first, duplicate: true });
    expect((await t.store.readStream('counter-c2')).streamVersion).toBe(1);
    await expect(
      handleCommand(t.store, counter, { ...command, payload: { by: 8 } }, { registry }),
    ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
  });

  it('folds the history, so rules see the state; a refused command writes nothing', async () => {
    await handleCommand(t.store, counter, addTo('c3', 60), { registry });
    const capping = await handleCommand(t.store, counter, addTo('c3', 50), { registry });
    expect(capping.events.map((e) => [e.type, e.version])).toEqual([
      ['COUNTER_ADDED', 2],
      ['COUNTER_CAPPED', 3],
    ]);
    const refused = addTo('c3', 1);
    await expect(handleCommand(t.store, counter, refused, { registry })).rejects.toBeInstanceOf(
      DomainRuleError,
    );
    expect((await t.store.readStream('counter-c3')).streamVersion).toBe(3);
    expect(await t.store.readIdempotencyRecord(`command:${refused.id}`)).toBeUndefined();
  });

  it('records a command that decided nothing, without touching the stream', async () => {
    const result = await handleCommand(t.store, counter, addTo('c4', 0), { registry });
    expect(result).toEqual({ streamId: 'counter-c4', nextVersion: 0, events: [], duplicate: false });
    expect((await t.store.readStream('counter-c4')).streamVersion).toBe(0);
  });

  it('loads from the newest snapshot and saves new ones as the stream grows', async () => {
    const snapshot = { schemaVersion: 1, every: 2 };
    await handleCommand(t.store, counter, addTo('c5', 10), { registry, snapshot });
    await handleCommand(t.store, counter, addTo('c5', 10), { registry, snapshot });
    expect(await t.store.loadSnapshot('counter-c5', 1)).toEqual({
      state: { total: 20, capped: false },
      version: 2,
      schemaVersion: 1,
    });
    // A doctored snapshot proves loading starts from it rather than from the events.
    await t.store.saveSnapshot('counter-c5', {
      state: { total: 95, capped: false },
      version: 2,
      schemaVersion: 1,
    });
    const result = await handleCommand(t.store, counter, addTo('c5', 10), { registry, snapshot });
    expect(result.events.map((e) => e.type)).toEqual(['COUNTER_ADDED', 'COUNTER_CAPPED']);
    // Another state schema version ignores that snapshot and folds the events: 30, not capped by 2.
    const fresh = await handleCommand(t.store, counter, addTo('c5', 2), {
      registry,
      snapshot: { schemaVersion: 2 },
    }).catch((e: unknown) => e);
    expect(fresh).toBeInstanceOf(DomainRuleError);
  });
});

describe('handleCommand under a concurrent writer (postgres)', () => {
  let t: TestEventStore;
  beforeAll(async () => {
    t = await createTestEventStore('postgres', { label: 'command-race' });
  });
  afterAll(() => t?.close());

  /** A store whose first load inside a transaction lets a competing command commit right after it. */
  const interfering = (streamAggregateId: string): EventStore<unknown> => {
    let interfered = false;
    const store = t.store as unknown as EventStore<unknown>;
    return {
      ...store,
      within: (tx) => {
        const session = store.within(tx);
        return {
          ...session,
          readStream: async (...args) => {
            const read = await session.readStream(...args);
            if (!interfered) {
              interfered = true;
              await handleCommand(t.store, counter, addTo(streamAggregateId, 1), { registry });
            }
            return read;
          },
        };
      },
    };
  };

  it('throws the ConcurrencyError without retries', async () => {
    await handleCommand(t.store, counter, addTo('r1', 1), { registry });
    const error = await handleCommand(interfering('r1'), counter, addTo('r1', 1), { registry }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect((error as ConcurrencyError).actualVersion).toBe(2);
  });

  it('decides again on the new state when retries are allowed', async () => {
    await handleCommand(t.store, counter, addTo('r2', 1), { registry });
    const result = await handleCommand(interfering('r2'), counter, addTo('r2', 1), { registry, retries: 1 });
    expect(result.nextVersion).toBe(3);
    expect((await t.store.readStream('counter-r2')).events.map((e) => e.version)).toEqual([1, 2, 3]);
  });

  it('answers concurrent twins of one command with one result', async () => {
    const command = addTo('r3', 4);
    const results = await Promise.all(
      Array.from({ length: 4 }, () => handleCommand(t.store, counter, command, { registry })),
    );
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(new Set(results.map((r) => r.position)).size).toBe(1);
    expect((await t.store.readStream('counter-r3')).streamVersion).toBe(1);
  });
});
