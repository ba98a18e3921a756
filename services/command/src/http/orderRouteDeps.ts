import type { OrderCommandEnvelope } from '@causeway/contracts';
import type { EventStore } from '@causeway/event-store';
import {
  type ExecuteOptions,
  executeOrderCommand,
  type OrderCommandContext,
} from '../commands/executeOrderCommand.js';
import { toHttpError } from './toHttpError.js';

export interface OrderRouteDeps {
  // biome-ignore lint/suspicious/noExplicitAny: routes work with a store of any transaction type.
  context: OrderCommandContext<any> & { store: EventStore<any> };
  /** Ids of a request without an Idempotency-Key (order and command ids): UUIDv7. */
  newId: () => string;
}

/** Executes the command and turns a failure into what it means over HTTP. */
export const executeForHttp = async (
  deps: OrderRouteDeps,
  command: OrderCommandEnvelope,
  options: ExecuteOptions = {},
) => {
  try {
    return await executeOrderCommand(deps.context, command, options);
  } catch (error) {
    throw toHttpError(error, options.expectedVersion);
  }
};

export const ordersTag = ['orders'];
