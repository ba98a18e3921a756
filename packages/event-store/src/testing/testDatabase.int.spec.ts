import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { sweepTestDatabases } from './sweepTestDatabases.js';
import { adminUrlFrom, createTestDatabase, TEST_DATABASE_PREFIX, withAdmin } from './testDatabase.js';

const exists = (name: string) =>
  withAdmin(adminUrlFrom(), async (sql) => {
    const rows = await sql`SELECT 1 FROM pg_database WHERE datname = ${name}`;
    return rows.length === 1;
  });

describe('createTestDatabase', () => {
  it('creates a connectable database and drops it, even with a connection open', async () => {
    const db = await createTestDatabase({ label: 'helper' });
    expect(db.name.startsWith(TEST_DATABASE_PREFIX)).toBe(true);
    const sql = postgres(db.url, { max: 1, onnotice: () => {} });
    const [row] = await sql<{ current_database: string }[]>`SELECT current_database()`;
    expect(row?.current_database).toBe(db.name);
    await db.drop();
    await sql.end({ timeout: 1 }).catch(() => {});
    expect(await exists(db.name)).toBe(false);
    await db.drop();
  });

  it('names the host when the admin server cannot be reached', async () => {
    await expect(
      createTestDatabase({ adminUrl: 'postgres://postgres@127.0.0.1:1/postgres' }),
    ).rejects.toThrow(/127\.0\.0\.1:1/);
  });
});

describe('sweepTestDatabases', () => {
  it('drops databases of dead processes and keeps live ones', async () => {
    const live = await createTestDatabase({ label: 'live' });
    // A pid above the kernel's pid_max cannot be alive.
    const orphan = `${TEST_DATABASE_PREFIX}99999999_${Date.now().toString(36)}_deadbeef`;
    await withAdmin(adminUrlFrom(), (sql) => sql`CREATE DATABASE ${sql(orphan)}`);
    try {
      const dropped = await sweepTestDatabases();
      expect(dropped).toContain(orphan);
      expect(dropped).not.toContain(live.name);
      expect(await exists(orphan)).toBe(false);
      expect(await exists(live.name)).toBe(true);
    } finally {
      await live.drop();
      await withAdmin(adminUrlFrom(), (sql) => sql`DROP DATABASE IF EXISTS ${sql(orphan)}`);
    }
  });
});
