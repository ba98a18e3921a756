import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { allEvents } from '@causeway/contracts';
import { createPostgresEventStore, queryRows } from '@causeway/event-store';
import { createTestDatabase, type TestDatabase } from '@causeway/event-store/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOrderFlows } from './bench/seedEvents.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

const runRebuild = (env: Record<string, string>, args: string[] = []) =>
  new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@causeway/source', '--import', 'tsx', 'src/rebuildMain.ts', ...args],
      { cwd: packageDir, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.once('exit', (code) => resolve({ code, stderr }));
  });

describe('pnpm rebuild (src/rebuildMain.ts)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ label: 'rebuildcli' });
    const store = await createPostgresEventStore({ url: database.url, migrate: true, registry: allEvents });
    await seedOrderFlows(store.db, 3_000);
    await store.close();
  });
  afterAll(() => database?.drop());

  it('rebuilds the read model and shows its progress, not silence', async () => {
    const { code, stderr } = await runRebuild({ DATABASE_URL: database.url }, ['--batch-size', '1000']);
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/rebuild load +\d+(\.\d)?% +[\d,]+\/9,000 events +[\d,]+ events\/s/);
    expect(stderr).toMatch(/rebuild done: 9,000 events in [\d.]+ s \([\d,]+ events\/s\)/);
    const store = await createPostgresEventStore({ url: database.url });
    try {
      const [row] = await queryRows<{ confirmed: number; paid: number }>(
        store.db,
        sql`SELECT count(*)::int AS confirmed, sum(paid)::int AS paid FROM order_summaries WHERE status = 'CONFIRMED'`,
      );
      expect(row).toEqual({ confirmed: 3_000, paid: 3_000 * 3_000 });
    } finally {
      await store.close();
    }
  });

  it('says what is wrong when it cannot run', async () => {
    const missing = await runRebuild({});
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('DATABASE_URL');
    const bad = await runRebuild({ DATABASE_URL: database.url }, ['--batch-size', 'lots']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--batch-size');
  });
});
