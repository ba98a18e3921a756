import { ConcurrencyError, isValidationError, type ValidationError } from '@causeway/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdempotencyKeyTakenError } from '../errors/idempotencyKeyTakenError.js';
import { newTestEvent } from '../testing/newTestEvent.js';
import { createTestEventStore, type TestEventStore } from '../testing/testEventStore.js';

const event = (aggregateId: string) => newTestEvent({ aggregateId });
const record = (key: string, response: Record<string, unknown> = { answer: key }) => ({
  key,
  requestHash: `hash-${key}`,
  response,
});

describe.each(['postgres', 'pglite'] as const)('append with an idempotency record (%s)', (driver) => {
  let t: TestEventStore;
  beforeAll(async () => {
    t = await createTestEventStore(driver, { label: 'append_record' });
  });
  afterAll(() => t?.close());

  it('saves the record with the events, its response carrying the append position', async () => {
    const result = await t.store.append('test-r1', [event('r1'), event('r1')], {
      expectedVersion: 'noStream',
      idempotencyRecord: record('k-r1', { answer: 42, nested: { a: [1] } }),
    });
    expect(result).toMatchObject({ nextVersion: 2, written: true });
    const saved = await t.store.readIdempotencyRecord('k-r1');
    expect(saved).toMatchObject({ key: 'k-r1', requestHash: 'hash-k-r1' });
    expect(saved?.response).toEqual({ answer: 42, nested: { a: [1] }, position: result.position });
    expect((await t.store.readStream('test-r1')).events.at(-1)?.position).toBe(result.position);
  });

  it('writes nothing when the key is recorded already', async () => {
    await t.store.saveIdempotencyRecord('k-r2', 'first', { first: true });
    const head = await t.store.headPosition();
    const error = await t.store
      .append('test-r2', [event('r2')], { expectedVersion: 'noStream', idempotencyRecord: record('k-r2') })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdempotencyKeyTakenError);
    expect((error as IdempotencyKeyTakenError).key).toBe('k-r2');
    expect(await t.store.headPosition()).toBe(head);
    expect((await t.store.readStream('test-r2')).streamVersion).toBe(0);
    expect((await t.store.readIdempotencyRecord('k-r2'))?.response).toEqual({ first: true });
  });

  it('saves no record when the expected version does not hold', async () => {
    await t.store.append('test-r3', [event('r3')]);
    await expect(
      t.store.append('test-r3', [event('r3')], {
        expectedVersion: 'noStream',
        idempotencyRecord: record('k-r3'),
      }),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await t.store.readIdempotencyRecord('k-r3')).toBeUndefined();
  });

  it('refuses a malformed record before any SQL, naming the field', async () => {
    const bad = [
      { ...record('x'), key: '' },
      { ...record('x'), requestHash: '' },
      { ...record('x'), response: [1] as unknown as Record<string, unknown> },
    ];
    for (const idempotencyRecord of bad) {
      const error = await t.store
        .append('test-r4', [event('r4')], { idempotencyRecord })
        .catch((e: unknown) => e);
      expect(isValidationError(error)).toBe(true);
      expect((error as ValidationError).message).toMatch(/key|requestHash|response/);
    }
    expect((await t.store.readStream('test-r4')).streamVersion).toBe(0);
  });

  it('gives each append of a batch its own record, and a taken key fails only its own append', async () => {
    await t.store.saveIdempotencyRecord('k-b-taken', 'first', { first: true });
    const outcomes = await Promise.allSettled([
      ...Array.from({ length: 8 }, (_, i) =>
        t.store.append(`test-rb${i}`, [event(`rb${i}`)], {
          expectedVersion: 'noStream',
          idempotencyRecord: record(`k-b${i}`),
        }),
      ),
      t.store.append('test-rb-taken', [event('rb-taken')], { idempotencyRecord: record('k-b-taken') }),
    ]);
    for (let i = 0; i < 8; i++) {
      const outcome = outcomes[i] as PromiseFulfilledResult<{ position: string }>;
      expect(outcome.status).toBe('fulfilled');
      expect((await t.store.readIdempotencyRecord(`k-b${i}`))?.response).toEqual({
        answer: `k-b${i}`,
        position: outcome.value.position,
      });
    }
    expect((outcomes[8] as PromiseRejectedResult).reason).toBeInstanceOf(IdempotencyKeyTakenError);
    expect((await t.store.readStream('test-rb-taken')).streamVersion).toBe(0);
  });

  it('rolls the record back with its transaction', async () => {
    const failure = new Error('after the append');
    await expect(
      t.store.transaction(async (tx) => {
        await t.store.within(tx).append('test-r5', [event('r5')], { idempotencyRecord: record('k-r5') });
        expect(await t.store.within(tx).readIdempotencyRecord('k-r5')).toBeDefined();
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await t.store.readIdempotencyRecord('k-r5')).toBeUndefined();
    expect((await t.store.readStream('test-r5')).streamVersion).toBe(0);
  });
});

describe('append with an idempotency record, twins racing on two streams (postgres)', () => {
  let t: TestEventStore;
  beforeAll(async () => {
    t = await createTestEventStore('postgres', { label: 'append_record_race', appendBatching: false });
  });
  afterAll(() => t?.close());

  it('commits exactly one of them; the other writes nothing', async () => {
    for (let round = 0; round < 10; round++) {
      const outcomes = await Promise.allSettled(
        ['a', 'b'].map((side) =>
          t.store.append(`test-twin${round}${side}`, [event(`twin${round}${side}`)], {
            idempotencyRecord: record(`k-twin${round}`),
          }),
        ),
      );
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      expect(won).toHaveLength(1);
      const lost = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect(lost.reason).toBeInstanceOf(IdempotencyKeyTakenError);
      const versions = await Promise.all(
        ['a', 'b'].map(async (side) => (await t.store.readStream(`test-twin${round}${side}`)).streamVersion),
      );
      expect(versions.sort()).toEqual([0, 1]);
    }
  });
});
