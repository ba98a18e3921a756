import {
  comparePositions,
  type DrizzleEventStore,
  type Position,
  type StoredEvent,
} from '@causeway/event-store';
import { EventBus, type EventEnvelope, type Message } from '@causeway/kernel';
import { eventHeaders } from '../codec/eventMessage.js';
import { applyDeliveries } from '../consumer/applyDeliveries.js';
import { decodeDelivery } from '../consumer/decodeDelivery.js';
import { assertSubscriberName } from '../consumer/definition.js';
import type { Decoded } from '../consumer/delivery.js';
import type { EventDelivery, SubscribeOptions } from '../consumer/eventDelivery.js';
import type { ConsumerRunner } from '../consumer/runConsumer.js';
import type { ConsumerMetrics, HaltReason, RunnerStatus, Subscriber } from '../consumer/subscriber.js';
import type { Wakeups } from '../relay/wakeups.js';
import type { EventFilter } from '../topology/names.js';
import { lagBehindHead } from '../util/lag.js';
import { InProcessRelay } from './inProcessRelay.js';

export interface InProcessDeliveryOptions {
  store: DrizzleEventStore;
  /** Append hints (PGlite: call `wake` after appends, or pass `manualWakeups`); polling covers the rest. */
  wakeups?: Wakeups;
  pollIntervalMs?: number;
  /** The bus to feed; a new one by default. */
  bus?: EventBus;
  onError?: (error: unknown) => void;
}

export interface InProcessDelivery extends EventDelivery {
  readonly bus: EventBus;
  /** Starts feeding the bus (subscribe first: a later subscriber makes the feed rewind for it). */
  start(): void;
  /** Stops the feed and every subscriber it started. */
  stop(): Promise<void>;
  wake(position?: string): void;
}

const encoder = new TextEncoder();

const matches = (filter: EventFilter | undefined, event: EventEnvelope): boolean =>
  (filter?.aggregateType === undefined || filter.aggregateType === event.aggregateType) &&
  (filter?.eventType === undefined || filter.eventType === event.type);

/** The event as it would arrive over the wire, so parsing behaves exactly as on JetStream. */
const decodeStored = (event: StoredEvent, subscriber: Subscriber): Decoded =>
  decodeDelivery({ data: encoder.encode(JSON.stringify(event)), headers: eventHeaders(event) }, subscriber);

/**
 * Embedded mode: subscribers on the kernel's in-memory bus, fed from the store by an in-process
 * relay. The same `Subscriber` objects and policies as on JetStream, with the same guarantees
 * (order, effects and checkpoint in one transaction, retries, dead letters, halting); no NATS.
 */
export const createInProcessDelivery = (options: InProcessDeliveryOptions): InProcessDelivery => {
  const bus = options.bus ?? new EventBus();
  const relay = new InProcessRelay({
    store: options.store,
    bus,
    ...(options.wakeups ? { wakeups: options.wakeups } : {}),
    ...(options.pollIntervalMs ? { pollIntervalMs: options.pollIntervalMs } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
  });
  const runners = new Set<ConsumerRunner>();

  const subscribe = (subscriber: Subscriber, policy: SubscribeOptions = {}): ConsumerRunner => {
    assertSubscriberName(subscriber.name);
    const abort = new AbortController();
    const metrics = {
      applied: 0,
      skipped: 0,
      deadLettered: 0,
      retries: 0,
      position: undefined,
      sessions: 1,
      resets: 0,
    } as ConsumerMetrics & { sessions: number; resets: number };
    let status: RunnerStatus = 'running';
    let haltReason: HaltReason | undefined;
    let finish: () => void = () => {};
    const done = new Promise<void>((resolve) => {
      finish = resolve;
    });
    let applied: Position | undefined;
    const ready = options.store.readCheckpoint(subscriber.name).then((checkpoint) => {
      applied = checkpoint;
      relay.rewind(checkpoint);
    });
    const unsubscribe = bus.subscribeAll(async (message: Message) => {
      await ready;
      const event = message as StoredEvent;
      if (status !== 'running' || !matches(subscriber.filter, event)) return;
      if (applied && comparePositions(event.position, applied) <= 0) return;
      const outcome = await applyDeliveries(
        {
          store: options.store,
          subscriber,
          policy,
          metrics,
          abort: abort.signal,
          events: {
            ...policy,
            onHalt: (reason) => {
              haltReason = reason;
              policy.onHalt?.(reason);
            },
          },
        },
        [{ decoded: decodeStored(event, subscriber), ack: () => {} }],
      );
      if (outcome === 'done') applied = event.position;
      if (outcome === 'halted' && status === 'running') {
        status = 'halted';
        unsubscribe();
        finish();
      }
    }, subscriber.name);
    const runner: ConsumerRunner = {
      get status() {
        return status;
      },
      metrics,
      get haltReason() {
        return haltReason;
      },
      async stop() {
        if (status === 'running') status = 'stopped';
        abort.abort();
        unsubscribe();
        runners.delete(runner);
        finish();
      },
      done,
      lag: async () => lagBehindHead(options.store, await options.store.readCheckpoint(subscriber.name)),
    };
    runners.add(runner);
    return runner;
  };

  return {
    bus,
    subscribe,
    start: () => relay.start(),
    async stop() {
      await Promise.all([...runners].map((runner) => runner.stop()));
      await relay.stop();
    },
    wake: relay.wake,
  };
};
