import { createPostgresEventStore, type DrizzleEventStore } from '@causeway/event-store';
import { createTestDatabase, type TestDatabase } from '@causeway/event-store/testing';
import type { App } from '@causeway/service-kit';
import postgres from 'postgres';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildCommandApp } from '../app.js';
import { validOrder } from '../fixtures/testApp.js';

/**
 * Round trips per request, counted at the driver: each statement is a socket write and a wait, and
 * they, not the code around them, bounded POST /orders (7 statements per create before).
 */
let database: TestDatabase;
let client: postgres.Sql;
let store: DrizzleEventStore;
let app: App;
const statements: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase({ label: 'statements' });
  client = postgres(database.url, {
    max: 2,
    onnotice: () => {},
    debug: (_connection, query) => statements.push(query),
  });
  store = await createPostgresEventStore({ sql: client, migrate: true, notify: false });
  app = await buildCommandApp({ store, options: { logger: false, rateLimit: false, defaultMetrics: false } });
});
afterAll(async () => {
  await app?.close();
  await store?.close();
  await client?.end({ timeout: 5 });
  await database?.drop();
});
beforeEach(() => {
  statements.length = 0;
});

const create = (headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/orders', payload: validOrder, headers });

describe('statements per POST /orders', () => {
  it('one for a create without Idempotency-Key: events and command record in one call', async () => {
    expect((await create()).statusCode).toBe(201);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/causeway_append_batch/);
  });

  it('three with a key (look up, create, keep the answer), one for its replay', async () => {
    const headers = { 'idempotency-key': `count-${Date.now()}` };
    expect((await create(headers)).statusCode).toBe(201);
    expect(statements).toHaveLength(3);
    statements.length = 0;
    expect((await create(headers)).statusCode).toBe(201);
    expect(statements).toHaveLength(1);
  });
});
