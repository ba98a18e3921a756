import { type OrderCommandEnvelope, orderCommands } from '@causeway/contracts';
import type { CommandHandler, CommandHandlerOptions } from '@causeway/jetstream';
import { DEFAULT_COMMAND_RETRIES, executeOrderCommand } from '../commands/executeOrderCommand.js';
import { type CommandMetrics, noCommandMetrics } from '../metrics/commandMetrics.js';

/** The command bus address of the order aggregate: the saga sends to `commands.order.<TYPE>`. */
export const ORDER_COMMAND_SERVICE = 'order';

export interface OrderCommandHandlersDeps {
  /** Shared with the HTTP routes (`commandMetrics(app.metrics.registry)`) to count every command. */
  metrics?: CommandMetrics;
  /** Conflict retries before the delivery fails and is retried by the bus; default 5. */
  commandRetries?: number;
  clock?: () => number;
  newId?: (now: number) => string;
  logger?: { warn(object: object, message: string): void };
}

/**
 * The order service's handlers for the command bus (`bus.handle(buildOrderCommandHandlers(…))`),
 * the same on JetStream and in embedded mode. `CONFIRM_ORDER` and `CANCEL_ORDER` go through the
 * order decider in the runner's transaction, so the events and the delivery's record commit
 * together; a rule violation (e.g. cancelling a confirmed order) is recorded as rejected and
 * not retried. Other order commands come over HTTP only and are rejected as unknown here.
 */
export const buildOrderCommandHandlers = (deps: OrderCommandHandlersDeps = {}): CommandHandlerOptions => {
  const handle: CommandHandler = (command, context) =>
    executeOrderCommand(
      {
        store: context.store,
        retries: deps.commandRetries ?? DEFAULT_COMMAND_RETRIES,
        metrics: deps.metrics ?? noCommandMetrics,
        ...(deps.clock === undefined ? {} : { clock: deps.clock }),
        ...(deps.newId === undefined ? {} : { newId: deps.newId }),
      },
      command as OrderCommandEnvelope,
    );
  return {
    service: ORDER_COMMAND_SERVICE,
    registry: orderCommands,
    handlers: { CONFIRM_ORDER: handle, CANCEL_ORDER: handle },
    onRejected: (rejection) => deps.logger?.warn({ rejection }, 'order command rejected'),
    onError: (error, context) =>
      deps.logger?.warn({ err: error, ...context }, 'order command failed, will retry'),
  };
};
