import { createPostgresEventStore, type DrizzleEventStore } from '@causeway/event-store';
import { createTestDatabase, type TestDatabase } from '@causeway/event-store/testing';
import { waitFor } from '@causeway/kernel/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectNats } from '../connection/connectNats.js';
import { migrateDelivery } from '../migrate.js';
import { createRelay } from '../relay/relay.js';
import { type NatsServerProcess, startNatsServer } from '../testing/natsServer.js';
import { appliedIds, createEffectsTable, recordEffect } from '../testSupport/effects.js';
import { newEvent } from '../testSupport/events.js';
import { storeIds } from '../testSupport/storeContents.js';
import { messageIds, streamMessages } from '../testSupport/streamContents.js';
import { ensureTopology } from '../topology/ensureTopology.js';
import { topologyNames } from '../topology/names.js';
import { runConsumer } from './runConsumer.js';

// A nats-server of this file's own, killed and restarted mid-stream: never the machine's shared one.
let server: NatsServerProcess;
let db: TestDatabase;
let store: DrizzleEventStore;
const connections: NatsConnection[] = [];
const prefix = 'restart';
const names = topologyNames(prefix);

const connect = async () => {
  const nc = await connectNats({ servers: server.url, reconnectTimeWait: 200 });
  connections.push(nc);
  return nc;
};

beforeAll(async () => {
  server = await startNatsServer();
  db = await createTestDatabase({ label: 'natsrestart' });
  store = await createPostgresEventStore({ url: db.url, migrate: true });
  await migrateDelivery(store.db);
  await createEffectsTable(store);
  await ensureTopology({ nc: await connect(), prefix });
});
afterAll(async () => {
  for (const nc of connections) await nc.close().catch(() => {});
  await store?.close();
  await db?.drop();
  await server?.dispose();
});

describe('a NATS restart in the middle of a stream of events', () => {
  it('loses nothing and doubles nothing', async () => {
    const relay = createRelay({ nc: await connect(), store, prefix, pollIntervalMs: 50 });
    relay.start();
    const runner = runConsumer({
      nc: await connect(),
      store,
      prefix,
      subscriber: { name: 'effects', handle: recordEffect('effects') },
      batchSize: 20,
      expiresMs: 2_000,
    });
    let appended = 0;
    let writing = true;
    const writer = (async () => {
      for (let n = 0; writing; n++) {
        await store.append(`cart-r${n % 5}`, [newEvent(`r${n % 5}`, n), newEvent(`r${n % 5}`, n + 1)]);
        appended += 2;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();

    await waitFor(() => runner.metrics.applied >= 100, 'traffic before the crash');
    await server.kill();
    const appliedAtCrash = runner.metrics.applied;
    await waitFor(() => appended >= appliedAtCrash + 100, 'appends while the server is down');
    await server.start();
    await waitFor(() => runner.metrics.applied >= appliedAtCrash + 100, 'traffic after the restart', 60_000);
    writing = false;
    await writer;

    const expected = await storeIds(store, appended);
    await waitFor(
      async () => (await appliedIds(store, 'effects')).length >= expected.length,
      'every effect',
      60_000,
    );
    expect(await appliedIds(store, 'effects')).toEqual(expected);
    const jsm = await jetstreamManager(await connect());
    expect(messageIds(await streamMessages(jsm, names.eventsStream))).toEqual(expected);
    // The crash fell in the middle: at least 100 events were appended and applied after it.
    expect(expected.length - appliedAtCrash).toBeGreaterThanOrEqual(100);
    await runner.stop();
    await relay.stop();
  });
});
