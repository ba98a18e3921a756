import { DomainRuleError } from '@causeway/kernel';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrizzleEventStore } from './createEventStore.js';
import { createPostgresEventStore } from './drivers/postgres.js';
import { IdempotencyKeyReusedError } from './errors/idempotencyKeyReusedError.js';
import { addTo, counter, registry } from './handleCommand.fixture.js';
import { handleCommand } from './handleCommand.js';
import { createTestDatabase, type TestDatabase } from './testing/testDatabase.js';
import { createTestEventStore, type TestEventStore } from './testing/testEventStore.js';

const newStream = { registry, newStream: true } as const;

describe.each(['postgres', 'pglite'] as const)('handleCommand with newStream (%s)', (driver) => {
  let t: TestEventStore;
  beforeAll(async () => {
    t = await createTestEventStore(driver, { label: 'command_new' });
  });
  afterAll(() => t?.close());

  it('starts the stream and records the result with it', async () => {
    const command = addTo('n1', 5);
    const result = await handleCommand(t.store, counter, command, newStream);
    expect(result).toMatchObject({ streamId: 'counter-n1', nextVersion: 1, duplicate: false });
    const { events } = await t.store.readStream('counter-n1');
    expect(events.map((e) => [e.type, e.version, e.position])).toEqual([
      ['COUNTER_ADDED', 1, result.position],
    ]);
    expect(result.events.map((e) => [e.id, e.version])).toEqual([[events[0]?.id, 1]]);
    const record = await t.store.readIdempotencyRecord(`command:${command.id}`);
    expect({ ...(record?.response as object), duplicate: false }).toEqual(result);
  });

  it('returns the first result for a repeated command and writes nothing; another payload is refused', async () => {
    const command = addTo('n2', 7);
    const first = await handleCommand(t.store, counter, command, newStream);
    const head = await t.store.headPosition();
    const again = await handleCommand(t.store, counter, command, newStream);
    expect(again).toEqual({ ...first, duplicate: true });
    expect(await t.store.headPosition()).toBe(head);
    await expect(
      handleCommand(t.store, counter, { ...command, payload: { by: 8 } }, newStream),
    ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
  });

  it('lets the decider judge a stream that exists after all', async () => {
    await handleCommand(t.store, counter, addTo('n3', 60), { registry });
    const grown = await handleCommand(t.store, counter, addTo('n3', 50), newStream);
    expect(grown.events.map((e) => [e.type, e.version])).toEqual([
      ['COUNTER_ADDED', 2],
      ['COUNTER_CAPPED', 3],
    ]);
    const refused = addTo('n3', 1);
    await expect(handleCommand(t.store, counter, refused, newStream)).rejects.toBeInstanceOf(DomainRuleError);
    expect((await t.store.readStream('counter-n3')).streamVersion).toBe(3);
    expect(await t.store.readIdempotencyRecord(`command:${refused.id}`)).toBeUndefined();
  });

  it('records a command that decided nothing the usual way', async () => {
    const result = await handleCommand(t.store, counter, addTo('n4', 0), newStream);
    expect(result).toEqual({ streamId: 'counter-n4', nextVersion: 0, events: [], duplicate: false });
  });

  it('answers concurrent twins with one result and one write', async () => {
    const command = addTo('n5', 4);
    const results = await Promise.all(
      Array.from({ length: 4 }, () => handleCommand(t.store, counter, command, newStream)),
    );
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(new Set(results.map((r) => r.position)).size).toBe(1);
    expect((await t.store.readStream('counter-n5')).streamVersion).toBe(1);
  });
});

describe('handleCommand with newStream, statements sent (postgres)', () => {
  let database: TestDatabase;
  let client: postgres.Sql;
  let store: DrizzleEventStore;
  const statements: string[] = [];
  beforeAll(async () => {
    database = await createTestDatabase({ label: 'command_count' });
    client = postgres(database.url, {
      max: 2,
      onnotice: () => {},
      debug: (_c, query) => statements.push(query),
    });
    store = await createPostgresEventStore({ sql: client, migrate: true, notify: false });
  });
  afterAll(async () => {
    await store?.close();
    await client?.end({ timeout: 5 });
    await database?.drop();
  });

  it('sends one statement for a new stream, with no transaction block around it', async () => {
    statements.length = 0;
    await handleCommand(store, counter, addTo('s1', 3), newStream);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/causeway_append_batch/);
  });
});
