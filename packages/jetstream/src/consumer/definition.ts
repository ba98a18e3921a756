import { ValidationError } from '@causeway/kernel';
import type { ConsumerDefinition } from '../topology/definitions.js';
import type { TopologyNames } from '../topology/names.js';
import type { Subscriber } from './subscriber.js';

const NAME = /^[A-Za-z0-9_-]{1,64}$/;

export interface ConsumerTuning {
  ackWaitMs?: number;
  maxAckPending?: number;
}

export const assertSubscriberName = (name: string): void => {
  if (!NAME.test(name)) {
    throw new ValidationError('subscriber', [
      { path: 'name', message: `must be 1-64 letters, digits, _ or -, got ${JSON.stringify(name)}` },
    ]);
  }
};

/** The durable consumer a subscriber reads through: pass it to `ensureTopology` with the others. */
export const subscriberConsumer = (
  names: TopologyNames,
  subscriber: Pick<Subscriber, 'name' | 'filter'>,
  tuning: ConsumerTuning = {},
): ConsumerDefinition => {
  assertSubscriberName(subscriber.name);
  return {
    stream: 'events',
    durable: subscriber.name,
    filterSubject: names.eventFilter(subscriber.filter),
    ...(tuning.ackWaitMs === undefined ? {} : { ackWaitMs: tuning.ackWaitMs }),
    ...(tuning.maxAckPending === undefined ? {} : { maxAckPending: tuning.maxAckPending }),
  };
};
