import { EVENTS_CHANNEL, type EventStore } from '@causeway/event-store';
import { createRelay, type PostgresListener, postgresWakeups, type Relay } from '@causeway/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import type { FastifyBaseLogger } from 'fastify';
import type { Registry } from 'prom-client';
import { registerRelayMetrics } from '../metrics/relayMetrics.js';

export interface RelayDeps {
  nc: NatsConnection;
  store: Pick<EventStore, 'readAll' | 'headPosition'>;
  /** Stream and subject prefix (`CAUSEWAY_PREFIX`). */
  prefix?: string;
  /** A postgres.js client to LISTEN on the store's append channel; without it the relay polls. */
  listener?: PostgresListener;
  logger: Pick<FastifyBaseLogger, 'warn'>;
  /** Where the relay's metrics go (the app's registry); omitted: none. */
  registry?: Registry;
  pollIntervalMs?: number;
}

/**
 * The relay (store -> JetStream), woken by the store's NOTIFY after each append and polling as a
 * fallback. Not started: the caller starts it and stops it on shutdown.
 */
export const buildRelay = (deps: RelayDeps): Relay => {
  const onError = (error: unknown) =>
    deps.logger.warn({ err: error }, 'relay: failed, resuming from the stream tail');
  const relay = createRelay({
    nc: deps.nc,
    store: deps.store,
    ...(deps.prefix === undefined ? {} : { prefix: deps.prefix }),
    ...(deps.listener === undefined
      ? {}
      : { wakeups: postgresWakeups(deps.listener, EVENTS_CHANNEL, onError) }),
    ...(deps.pollIntervalMs === undefined ? {} : { pollIntervalMs: deps.pollIntervalMs }),
    onError,
  });
  if (deps.registry) registerRelayMetrics(deps.registry, relay);
  return relay;
};
