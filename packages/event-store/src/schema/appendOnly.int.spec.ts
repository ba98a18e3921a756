import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTestEvent } from '../testing/newTestEvent.js';
import { createTestEventStore, type TestEventStore } from '../testing/testEventStore.js';

describe.each(['postgres', 'pglite'] as const)('the events table is append-only (%s)', (driver) => {
  let t: TestEventStore;
  beforeAll(async () => {
    t = await createTestEventStore(driver, { label: 'appendonly' });
    await t.store.append('test-1', [newTestEvent(), newTestEvent()]);
  });
  afterAll(() => t?.close());

  it.each([
    ['UPDATE', sql`UPDATE events SET type = 'TAMPERED'`],
    ['UPDATE', sql`UPDATE events SET type = 'TAMPERED' WHERE false`],
    ['DELETE', sql`DELETE FROM events`],
    ['TRUNCATE', sql`TRUNCATE events`],
  ])('refuses %s', async (operation, statement) => {
    await expect(t.store.db.execute(statement)).rejects.toSatisfy((error: Error) =>
      `${error.message} ${(error.cause as Error | undefined)?.message}`.includes(
        `events are append-only: ${operation} on`,
      ),
    );
    const { events } = await t.store.readStream('test-1');
    expect(events.map((e) => e.type)).toEqual(['TEST_HAPPENED', 'TEST_HAPPENED']);
  });
});
