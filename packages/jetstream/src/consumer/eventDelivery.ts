import type { DrizzleEventStore } from '@causeway/event-store';
import type { NatsConnection } from '@nats-io/nats-core';
import type { ConsumerTuning } from './definition.js';
import { type ConsumerRunner, runConsumer } from './runConsumer.js';
import type { ApplyPolicy, ConsumerEvents, Subscriber } from './subscriber.js';

export type SubscribeOptions = ApplyPolicy & ConsumerEvents & ConsumerTuning;

/**
 * Where subscribers run: JetStream (`natsDelivery`) or the in-process bus
 * (`createInProcessDelivery`). A service takes one of these and never knows which.
 */
export interface EventDelivery {
  subscribe(subscriber: Subscriber, options?: SubscribeOptions): ConsumerRunner;
}

export const natsDelivery = (transport: {
  nc: NatsConnection;
  store: DrizzleEventStore;
  prefix?: string;
}): EventDelivery => ({
  subscribe: (subscriber, options = {}) => runConsumer({ ...options, ...transport, subscriber }),
});
