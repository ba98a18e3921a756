import { type PaymentCommandEnvelope, paymentCommands } from '@causeway/contracts';
import type { CommandHandler, CommandHandlerOptions } from '@causeway/jetstream';
import type { PaymentService } from '../app.js';

/** The command bus address of payments: the saga sends to `commands.payment.<TYPE>`. */
export const PAYMENT_COMMAND_SERVICE = 'payment';

export interface PaymentCommandHandlersDeps {
  logger?: { warn(object: object, message: string): void };
}

/**
 * The payment service's handlers for the command bus (`bus.handle(paymentCommandHandlers(service))`),
 * the same on JetStream and in embedded mode. Each command runs in the runner's transaction, with
 * the runner's transaction-bound store, so the events and the delivery's record commit together;
 * a payment rule's refusal is recorded as rejected and not retried.
 */
export const paymentCommandHandlers = (
  service: Pick<PaymentService, 'handle'>,
  deps: PaymentCommandHandlersDeps = {},
): CommandHandlerOptions => {
  const handle: CommandHandler = (command, context) =>
    service.handle(command as PaymentCommandEnvelope, context);
  return {
    service: PAYMENT_COMMAND_SERVICE,
    registry: paymentCommands,
    handlers: { PROCESS_PAYMENT: handle, REFUND_PAYMENT: handle },
    onRejected: (rejection) => deps.logger?.warn({ rejection }, 'payment command rejected'),
    onError: (error, context) =>
      deps.logger?.warn({ err: error, ...context }, 'payment command failed, will retry'),
  };
};
