import { type OrderCommandEnvelope, orderEvents } from '@causeway/contracts';
import {
  type EventStore,
  type HandleCommandResult,
  handleCommand,
  isIdempotencyKeyReusedError,
} from '@causeway/event-store';
import { isConcurrencyError, isDomainRuleError, isValidationError } from '@causeway/kernel';
import type { CommandMetrics, CommandOutcome } from '../metrics/commandMetrics.js';
import { orderDecider } from '../order/orderDecider.js';
import { expectingVersion } from './expectingVersion.js';
import { ownedBy } from './ownedBy.js';

/** Reloads after a concurrent write before giving up; enough for a hot order under a few writers. */
export const DEFAULT_COMMAND_RETRIES = 5;

export interface OrderCommandContext<Tx = unknown> {
  store: EventStore<Tx>;
  /** Conflict retries of an unconditional write (see `COMMAND_RETRIES`). */
  retries: number;
  metrics: CommandMetrics;
  /** Milliseconds since the epoch; default `Date.now`. */
  clock?: () => number;
  /** New event ids; default UUIDv7. */
  newId?: (now: number) => string;
}

export interface ExecuteOptions {
  /** `If-Match`: the version the caller saw. A conditional write is never retried. */
  expectedVersion?: number | undefined;
  /**
   * The caller may change only orders of this customer (the token's subject): another customer's
   * order answers ORDER_NOT_FOUND, like a missing one. Unset: no ownership check (the saga's commands).
   */
  owner?: string | undefined;
}

/**
 * Runs one order command through the decider and the store: load, decide, append, with the
 * command id as the idempotency key (a repeated command returns its first result, writing
 * nothing). Every order command goes through here, from HTTP and from the command bus alike.
 */
export const executeOrderCommand = async <Tx>(
  context: OrderCommandContext<Tx>,
  command: OrderCommandEnvelope,
  { expectedVersion, owner }: ExecuteOptions = {},
): Promise<HandleCommandResult> => {
  const conditional = expectedVersion !== undefined;
  let conflict: Error | undefined;
  // With an owner, an If-Match conflict waits until ownership is checked (see `ownedBy`).
  const defer = owner === undefined ? undefined : (error: Error) => (conflict = error);
  const handle = () =>
    handleCommand(
      conditional ? expectingVersion(context.store, expectedVersion, defer) : context.store,
      owner === undefined ? orderDecider : ownedBy(orderDecider, owner, () => conflict),
      command,
      {
        registry: orderEvents,
        retries: conditional ? 0 : context.retries,
        // A create names a fresh order: nothing to load, one statement (see `newStream`).
        newStream: command.type === 'CREATE_ORDER' && !conditional,
        ...(context.clock === undefined ? {} : { clock: context.clock }),
        ...(context.newId === undefined ? {} : { newId: context.newId }),
      },
    );
  try {
    const result = await handle();
    context.metrics.handled(command.type, result.duplicate ? 'duplicate' : 'accepted');
    return result;
  } catch (error) {
    context.metrics.handled(command.type, outcomeOf(error, conditional));
    throw error;
  }
};

const outcomeOf = (error: unknown, conditional: boolean): CommandOutcome => {
  if (isConcurrencyError(error)) return conditional ? 'precondition_failed' : 'conflict';
  if (isDomainRuleError(error)) return 'rejected';
  if (isValidationError(error) || isIdempotencyKeyReusedError(error)) return 'invalid';
  return 'failed';
};
