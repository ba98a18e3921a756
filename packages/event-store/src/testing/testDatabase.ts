import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { hostOf, probe } from '../drivers/probe.js';

/** Admin connection used to create and drop test databases; override with `PG_ADMIN_URL`. */
export const DEFAULT_PG_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** Every test database's name starts with this; `sweepTestDatabases` drops only such names. */
export const TEST_DATABASE_PREFIX = 'causeway_test_';

export interface TestDatabase {
  /** Connection URL of the new, empty database (no tables: run `migrate` if you need them). */
  url: string;
  name: string;
  /** Drops the database, terminating any connection still open on it. Safe to call twice. */
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** Defaults to `process.env.PG_ADMIN_URL`, then `DEFAULT_PG_ADMIN_URL`. */
  adminUrl?: string;
  /** A short hint (letters, digits, _) added to the name to tell databases apart when debugging. */
  label?: string;
}

export const adminUrlFrom = (adminUrl?: string): string =>
  adminUrl ?? process.env.PG_ADMIN_URL ?? DEFAULT_PG_ADMIN_URL;

/** Runs `fn` on a single short-lived admin connection that fails fast, naming the host. */
export const withAdmin = async <T>(adminUrl: string, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> => {
  const sql = postgres(adminUrl, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await probe(sql, 5);
    return await fn(sql);
  } catch (error) {
    throw new Error(
      `Test database admin (${hostOf(sql)}): ${error instanceof Error ? error.message : error}`,
      {
        cause: error,
      },
    );
  } finally {
    await sql.end({ timeout: 5 });
  }
};

/**
 * The name carries the creating process id and the creation time, so a sweep can tell an
 * abandoned database (its process is gone, or it is old) from one a running test still uses.
 */
const newName = (label: string | undefined): string => {
  const tag = (label ?? '').toLowerCase().replace(/\W/g, '').slice(0, 16);
  const parts = [process.pid, Date.now().toString(36), randomBytes(4).toString('hex'), tag].filter(Boolean);
  return `${TEST_DATABASE_PREFIX}${parts.join('_')}`;
};

/**
 * Creates a uniquely named, empty database on the machine's PostgreSQL for one test file:
 *
 * ```ts
 * let db: TestDatabase;
 * beforeAll(async () => { db = await createTestDatabase({ label: 'orders' }); });
 * afterAll(() => db.drop());
 * ```
 *
 * Files then run in parallel without sharing state. The admin URL comes from `PG_ADMIN_URL`
 * (default `postgres://postgres@127.0.0.1:5432/postgres`); the user needs CREATEDB.
 */
export const createTestDatabase = async (options: TestDatabaseOptions = {}): Promise<TestDatabase> => {
  const adminUrl = adminUrlFrom(options.adminUrl);
  const name = newName(options.label);
  await withAdmin(adminUrl, (sql) => sql`CREATE DATABASE ${sql(name)}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    name,
    async drop() {
      if (dropped) return;
      dropped = true;
      await withAdmin(adminUrl, (sql) => sql`DROP DATABASE IF EXISTS ${sql(name)} WITH (FORCE)`);
    },
  };
};
