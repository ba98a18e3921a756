import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEventStore, type TestEventStore } from '../testing/testEventStore.js';

describe.each(['postgres', 'pglite'] as const)('idempotency records (%s)', (driver) => {
  let t: TestEventStore;
  beforeAll(async () => {
    t = await createTestEventStore(driver, { label: 'idempotency' });
  });
  afterAll(() => t?.close());

  it('keeps the first answer for a key', async () => {
    expect(await t.store.readIdempotencyRecord('http:abc')).toBeUndefined();
    expect(await t.store.saveIdempotencyRecord('http:abc', 'hash-1', { status: 201, body: { id: 1 } })).toBe(
      true,
    );
    expect(await t.store.saveIdempotencyRecord('http:abc', 'hash-2', { status: 201, body: { id: 2 } })).toBe(
      false,
    );
    expect(await t.store.readIdempotencyRecord('http:abc')).toMatchObject({
      key: 'http:abc',
      requestHash: 'hash-1',
      response: { status: 201, body: { id: 1 } },
    });
  });

  it('rolls back with the transaction it was written in', async () => {
    await expect(
      t.store.transaction(async (tx) => {
        await t.store.within(tx).saveIdempotencyRecord('http:rolled', 'h', {});
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await t.store.readIdempotencyRecord('http:rolled')).toBeUndefined();
  });
});
