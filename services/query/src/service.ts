import type { DrizzleEventStore } from '@causeway/event-store';
import type { ConsumerRunner, EventDelivery, SubscribeOptions } from '@causeway/jetstream';
import type { App, AppOptions } from '@causeway/service-kit';
import type { NatsConnection } from '@nats-io/nats-core';
import { buildQueryApp } from './app.js';
import { type CheckpointWatcher, createCheckpointWatcher } from './consistency/checkpointWatcher.js';
import {
  createOrderSummaryProjection,
  type OrderSummaryProjection,
} from './projection/orderSummaryProjection.js';

export interface QueryServiceDeps {
  /** Migrated: the event store's, `migrateDelivery`'s and `migrateReadModel`'s tables. */
  store: DrizzleEventStore;
  /** Where the projection runs: `natsDelivery(...)` (JetStream) or `createInProcessDelivery(...)` (embedded). */
  delivery: EventDelivery;
  /** Checked by `/health/ready`; absent in embedded mode. */
  nats?: Pick<NatsConnection, 'isClosed' | 'flush'> | undefined;
  minPositionWaitMs?: number;
  /** Retries, dead-letter policy and tuning of the projection's consumer. */
  subscribe?: SubscribeOptions;
  /** `createApp` options (see `appOptionsFromConfig`). */
  options?: Partial<AppOptions>;
}

export interface QueryService {
  app: App;
  projection: OrderSummaryProjection;
  runner: ConsumerRunner;
  watcher: CheckpointWatcher;
  /** Stops the projection's consumer (after its transaction in progress) and the watcher. */
  stop(): Promise<void>;
}

/**
 * The whole query service on given connections: the projection subscribed through `delivery`,
 * the checkpoint watcher and the HTTP app (not listening). The same in stack and embedded mode;
 * the caller decides when to listen and closes the connections after `stop()`.
 */
export const buildQueryService = async (deps: QueryServiceDeps): Promise<QueryService> => {
  const projection = createOrderSummaryProjection();
  const watcher = createCheckpointWatcher({ read: () => deps.store.readCheckpoint(projection.name) });
  let runner: ConsumerRunner | undefined;
  const app = await buildQueryApp({
    store: deps.store,
    nats: deps.nats,
    projection,
    watcher,
    ...(deps.minPositionWaitMs === undefined ? {} : { minPositionWaitMs: deps.minPositionWaitMs }),
    runnerStatus: () => runner?.status,
    options: deps.options ?? {},
  });
  const policy = deps.subscribe ?? {};
  runner = deps.delivery.subscribe(projection, {
    ...policy,
    onError: (error, context) => {
      app.log.warn({ err: error, ...context }, 'projection: attempt failed');
      policy.onError?.(error, context);
    },
    onDeadLetter: (record) => {
      app.log.error({ deadLetter: record }, 'projection: event dead-lettered');
      policy.onDeadLetter?.(record);
    },
    onHalt: (reason) => {
      app.log.fatal({ err: reason.error, eventId: reason.eventId }, 'projection: halted');
      policy.onHalt?.(reason);
    },
  });
  const started = runner;
  return {
    app,
    projection,
    runner: started,
    watcher,
    stop: async () => {
      await started.stop();
      watcher.close();
    },
  };
};
