import type { DrizzleEventStore } from '@causeway/event-store';
import type { NatsConnection } from '@nats-io/nats-core';
import { connectNats } from '../connection/connectNats.js';
import { type ConsumerOptions, type ConsumerRunner, runConsumer } from '../consumer/runConsumer.js';
import type { Subscriber } from '../consumer/subscriber.js';
import { createRelay, type Relay } from '../relay/relay.js';
import type { DeliveryFixture } from './deliveryFixture.js';
import { recordEffect } from './effects.js';

/** Starts relays and runners on connections of their own, and stops them all at the end. */
export const consumerHarness = (fx: () => DeliveryFixture) => {
  const stops: Array<() => Promise<void>> = [];
  const connect = async () => {
    const nc = await connectNats({ servers: fx().nats.nc.getServer() });
    stops.push(() => nc.close());
    return nc;
  };
  return {
    connect,
    async relay(options: { nc?: NatsConnection } = {}): Promise<Relay> {
      const relay = createRelay({
        nc: options.nc ?? (await connect()),
        store: fx().store,
        prefix: fx().nats.prefix,
        pollIntervalMs: 50,
      });
      stops.push(() => relay.stop());
      relay.start();
      return relay;
    },
    async consumer(
      options: Partial<ConsumerOptions> & { name?: string; store?: DrizzleEventStore } = {},
    ): Promise<{ runner: ConsumerRunner; nc: NatsConnection }> {
      const name = options.name ?? 'effects';
      const subscriber: Subscriber = options.subscriber ?? { name, handle: recordEffect(name) };
      const nc = options.nc ?? (await connect());
      const runner = runConsumer({
        store: fx().store,
        prefix: fx().nats.prefix,
        retry: { initialMs: 10, maxMs: 50 },
        ...options,
        nc,
        subscriber,
      });
      stops.push(() => runner.stop());
      return { runner, nc };
    },
    async stopAll() {
      for (const stop of stops.splice(0).reverse()) await stop().catch(() => {});
    },
  };
};
