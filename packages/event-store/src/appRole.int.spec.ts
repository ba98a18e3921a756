import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrizzleEventStore } from './createEventStore.js';
import { createPostgresEventStore } from './drivers/postgres.js';
import { migrate } from './migrate.js';
import { newTestEvent } from './testing/newTestEvent.js';
import { adminUrlFrom, createTestDatabase, type TestDatabase, withAdmin } from './testing/testDatabase.js';

const adminUrl = adminUrlFrom();
// A login role of this file only (roles are cluster-wide), dropped afterwards.
const login = `causeway_app_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;

let db: TestDatabase;
let appUrl: string;
let store: DrizzleEventStore;
let sql: postgres.Sql;
beforeAll(async () => {
  db = await createTestDatabase({ label: 'approle' });
  await migrate({ url: db.url });
  await withAdmin(adminUrl, (admin) => admin.unsafe(`CREATE ROLE ${login} LOGIN IN ROLE causeway_app`));
  const url = new URL(db.url);
  url.username = login;
  appUrl = url.toString();
  store = await createPostgresEventStore({ url: appUrl, max: 2 });
  sql = postgres(appUrl, { max: 1, onnotice: () => {} });
});
afterAll(async () => {
  await sql?.end();
  await store?.close();
  await db?.drop();
  await withAdmin(adminUrl, (admin) => admin.unsafe(`DROP ROLE IF EXISTS ${login}`));
});

const refusal = async (statement: string) => {
  const error = await sql.unsafe(statement).then(
    () => undefined,
    (caught: unknown) => caught as { code?: string; message?: string },
  );
  return error;
};

describe('the causeway_app role', () => {
  it('is not a superuser: the test really runs with the app role’s privileges', async () => {
    const [row] = await sql<{ user: string; superuser: boolean }[]>`
      SELECT current_user AS user, rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`;
    expect(row).toEqual({ user: login, superuser: false });
  });

  it('appends and reads events through the store', async () => {
    const aggregateId = randomUUID();
    const streamId = `test-${aggregateId}`;
    const result = await store.append(
      streamId,
      [newTestEvent({ aggregateId }), newTestEvent({ aggregateId })],
      {
        expectedVersion: 0,
      },
    );
    expect(result.nextVersion).toBe(2);
    const read = await store.readStream(streamId);
    expect(read.events).toHaveLength(2);
  });

  it.each([
    ['UPDATE', 'UPDATE events SET type = type'],
    ['DELETE', 'DELETE FROM events'],
    ['TRUNCATE', 'TRUNCATE events'],
  ])('cannot %s events: permission denied, before the append-only triggers', async (_op, statement) => {
    const error = await refusal(statement);
    expect(error?.code).toBe('42501'); // insufficient_privilege, not the trigger's restrict_violation
    expect(error?.message).toMatch(/permission denied/);
  });

  it('cannot change the schema or drop the log', async () => {
    expect((await refusal('DROP TABLE events'))?.code).toBe('42501');
    expect((await refusal('ALTER TABLE events DISABLE TRIGGER ALL'))?.code).toBe('42501');
  });

  it('can be created again by a second migration, concurrently: the roles migration is idempotent', async () => {
    const others = await Promise.all([
      createTestDatabase({ label: 'approle' }),
      createTestDatabase({ label: 'approle' }),
    ]);
    try {
      await Promise.all(others.map((other) => migrate({ url: other.url })));
    } finally {
      await Promise.all(others.map((other) => other.drop()));
    }
  });
});
