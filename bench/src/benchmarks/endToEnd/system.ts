import type { AddressInfo } from 'node:net';
import { buildCommandApp, buildOrderCommandHandlers, buildRelay } from '@causeway/command-service';
import { allEvents, type PaymentCommandEnvelope, paymentCommands } from '@causeway/contracts';
import { createPostgresEventStore, type DrizzleEventStore } from '@causeway/event-store';
import type { TestDatabase } from '@causeway/event-store/testing';
import {
  type CommandRunner,
  type ConsumerRunner,
  createCommandBus,
  ensureTopology,
  natsDelivery,
  type Relay,
  runConsumer,
} from '@causeway/jetstream';
import { isolateNats, type NatsIsolation } from '@causeway/jetstream/testing';
import { buildPaymentService } from '@causeway/payment-service';
import { buildQueryService, type QueryService } from '@causeway/query-service';
import { buildSagaService, commandServiceOf, type SagaService } from '@causeway/saga-service';
import type { App } from '@causeway/service-kit';
import postgres from 'postgres';
import { benchDatabase } from '../../fixtures/database.js';

/** Rate limits stay registered (their cost is real) with a limit no run reaches; no logs. */
const APP_OPTIONS = { logger: false as const, rateLimit: { max: 1_000_000_000, timeWindowMs: 60_000 } };
/** The payment service's command bus address (its main.ts's PAYMENT_COMMAND_SERVICE, not exported). */
const PAYMENT_SERVICE = 'payment';

export interface System {
  database: TestDatabase;
  nats: NatsIsolation;
  commandUrl: string;
  queryUrl: string;
  /** A connection of the benchmark's own, for counting and timing what the services stored. */
  sql: postgres.Sql;
  /** Failures any component reported (they retry by themselves, but a clean run has none). */
  errors: string[];
  relay: Relay;
  projection: ConsumerRunner;
  saga: ConsumerRunner;
  /** True when every event is published and every subscriber has applied all of them. */
  caughtUp(): Promise<boolean>;
  close(): Promise<void>;
}

const listen = async (app: App): Promise<string> => {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
};

/**
 * The reference system in this process, wired as each service's main.ts wires it: the command
 * API with the relay (woken by NOTIFY) and the order command consumer, the query service (API
 * and projection), the saga (consumer and timer) and the payment command handlers, each service
 * with its own connection pool, on a fresh database and a stream prefix of their own.
 */
export interface SystemOptions {
  /** Sees every statement any service sends (for profiling: which statements, how many). */
  onQuery?: (pool: string, query: string) => void;
}

export const startSystem = async (options: SystemOptions = {}): Promise<System> => {
  const database = await benchDatabase({ label: 'bench_e2e', schemas: 'all' });
  const nats = await isolateNats({ label: 'benche2e' });
  const closers: (() => Promise<unknown>)[] = [() => database.drop(), () => nats.cleanup()];
  const errors: string[] = [];
  let closing = false;
  // Failures reported while shutting down (connections ending under a component) are not the run's.
  const onError = (where: string) => (error: unknown) => {
    if (closing || errors.length >= 20) return;
    errors.push(`${where}: ${error instanceof Error ? error.message : String(error)}`);
  };
  const close = async () => {
    closing = true;
    for (const closer of closers.splice(0).reverse()) {
      await closer().catch((error: unknown) => console.error(`e2e: closing failed: ${String(error)}`));
    }
  };
  try {
    const { nc, prefix } = nats;
    await ensureTopology({ nc, prefix });
    const pool = (max: number, name = 'bench') => {
      const onQuery = options.onQuery;
      const sql = postgres(database.url, {
        max,
        onnotice: () => {},
        ...(onQuery ? { debug: (_connection: number, query: string) => onQuery(name, query) } : {}),
      });
      closers.push(() => sql.end({ timeout: 5 }));
      return sql;
    };
    const store = async (
      name: string,
      max: number,
      registry?: typeof allEvents,
    ): Promise<DrizzleEventStore> => {
      const opened = await createPostgresEventStore({
        sql: pool(max, name),
        ...(registry ? { registry } : {}),
      });
      closers.push(() => opened.close());
      return opened;
    };

    // command service: API, relay, CONFIRM/CANCEL consumer
    const commandSql = pool(10, 'command');
    const commandStore = await createPostgresEventStore({ sql: commandSql });
    closers.push(() => commandStore.close());
    const commandApp = await buildCommandApp({ store: commandStore, nats: nc, options: APP_OPTIONS });
    closers.push(() => commandApp.close());
    const relay: Relay = buildRelay({
      nc,
      store: commandStore,
      prefix,
      listener: commandSql,
      logger: { warn: (object: unknown) => onError('relay')((object as { err?: unknown }).err ?? object) },
    });
    relay.start();
    closers.push(() => relay.stop());
    const orderCommands: CommandRunner = createCommandBus({ nc, store: commandStore, prefix }).handle(
      buildOrderCommandHandlers({
        logger: { warn: (object) => onError('order commands')(JSON.stringify(object)) },
      }),
    );
    closers.push(() => orderCommands.stop());

    // query service: API and the order-summaries projection
    const queryStore = await store('query', 10, allEvents);
    const query: QueryService = await buildQueryService({
      store: queryStore,
      delivery: natsDelivery({ nc, store: queryStore, prefix }),
      nats: nc,
      minPositionWaitMs: 30_000,
      subscribe: { onError: onError('projection') },
      options: APP_OPTIONS,
    });
    closers.push(
      () => query.app.close(),
      () => query.stop(),
    );

    // payment service: PROCESS_PAYMENT / REFUND_PAYMENT handlers
    const paymentStore = await store('payment', 6);
    const payment = await buildPaymentService({ store: paymentStore, nats: nc, options: APP_OPTIONS });
    const handlePayment = (command: unknown, context: Parameters<typeof payment.handle>[1]) =>
      payment.handle(command as PaymentCommandEnvelope, context);
    const payments = createCommandBus({ nc, store: paymentStore, prefix }).handle({
      service: PAYMENT_SERVICE,
      registry: paymentCommands,
      handlers: { PROCESS_PAYMENT: handlePayment, REFUND_PAYMENT: handlePayment },
      onError: onError('payments'),
    });
    closers.push(
      () => payment.app.close(),
      () => payments.stop(),
    );

    // saga service: event consumer and timer
    const sagaStore = await store('saga', 6);
    const sagaBus = createCommandBus({ nc, prefix });
    const saga: SagaService = await buildSagaService({
      store: sagaStore,
      send: (command) => sagaBus.send(command, { service: commandServiceOf(command) }),
      nats: nc,
      options: APP_OPTIONS,
    });
    const sagaRunner: ConsumerRunner = runConsumer({
      nc,
      store: sagaStore,
      subscriber: saga.subscriber,
      prefix,
      onError: onError('saga'),
    });
    saga.timer.start();
    closers.push(
      () => saga.app.close(),
      () => sagaRunner.stop(),
      () => saga.timer.stop(),
    );

    const sql = pool(2);
    return {
      database,
      nats,
      commandUrl: await listen(commandApp),
      queryUrl: await listen(query.app),
      sql,
      errors,
      relay,
      projection: query.runner,
      saga: sagaRunner,
      caughtUp: async () =>
        (await relay.lag()) === 0 && (await query.runner.lag()) === 0 && (await sagaRunner.lag()) === 0,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
};
