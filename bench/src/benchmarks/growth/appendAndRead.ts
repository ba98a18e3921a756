import type { EventStore, NewEvent } from '@causeway/event-store';
import { orderCreated, orderItemAdded } from '../../fixtures/orderEvents.js';
import { type LoadOptions, runLoad } from '../../runner/load.js';
import type { Summary } from '../../runner/stats.js';

/** Orders stay realistic (the read model folds them): a stream takes at most this many events. */
const EVENTS_PER_ORDER = 50;

/** The `version`-th event (0-based) of an order stream: created first, then items. */
const nthEvent = (orderId: string, version: number): NewEvent =>
  version === 0 ? orderCreated(orderId) : orderItemAdded(orderId, version);

/**
 * Single-event appends by `concurrency` writers, each writing orders of up to 50 events one after
 * the other; `tag` keeps each run's streams new.
 */
export const measureAppends = (store: EventStore, tag: string, load: LoadOptions): Promise<Summary> => {
  const writers = Array.from({ length: load.concurrency }, () => ({ order: 0, version: 0 }));
  return runLoad(async (worker) => {
    const writer = writers[worker] as { order: number; version: number };
    if (writer.version === EVENTS_PER_ORDER) {
      writer.order += 1;
      writer.version = 0;
    }
    const orderId = `${tag}-w${worker}-o${writer.order}`;
    const { nextVersion } = await store.append(`order-${orderId}`, [nthEvent(orderId, writer.version)], {
      expectedVersion: writer.version,
    });
    writer.version = nextVersion;
    return 1;
  }, load);
};

export const PROBE_STREAMS = 200;
export const PROBE_LENGTH = 10;
const probeId = (i: number) => `growth-probe-${i}`;

/** The streams the read latency is measured on: written once, before anything else. */
export const writeProbeStreams = async (store: EventStore): Promise<number> => {
  for (let i = 0; i < PROBE_STREAMS; i++) {
    const events = Array.from({ length: PROBE_LENGTH }, (_, v) => nthEvent(probeId(i), v));
    await store.append(`order-${probeId(i)}`, events, { expectedVersion: 'noStream' });
  }
  return PROBE_STREAMS * PROBE_LENGTH;
};

/** readStream of a random probe stream, one at a time. */
export const measureReads = (store: EventStore, load: LoadOptions): Promise<Summary> =>
  runLoad(async () => {
    const i = Math.floor(Math.random() * PROBE_STREAMS);
    const { events } = await store.readStream(`order-${probeId(i)}`);
    if (events.length !== PROBE_LENGTH) throw new Error(`probe ${i} read ${events.length} events`);
    return events.length;
  }, load);
