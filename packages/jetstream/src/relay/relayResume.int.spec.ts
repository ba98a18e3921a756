import { waitFor } from '@causeway/kernel/testing';
import { jetstream } from '@nats-io/jetstream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectNats } from '../connection/connectNats.js';
import { isWrongLast } from '../errors/natsErrors.js';
import { type DeliveryFixture, deliveryFixture } from '../testSupport/deliveryFixture.js';
import { duplicateWindowProbe } from '../testSupport/duplicateWindow.js';
import { appendMany } from '../testSupport/events.js';
import { storeEvents, storeIds } from '../testSupport/storeContents.js';
import { deleteStreamMessage, messageIds, streamMessages } from '../testSupport/streamContents.js';
import { publishPending } from './publishPipeline.js';
import { readTail } from './readTail.js';
import { createRelay, type Relay } from './relay.js';

const WINDOW_MS = 1_500;
let fx: DeliveryFixture;
let relays: Relay[] = [];

beforeEach(async () => {
  fx = await deliveryFixture('resume', { duplicateWindowMs: WINDOW_MS });
});
afterEach(async () => {
  await Promise.all(relays.map((relay) => relay.stop()));
  relays = [];
  await fx.cleanup();
});

const startRelay = () => {
  const relay = createRelay({ nc: fx.nats.nc, store: fx.store, prefix: fx.nats.prefix, pollIntervalMs: 50 });
  relays.push(relay);
  relay.start();
  return relay;
};
const stream = () => streamMessages(fx.nats.jsm, fx.nats.names.eventsStream);
/** Waits until the stream holds `count` messages: a relay's lag of 0 may mean the tail is not yet readable. */
const streamHolds = (count: number) =>
  waitFor(
    async () => (await fx.nats.jsm.streams.info(fx.nats.names.eventsStream)).state.messages >= count,
    `${count} messages in the stream`,
  );

describe('relay resuming from the stream tail', () => {
  it('republishes nothing after being stopped for longer than the duplicate window', async () => {
    await appendMany(fx.store, 200);
    const probe = await duplicateWindowProbe(fx.nats.jsm, fx.nats.js, fx.nats.prefix, WINDOW_MS);
    const first = startRelay();
    await streamHolds(200);
    await first.stop();
    await probe.start();
    await probe.passed();

    const second = startRelay();
    await appendMany(fx.store, 50, { tag: 'after' });
    await streamHolds(250);
    await waitFor(() => second.metrics.passes > 0, 'a completed pass');
    expect(messageIds(await stream())).toEqual(await storeIds(fx.store, 250));
    expect(second.metrics).toMatchObject({ published: 50, duplicates: 0 });
  });

  it('republishes, in order, a tail deleted from the stream once the window has passed', async () => {
    await appendMany(fx.store, 100);
    const probe = await duplicateWindowProbe(fx.nats.jsm, fx.nats.js, fx.nats.prefix, WINDOW_MS);
    const first = startRelay();
    await streamHolds(100);
    await first.stop();
    await probe.start();
    await probe.passed();
    // Stands in for a server crash that lost its acknowledged, not yet synced, tail.
    const { state } = await fx.nats.jsm.streams.info(fx.nats.names.eventsStream);
    for (let seq = state.last_seq; seq > state.last_seq - 5; seq--) {
      await deleteStreamMessage(fx.nats.jsm, fx.nats.names.eventsStream, seq);
    }
    expect(await stream()).toHaveLength(95);

    const second = startRelay();
    await streamHolds(100);
    expect(messageIds(await stream())).toEqual(await storeIds(fx.store, 100));
    expect(second.metrics.published).toBe(5);
  });

  it('fences off a publisher whose view of the tail is stale, whatever the duplicate window', async () => {
    await appendMany(fx.store, 20);
    const probe = await duplicateWindowProbe(fx.nats.jsm, fx.nats.js, fx.nats.prefix, WINDOW_MS);
    const tenth = (await storeEvents(fx.store, 20))[9];
    const relay = startRelay();
    await streamHolds(20);
    await relay.stop();
    await probe.start();
    await probe.passed();

    // A relay that still believes the stream ends at the 10th event, and publishes the 11th.
    const nc = await connectNats({ servers: fx.nats.nc.getServer() });
    const stale = { position: tenth?.position, eventId: tenth?.id, lastSequence: 10 };
    const failure = await publishPending(
      {
        js: jetstream(nc),
        store: fx.store,
        names: fx.nats.names,
        window: 8,
        batchSize: 100,
        publishTimeoutMs: 2_000,
        isStopping: () => false,
      },
      stale,
      { published: 0, duplicates: 0 },
    ).catch((error: unknown) => error);
    await nc.close();
    expect(isWrongLast(failure)).toBe(true);
    expect(messageIds(await stream())).toEqual(await storeIds(fx.store, 20));
    expect((await readTail(fx.nats.jsm, fx.nats.names)).lastSequence).toBe(20);
  });
});
