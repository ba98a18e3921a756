import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from './migrate.js';
import { MigrationError } from './migrations/applyMigrations.js';
import { createTestDatabase, type TestDatabase } from './testing/testDatabase.js';

const tablesOf = async (url: string) => {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ tablename: string }[]>`
      SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`;
    return rows.map((r) => r.tablename);
  } finally {
    await sql.end();
  }
};

describe('migrate (postgres)', () => {
  const databases: TestDatabase[] = [];
  const fresh = async () => {
    const db = await createTestDatabase({ label: 'migrate' });
    databases.push(db);
    return db;
  };
  afterEach(async () => {
    await Promise.all(databases.splice(0).map((db) => db.drop()));
  });

  it('can run from several processes at once, and again, without harm', async () => {
    const db = await fresh();
    await Promise.all([migrate({ url: db.url }), migrate({ url: db.url }), migrate({ url: db.url })]);
    await migrate({ url: db.url });
    expect(await tablesOf(db.url)).toEqual([
      'checkpoints',
      'dead_letters',
      'events',
      'idempotency_keys',
      'snapshots',
      'streams',
    ]);
  });

  it('fails loudly and leaves no half-applied migration', async () => {
    const db = await fresh();
    const sql = postgres(db.url, { max: 1, onnotice: () => {} });
    await sql`CREATE TABLE snapshots (clash integer)`;
    await sql.end();
    const error = await migrate({ url: db.url }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toMatch(/snapshots.*already exists/);
    expect(await tablesOf(db.url)).toEqual(['snapshots']);
  });

  it('has a CLI that exits non-zero on failure', () => {
    const cli = fileURLToPath(new URL('./cli/migrate.ts', import.meta.url));
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--conditions=@causeway/source', cli, 'postgres://postgres@127.0.0.1:1/none'],
      { encoding: 'utf8', timeout: 30_000 },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/migration failed.*127\.0\.0\.1:1/i);
  });
});
