import { afterAll, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../errors/storeUnavailableError.js';
import { newTestEvent } from '../testing/newTestEvent.js';
import { createTestDatabase, type TestDatabase } from '../testing/testDatabase.js';
import { createPGliteEventStore } from './pglite.js';
import { createPostgresEventStore } from './postgres.js';

describe('createPostgresEventStore', () => {
  const databases: TestDatabase[] = [];
  afterAll(() => Promise.all(databases.map((db) => db.drop())));

  it('fails quickly with an error naming the host when nothing answers', async () => {
    const started = Date.now();
    const error = await createPostgresEventStore({ url: 'postgres://postgres@127.0.0.1:1/causeway' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toContain('127.0.0.1:1');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('gives up after the connect timeout on a host that never answers', async () => {
    // A non-routable address: packets vanish (or the route is refused at once, also fine).
    const started = Date.now();
    const error = await createPostgresEventStore({
      url: 'postgres://postgres@10.255.255.1:5432/causeway',
      connectTimeoutSeconds: 1,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toContain('10.255.255.1:5432');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('runs on a postgres.js client the caller owns, and leaves it open', async () => {
    const db = await createTestDatabase({ label: 'drivers' });
    databases.push(db);
    const { default: postgres } = await import('postgres');
    const sql = postgres(db.url, { max: 3, onnotice: () => {} });
    const store = await createPostgresEventStore({ sql, migrate: true });
    await store.append('test-1', [newTestEvent()]);
    await store.close();
    const [row] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM events`;
    expect(row?.n).toBe(1);
    await sql.end();
  });
});

describe('createPGliteEventStore', () => {
  it('keeps its data in dataDir across restarts', async () => {
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dataDir = await mkdtemp(join(tmpdir(), 'causeway-pglite-'));
    try {
      const first = await createPGliteEventStore({ dataDir });
      const { position } = await first.append('test-1', [newTestEvent()]);
      await first.close();
      const second = await createPGliteEventStore({ dataDir });
      expect(await second.headPosition()).toBe(position);
      await second.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
