import type { CheckpointAssumption, DrizzleEventStore } from '@causeway/event-store';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { topologyNames } from '../topology/names.js';
import { backoffDelay } from '../util/backoff.js';
import { lagBehindHead } from '../util/lag.js';
import { sleep } from '../util/signal.js';
import { type ConsumerTuning, subscriberConsumer } from './definition.js';
import { runPullSession, type SessionContext } from './pullSession.js';
import type {
  ApplyPolicy,
  ConsumerEvents,
  ConsumerMetrics,
  HaltReason,
  RunnerStatus,
  Subscriber,
} from './subscriber.js';

export interface ConsumerOptions extends ApplyPolicy, ConsumerEvents, ConsumerTuning {
  nc: NatsConnection;
  store: DrizzleEventStore;
  subscriber: Subscriber;
  prefix?: string;
  /** Pull request lifetime; defaults to 10 s (heartbeats every 5 s, a dead pull noticed in ~10 s). */
  expiresMs?: number;
}

export interface ConsumerRunner {
  readonly status: RunnerStatus;
  readonly metrics: Readonly<ConsumerMetrics & { sessions: number; resets: number }>;
  /** Set once the runner halted on a poison message or a version gap. */
  readonly haltReason: HaltReason | undefined;
  /** Finishes the transaction in progress, acknowledges it, and stops. */
  stop(): Promise<void>;
  /** Resolves when the runner stops or halts. */
  readonly done: Promise<void>;
  /** Events in the store after this subscriber's checkpoint (see `lagBehindHead`). */
  lag(): Promise<number>;
}

/**
 * Runs a subscriber on its durable JetStream pull consumer until stopped: in order, effects and
 * checkpoint in one transaction before each ack, retries, dead letters, and recovery from lost
 * connections (NATS or PostgreSQL), deleted consumers and missed heartbeats.
 */
export const runConsumer = (options: ConsumerOptions): ConsumerRunner => {
  const names = topologyNames(options.prefix);
  const definition = subscriberConsumer(names, options.subscriber, options);
  const abort = new AbortController();
  const metrics = {
    applied: 0,
    skipped: 0,
    deadLettered: 0,
    retries: 0,
    position: undefined,
    sessions: 0,
    resets: 0,
  };
  let status: RunnerStatus = 'running';
  let haltReason: HaltReason | undefined;

  const run = async () => {
    const js = jetstream(options.nc);
    const known: { checkpoint: CheckpointAssumption | undefined } = { checkpoint: undefined };
    let failures = 0;
    while (!abort.signal.aborted) {
      try {
        const ctx: SessionContext = {
          js,
          jsm: await jetstreamManager(options.nc),
          stream: names.eventsStream,
          definition,
          expiresMs: options.expiresMs ?? 10_000,
          store: options.store,
          subscriber: options.subscriber,
          policy: options,
          events: {
            ...options,
            onHalt: (reason) => {
              haltReason = reason;
              options.onHalt?.(reason);
            },
          },
          metrics,
          known,
          abort: abort.signal,
          onReset: () => {
            metrics.resets += 1;
          },
        };
        metrics.sessions += 1;
        const before = metrics.applied + metrics.skipped + metrics.deadLettered;
        const outcome = await runPullSession(ctx, abort.signal);
        if (outcome === 'halted') {
          status = 'halted';
          return;
        }
        // A session that ended without progress (say, a consumer deleted under it) must not spin.
        const progressed = metrics.applied + metrics.skipped + metrics.deadLettered > before;
        failures = progressed ? 0 : failures + 1;
      } catch (error) {
        failures += 1;
        options.onError?.(error, { subscriber: options.subscriber.name, attempt: 0 });
      }
      if (failures > 0) await sleep(backoffDelay(failures, { initialMs: 100, maxMs: 5_000 }), abort.signal);
    }
    status = 'stopped';
  };

  const done = run();
  return {
    get status() {
      return status;
    },
    metrics,
    get haltReason() {
      return haltReason;
    },
    async stop() {
      abort.abort();
      await done;
    },
    done,
    lag: async () =>
      lagBehindHead(options.store, await options.store.readCheckpoint(options.subscriber.name)),
  };
};
