import type { DrizzleEventStore } from '@causeway/event-store';
import type { RunnerStatus } from '@causeway/jetstream';
import { type App, type AppOptions, createApp, databaseCheck, natsCheck } from '@causeway/service-kit';
import type { NatsConnection } from '@nats-io/nats-core';
import type { CheckpointWatcher } from './consistency/checkpointWatcher.js';
import { projectionCheck } from './health.js';
import { orderRoutes } from './http/orderRoutes.js';
import { projectionRoutes } from './http/projectionRoutes.js';
import type { RouteDeps } from './http/routeDeps.js';
import { registerQueryMetrics } from './metrics/queryMetrics.js';
import type { OrderSummaryProjection } from './projection/orderSummaryProjection.js';

export const DEFAULT_MIN_POSITION_WAIT_MS = 3_000;

export interface QueryAppDeps {
  store: DrizzleEventStore;
  /** Checked by `/health/ready`; absent in embedded mode, which has no NATS. */
  nats?: Pick<NatsConnection, 'isClosed' | 'flush'> | undefined;
  projection: OrderSummaryProjection;
  /** Follows the projection's checkpoint (see `createCheckpointWatcher`): `minPosition` waits on it. */
  watcher: CheckpointWatcher;
  /** How long a read with `minPosition` waits for the projection before 503; default 3 s. */
  minPositionWaitMs?: number;
  /** The status of this process's projection consumer, if it runs one: shown in `/projections`; halted fails readiness. */
  runnerStatus?: () => RunnerStatus | undefined;
  /** `createApp` options (see `appOptionsFromConfig`); readiness checks are added to yours. */
  options?: Partial<AppOptions>;
}

/**
 * The query API: `GET /orders/:orderId`, `GET /orders`, `GET /orders/:orderId/history`,
 * `GET /projections`, plus service-kit's health, metrics and OpenAPI. Builds, never listens. The
 * caller owns the store, NATS, the watcher and the consumer, and closes them in `onClose` hooks.
 */
export const buildQueryApp = async (deps: QueryAppDeps): Promise<App> => {
  const { options = {} } = deps;
  const app = await createApp({
    name: 'query',
    description: 'Causeway order queries: the order read model, order history, projection status',
    ...options,
    readiness: {
      database: databaseCheck(deps.store.db),
      ...(deps.nats === undefined ? {} : { nats: natsCheck(deps.nats) }),
      ...(deps.runnerStatus === undefined ? {} : { projection: projectionCheck(deps.runnerStatus) }),
      ...options.readiness,
    },
  });
  registerQueryMetrics(app.metrics.registry, deps.store, deps.projection);
  const routeDeps: RouteDeps = {
    store: deps.store,
    watcher: deps.watcher,
    minPositionWaitMs: deps.minPositionWaitMs ?? DEFAULT_MIN_POSITION_WAIT_MS,
    projections: [{ name: deps.projection.name, status: deps.runnerStatus ?? (() => undefined) }],
  };
  await app.register(orderRoutes, routeDeps);
  await app.register(projectionRoutes, routeDeps);
  return app;
};
