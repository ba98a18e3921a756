import { allEvents, type OrderEventEnvelope, type PaymentEventEnvelope } from '@causeway/contracts';
import type { DrizzleEventStore } from '@causeway/event-store';
import type { Subscriber } from '@causeway/jetstream';
import { type App, type AppOptions, createApp, databaseCheck, natsCheck } from '@causeway/service-kit';
import type { NatsConnection } from '@nats-io/nats-core';
import { sagaRoute } from './http/sagaRoute.js';
import { sagaMetrics } from './metrics/sagaMetrics.js';
import { handleSagaEvent } from './worker/handleSagaEvent.js';
import { createReadHorizon } from './worker/readHorizon.js';
import { redriveOutstanding } from './worker/redriveOutstanding.js';
import type { SagaStepDeps } from './worker/runSagaStep.js';
import type { SendCommand } from './worker/sagaCommands.js';
import { createSagaTimer, type SagaTimer } from './worker/sagaTimer.js';

/** Checkpoint key and durable consumer name of the saga's event subscriber. */
export const SAGA_SUBSCRIBER = 'order-saga';

export interface SagaServiceDeps {
  store: DrizzleEventStore;
  /** Sends a command and resolves once the bus holds it (the JetStream command bus, or in-process). */
  send: SendCommand;
  /** Checked by `/health/ready`; absent in embedded mode, which has no NATS. */
  nats?: Pick<NatsConnection, 'isClosed' | 'flush'> | undefined;
  /** `createApp` options (see `appOptionsFromConfig`); readiness checks are added to yours. */
  options?: Partial<AppOptions>;
  /** Default 30 s. */
  paymentTimeoutMs?: number;
  /** Default 250 ms. */
  timerIntervalMs?: number;
  /** Milliseconds since the epoch; default `Date.now`. */
  clock?: () => number;
}

/** The saga's event subscriber: the same object runs on JetStream and on the in-process bus. */
export type SagaSubscriber = Subscriber<OrderEventEnvelope | PaymentEventEnvelope>;

export interface SagaService {
  /** Health, metrics, OpenAPI and `GET /sagas/:orderId`; not listening. */
  app: App;
  /** Run it with the consumer runner (or the in-process bus); it receives every event. */
  subscriber: SagaSubscriber;
  /** Not started: `timer.start()` once the subscriber runs, `timer.stop()` on close. */
  timer: SagaTimer;
  /**
   * Sends again the commands unfinished sagas still wait on (same ids: harmless duplicates when
   * they were delivered). Call at start-up, before `timer.start()`: it recovers commands the
   * in-process bus dropped when the process stopped. Resolves with how many were sent.
   */
  redrive(): Promise<number>;
}

/**
 * The order saga service, built from its dependencies with no module-level state, so several
 * can share a process (embedded mode, tests). Starts nothing and never listens: the caller runs
 * the subscriber, calls `redrive()`, starts the timer, and stops them before the bus and the store.
 */
export const buildSagaService = async (deps: SagaServiceDeps): Promise<SagaService> => {
  const { options = {} } = deps;
  const app = await createApp({
    name: 'saga',
    description: 'Causeway order saga: payment, confirmation, cancellation and refunds for every order',
    ...options,
    readiness: {
      database: databaseCheck(deps.store.db),
      ...(deps.nats === undefined ? {} : { nats: natsCheck(deps.nats) }),
      ...options.readiness,
    },
  });
  const step: SagaStepDeps = {
    send: deps.send,
    clock: deps.clock ?? Date.now,
    paymentTimeoutMs: deps.paymentTimeoutMs ?? 30_000,
    observer: sagaMetrics(app.metrics.registry, deps.store.db),
  };
  await app.register(sagaRoute, { db: deps.store.db });
  const subscriber: SagaSubscriber = {
    name: SAGA_SUBSCRIBER,
    registry: allEvents,
    // Every type the system has: an unknown one is bad input, dead-lettered with its type.
    unknownTypes: 'dead-letter',
    handle: async (event, tx) => {
      await handleSagaEvent(step, event, tx);
    },
  };
  const timer = createSagaTimer({
    store: deps.store,
    step,
    horizon: createReadHorizon({ store: deps.store, subscriber: SAGA_SUBSCRIBER, clock: step.clock }),
    ...(deps.timerIntervalMs === undefined ? {} : { intervalMs: deps.timerIntervalMs }),
    onError: (error) => app.log.error({ err: error }, 'saga timer tick failed; retrying next tick'),
  });
  return { app, subscriber, timer, redrive: () => redriveOutstanding(deps.store, step) };
};
