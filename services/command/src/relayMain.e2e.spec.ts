import { createTestDatabase, type TestDatabase } from '@causeway/event-store/testing';
import { isolateNats, type NatsIsolation } from '@causeway/jetstream/testing';
import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, killAll, listeningAddress, spawnEntryPoint } from './fixtures/processes.js';
import { validOrder } from './fixtures/testApp.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  killAll();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const isolated = async (label: string) => {
  const db: TestDatabase = await createTestDatabase({ label });
  cleanups.push(() => db.drop());
  const nats: NatsIsolation = await isolateNats({ label });
  cleanups.push(() => nats.cleanup());
  const sql = postgres(db.url, { max: 1, onnotice: () => {} });
  cleanups.push(() => sql.end());
  const env = (extra: Record<string, string> = {}) => ({
    DATABASE_URL: db.url,
    NATS_URL: '127.0.0.1:4222',
    CAUSEWAY_PREFIX: nats.prefix,
    HOST: '127.0.0.1',
    PORT: '0',
    ...extra,
  });
  /** Event ids in the store's delivery order, and in the stream's order. */
  const storeIds = async () =>
    (await sql<{ id: string }[]>`SELECT id FROM events ORDER BY transaction_id, seq`).map((row) => row.id);
  const streamIds = async () => {
    const { messages } = (await nats.jsm.streams.info(nats.names.eventsStream)).state;
    const ids: string[] = [];
    for (let seq = 1; seq <= messages; seq++) {
      const message = await nats.jsm.streams.getMessage(nats.names.eventsStream, { seq });
      ids.push(message?.json<{ id: string }>().id ?? '');
    }
    return ids;
  };
  /** Waits until the stream holds exactly the store's events, once each, in the store's order. */
  const expectStreamEqualsStore = (count: number) =>
    eventually(async () => {
      const stored = await storeIds();
      expect(stored).toHaveLength(count);
      expect(await streamIds()).toEqual(stored);
    }, 30_000);
  return { env, expectStreamEqualsStore };
};

const createOrders = async (base: string, count: number) => {
  const responses = await Promise.all(
    Array.from({ length: count }, () =>
      fetch(`${base}/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(validOrder),
      }),
    ),
  );
  expect(responses.map((r) => r.status)).toEqual(Array(count).fill(201));
};

describe('relayMain.ts (the relay as its own process)', () => {
  it('relays alone for an API without its own relay, and resumes after SIGKILL', async () => {
    const { env, expectStreamEqualsStore } = await isolated('relayalone');
    const api = spawnEntryPoint('main', env({ RELAY_ENABLED: 'false' }));
    const base = await listeningAddress(api);
    let relay = spawnEntryPoint('relayMain', env());
    await relay.waitForLine((line) => line.msg === 'relay running', 'the relay to start');

    await createOrders(base, 10);
    await expectStreamEqualsStore(10);

    relay.child.kill('SIGKILL');
    await relay.exited;
    await createOrders(base, 10);
    relay = spawnEntryPoint('relayMain', env());
    await expectStreamEqualsStore(20);

    relay.child.kill('SIGTERM');
    expect(await relay.exited).toBe(0);
  });

  it('runs beside the API relay: two relays publish every event once, in order', async () => {
    const { env, expectStreamEqualsStore } = await isolated('tworelays');
    const api = spawnEntryPoint('main', env());
    const base = await listeningAddress(api);
    const relay = spawnEntryPoint('relayMain', env());
    await relay.waitForLine((line) => line.msg === 'relay running', 'the relay to start');

    for (let round = 0; round < 4; round++) await createOrders(base, 10);
    await expectStreamEqualsStore(40);

    relay.child.kill('SIGKILL');
    await createOrders(base, 5);
    await expectStreamEqualsStore(45);
  });
});
