import { adminUrlFrom, TEST_DATABASE_PREFIX, withAdmin } from './testDatabase.js';

export interface SweepOptions {
  adminUrl?: string;
  /** Databases older than this are dropped even if their process seems alive. Default: 6 hours. */
  maxAgeMs?: number;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Drops test databases left behind by crashed or interrupted runs: those whose creating process
 * is gone (on this machine) or that are older than `maxAgeMs`. Databases of test files running
 * right now, in this run or a parallel one, are kept. Returns the dropped names.
 *
 * Meant for a vitest `globalSetup` file:
 *
 * ```ts
 * import { sweepTestDatabases } from '@causeway/event-store/testing';
 * export default async () => { await sweepTestDatabases(); };
 * ```
 */
export const sweepTestDatabases = async (options: SweepOptions = {}): Promise<string[]> => {
  const maxAgeMs = options.maxAgeMs ?? 6 * 60 * 60 * 1000;
  return withAdmin(adminUrlFrom(options.adminUrl), async (sql) => {
    const rows = await sql<{ datname: string }[]>`
      SELECT datname FROM pg_database WHERE starts_with(datname, ${TEST_DATABASE_PREFIX})`;
    const stale = rows
      .map((row) => row.datname)
      .filter((name) => {
        const [pid, created] = name.slice(TEST_DATABASE_PREFIX.length).split('_');
        const age = Date.now() - Number.parseInt(created ?? '', 36);
        return !(age < maxAgeMs) || !isAlive(Number(pid));
      });
    for (const name of stale) await sql`DROP DATABASE IF EXISTS ${sql(name)} WITH (FORCE)`;
    return stale;
  });
};
