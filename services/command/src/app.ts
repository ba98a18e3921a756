import type { DrizzleEventStore } from '@causeway/event-store';
import { uuidv7 } from '@causeway/kernel';
import { type App, type AppOptions, createApp, databaseCheck, natsCheck } from '@causeway/service-kit';
import type { NatsConnection } from '@nats-io/nats-core';
import { DEFAULT_COMMAND_RETRIES } from './commands/executeOrderCommand.js';
import { createOrderRoute } from './http/createOrderRoute.js';
import { addItemRoute, cancelOrderRoute } from './http/orderChangeRoute.js';
import type { OrderRouteDeps } from './http/orderRouteDeps.js';
import { commandMetrics } from './metrics/commandMetrics.js';

export interface CommandAppDeps {
  store: DrizzleEventStore;
  /** Checked by `/health/ready`; absent in embedded mode, which has no NATS. */
  nats?: Pick<NatsConnection, 'isClosed' | 'flush'> | undefined;
  /** `createApp` options (see `appOptionsFromConfig`); readiness checks are added to yours. */
  options?: Partial<AppOptions>;
  /** Conflict retries of an unconditional write before 409; default 5. */
  commandRetries?: number;
  /** Milliseconds since the epoch; default `Date.now`. */
  clock?: () => number;
  /** New ids (orders, commands, events); default UUIDv7. */
  newId?: (now: number) => string;
}

/**
 * The order command API: `POST /orders`, `POST /orders/:orderId/items`,
 * `POST /orders/:orderId/cancel`, plus service-kit's health, metrics and OpenAPI. Builds and
 * returns the app; never listens. Closing the app does not close `store` or `nats`: the caller
 * owns them (and registers their closing as `onClose` hooks, see `main.ts`).
 */
export const buildCommandApp = async (deps: CommandAppDeps): Promise<App> => {
  const { options = {} } = deps;
  const app = await createApp({
    name: 'command',
    description: 'Causeway order commands: create orders, add items, cancel',
    ...options,
    readiness: {
      database: databaseCheck(deps.store.db),
      ...(deps.nats === undefined ? {} : { nats: natsCheck(deps.nats) }),
      ...options.readiness,
    },
  });
  const clock = deps.clock ?? Date.now;
  const newId = deps.newId ?? uuidv7;
  const routeDeps: OrderRouteDeps = {
    context: {
      store: deps.store,
      retries: deps.commandRetries ?? DEFAULT_COMMAND_RETRIES,
      metrics: commandMetrics(app.metrics.registry),
      clock,
      newId,
    },
    newId: () => newId(clock()),
  };
  await app.register(createOrderRoute, routeDeps);
  await app.register(addItemRoute, routeDeps);
  await app.register(cancelOrderRoute, routeDeps);
  return app;
};
