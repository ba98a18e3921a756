import {
  comparePositions,
  type EventStore,
  isPosition,
  maxPosition,
  type Position,
} from '@causeway/event-store';
import { type JetStreamClient, type JetStreamManager, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { isWrongLast } from '../errors/natsErrors.js';
import { topologyNames } from '../topology/names.js';
import { backoffDelay } from '../util/backoff.js';
import { lagBehindHead } from '../util/lag.js';
import { sleep, WakeSignal } from '../util/signal.js';
import { type Chain, publishPending } from './publishPipeline.js';
import { readTail } from './readTail.js';
import type { Wakeups } from './wakeups.js';

export interface RelayOptions {
  nc: NatsConnection;
  store: Pick<EventStore, 'readAll' | 'headPosition'>;
  prefix?: string;
  /** Hints that the store has new events (see `postgresWakeups`); polling covers lost hints. */
  wakeups?: Wakeups;
  /** Fallback poll while idle; defaults to 1 s. */
  pollIntervalMs?: number;
  /** Publishes awaiting their ack at once; defaults to 256. */
  window?: number;
  /** Events read from the store per query; defaults to 1000. */
  batchSize?: number;
  publishTimeoutMs?: number;
  /** Every failure, for logs; the relay itself re-reads the tail and carries on. */
  onError?: (error: unknown) => void;
}

export interface RelayMetrics {
  /** Events stored in the stream by this relay. */
  published: number;
  /** Publishes the stream recognised as already stored (another relay, or a retry). */
  duplicates: number;
  /** Publishes refused because the stream's end was not what this relay expected. */
  fenced: number;
  /** Other failures: timeouts, disconnects, store errors. */
  errors: number;
  /** Store position of the last event this relay saw acknowledged. */
  position: Position | undefined;
  /** Completed catch-up passes: a relay whose count stops growing is stuck. */
  passes: number;
}

export interface Relay {
  start(): void;
  /** Stops publishing, waits for the acks in flight, and returns. */
  stop(): Promise<void>;
  /** Nudges an idle relay (as a notification would), optionally with the position appended. */
  wake(position?: string): void;
  readonly metrics: Readonly<RelayMetrics>;
  readonly running: boolean;
  /** Events in the store after the last acknowledged one (see `lagBehindHead`). */
  lag(): Promise<number>;
}

/**
 * The only publisher of events: copies the store's log into the events stream, in order, resuming
 * from the stream's own last message (its checkpoint) on start and after every failure.
 */
export const createRelay = (options: RelayOptions): Relay => {
  const names = topologyNames(options.prefix);
  const signal = new WakeSignal();
  const metrics: RelayMetrics = {
    published: 0,
    duplicates: 0,
    fenced: 0,
    errors: 0,
    position: undefined,
    passes: 0,
  };
  let abort = new AbortController();
  let loop: Promise<void> | undefined;
  let stopping = false;
  let clients: { js: JetStreamClient; jsm: JetStreamManager } | undefined;
  /** The newest position a hint announced, until the relay has published it. */
  let hinted: Position | undefined;
  const onHint = (position?: string) => {
    if (isPosition(position)) hinted = maxPosition(hinted, position);
    signal.notify();
  };
  const pollInterval = options.pollIntervalMs ?? 1_000;

  const run = async () => {
    const unsubscribe = options.wakeups?.subscribe(onHint);
    let chain: Chain | undefined;
    let failures = 0;
    let unseenHintWaits = 0;
    try {
      while (!stopping) {
        try {
          clients ??= { js: jetstream(options.nc), jsm: await jetstreamManager(options.nc) };
          chain ??= { ...(await readTail(clients.jsm, names)), eventId: undefined };
          await publishPending(
            {
              js: clients.js,
              store: options.store,
              names,
              window: options.window ?? 256,
              batchSize: options.batchSize ?? 1000,
              publishTimeoutMs: options.publishTimeoutMs ?? 5_000,
              isStopping: () => stopping,
            },
            chain,
            metrics,
          );
          metrics.position = chain.position;
          metrics.passes += 1;
          failures = 0;
        } catch (error) {
          if (chain) metrics.position = chain.position;
          chain = undefined;
          failures += 1;
          if (isWrongLast(error)) metrics.fenced += 1;
          else metrics.errors += 1;
          options.onError?.(error);
          // A lost race is resolved by reading the tail at once; anything else backs off.
          if (!isWrongLast(error) || failures > 1) await sleep(backoffDelay(failures), abort.signal);
          continue;
        }
        const position = chain.position;
        if (hinted && (!position || comparePositions(hinted, position) > 0)) {
          // Announced but not yet readable: look again soon, backing off to the poll interval.
          unseenHintWaits += 1;
          await signal.wait(
            backoffDelay(unseenHintWaits, { initialMs: 10, maxMs: pollInterval }),
            abort.signal,
          );
        } else {
          hinted = undefined;
          unseenHintWaits = 0;
          await signal.wait(pollInterval, abort.signal);
        }
      }
    } finally {
      unsubscribe?.();
    }
  };

  return {
    start() {
      if (loop) return;
      stopping = false;
      abort = new AbortController();
      loop = run();
    },
    async stop() {
      stopping = true;
      abort.abort();
      await loop;
      loop = undefined;
    },
    wake: onHint,
    metrics,
    get running() {
      return loop !== undefined && !stopping;
    },
    lag: () => lagBehindHead(options.store, metrics.position),
  };
};
