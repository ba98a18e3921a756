import { EVENTS_CHANNEL } from '@causeway/event-store';
import { waitFor } from '@causeway/kernel/testing';
import postgres from 'postgres';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { positionOf } from '../codec/eventMessage.js';
import { connectNats } from '../connection/connectNats.js';
import { type DeliveryFixture, deliveryFixture } from '../testSupport/deliveryFixture.js';
import { appendMany, newEvent } from '../testSupport/events.js';
import { storeIds } from '../testSupport/storeContents.js';
import { messageIds, streamMessages } from '../testSupport/streamContents.js';
import { createRelay, type Relay, type RelayOptions } from './relay.js';
import { manualWakeups, postgresWakeups } from './wakeups.js';

let fx: DeliveryFixture;
const running: Array<{ relay: Relay; close: () => Promise<void> }> = [];

// Each test gets a store and streams of its own: the relay copies the whole store, and a stream's
// de-duplication memory outlives a purge.
beforeEach(async () => {
  fx = await deliveryFixture('relay');
});
afterEach(async () => {
  for (const { relay, close } of running.splice(0)) {
    await relay.stop();
    await close();
  }
  await fx.cleanup();
});

/** A relay on a connection of its own, so a test can cut it off like a crashed process. */
const startRelay = async (options: Partial<RelayOptions> = {}) => {
  const nc = await connectNats({ servers: fx.nats.nc.getServer() });
  const relay = createRelay({ nc, store: fx.store, prefix: fx.nats.prefix, pollIntervalMs: 50, ...options });
  const entry = { relay, close: () => nc.close() };
  running.push(entry);
  relay.start();
  return { relay, nc };
};

const stream = () => streamMessages(fx.nats.jsm, fx.nats.names.eventsStream);

const waitForStreamToMatchStore = async (count: number) => {
  const expected = await storeIds(fx.store, count);
  await waitFor(
    async () =>
      (await fx.nats.jsm.streams.info(fx.nats.names.eventsStream)).state.messages >= expected.length,
    `${expected.length} messages in the stream`,
  );
  return expected;
};

describe('relay', () => {
  it('copies the store into the stream in store order, with envelope headers', async () => {
    await appendMany(fx.store, 300, { tag: 'order' });
    await startRelay();
    const expected = await waitForStreamToMatchStore(300);
    const messages = await stream();
    expect(messageIds(messages)).toEqual(expected);
    const first = messages[0];
    const [event] = await fx.store.readAll({ limit: 1 });
    expect(first?.subject).toBe(`${fx.nats.prefix}.events.cart.ITEM_ADDED`);
    expect(first && positionOf({ data: first.data, headers: first.header })).toBe(event?.position);
    expect(first?.header.get('Causeway-Correlation-Id')).toBe(event?.metadata.correlationId);
    expect(first?.header.get('Causeway-Causation-Id')).toBe(event?.metadata.causationId);
    expect(first?.json()).toEqual(event);
  });

  it('wakes on a hint instead of waiting for its poll', async () => {
    const wakeups = manualWakeups();
    const { relay } = await startRelay({ wakeups, pollIntervalMs: 600_000 });
    await waitFor(() => relay.metrics.passes >= 1, 'the first pass over an empty store');
    const { position } = await fx.store.append('cart-w', [newEvent('w', 1), newEvent('w', 2)]);
    wakeups.wake(position);
    await waitFor(async () => (await stream()).length === 2, 'the woken relay to publish');
  });

  it("wakes on the store's PostgreSQL notifications", async () => {
    const sqlClient = postgres(fx.db.url, { max: 1 });
    try {
      const { relay } = await startRelay({
        wakeups: postgresWakeups(sqlClient, EVENTS_CHANNEL),
        pollIntervalMs: 600_000,
      });
      // The first pass, then the one the LISTEN starting triggers: from now on, appends are heard.
      await waitFor(() => relay.metrics.passes >= 2, 'the relay to listen');
      await appendMany(fx.store, 20, { tag: 'notify' });
      await waitForStreamToMatchStore(20);
      expect(relay.metrics.published).toBe(20);
    } finally {
      await sqlClient.end({ timeout: 5 });
    }
  });

  it('leaves every event in the stream exactly once when killed at random points', async () => {
    const writing = appendMany(fx.store, 1_500, { tag: 'kill', concurrency: 3 });
    for (let round = 0; round < 6; round++) {
      const { relay, nc } = await startRelay({ window: 64, batchSize: 100 });
      const target = relay.metrics.published + 20 + Math.floor(Math.random() * 150);
      await waitFor(() => relay.metrics.published >= target || relay.metrics.errors > 0, 'some publishes');
      // No drain, no goodbye: whatever was in flight may or may not have reached the server.
      await nc.close();
      await relay.stop();
    }
    await writing;
    await startRelay();
    const expected = await waitForStreamToMatchStore(1_500);
    expect(messageIds(await stream())).toEqual(expected);
  });

  it('keeps two concurrent relays ordered and free of duplicates', async () => {
    const writing = appendMany(fx.store, 800, { tag: 'two', concurrency: 3 });
    const a = await startRelay({ window: 32, batchSize: 50 });
    const b = await startRelay({ window: 32, batchSize: 50 });
    await writing;
    const expected = await waitForStreamToMatchStore(800);
    await waitFor(async () => (await a.relay.lag()) === 0 && (await b.relay.lag()) === 0, 'both relays idle');
    expect(messageIds(await stream())).toEqual(expected);
  });
});
