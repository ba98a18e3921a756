import { type PaymentCommandEnvelope, paymentEvents } from '@causeway/contracts';
import {
  type EventStore,
  type HandleCommandResult,
  handleCommand,
  type StoreDatabase,
} from '@causeway/event-store';
import { ValidationError } from '@causeway/kernel';
import {
  createSimulatedGateway,
  type GatewayOptions,
  type GatewayRequest,
} from '../gateway/simulatedGateway.js';
import { paymentDecider } from '../payment/paymentDecider.js';

export type PaymentOutcome = 'processed' | 'failed' | 'refunded' | 'unchanged' | 'duplicate';

export interface PaymentCommandResult extends HandleCommandResult {
  outcome: PaymentOutcome;
}

export interface PaymentHandlerDeps {
  // biome-ignore lint/suspicious/noExplicitAny: a store on either driver.
  store: EventStore<any>;
  /** Where the gateway keeps its ledger (its own connection: a charge commits at once, like a remote one). */
  db: StoreDatabase;
  gateway: GatewayOptions;
  /** Milliseconds since the epoch, for event timestamps; default `Date.now`. */
  clock?: () => number;
}

/**
 * Overrides for one command, from the command bus runner: its transaction-bound store (so the
 * events commit with the runner's record of the command) and, on a one-connection database
 * (PGlite), the transaction for the gateway's ledger too (`ledgerInTransaction`).
 */
export interface PaymentHandlingContext {
  // biome-ignore lint/suspicious/noExplicitAny: a store on either driver.
  store?: EventStore<any>;
  /** The open transaction: the gateway's ledger is read before and written after the append, in it. */
  ledgerInTransaction?: StoreDatabase;
}

const outcomes: Record<string, PaymentOutcome> = {
  PAYMENT_PROCESSED: 'processed',
  PAYMENT_FAILED: 'failed',
  PAYMENT_REFUNDED: 'refunded',
};

const gatewayRequest = (command: PaymentCommandEnvelope): GatewayRequest => ({
  type: command.type,
  paymentId: command.aggregateId,
  orderId: command.payload.orderId,
  amount: command.payload.amount,
  commandId: command.id,
});

/**
 * Handles one PROCESS_PAYMENT or REFUND_PAYMENT: asks the gateway (idempotent per payment id, so a
 * redelivery after a crash between charge and append gets the recorded answer, not a second
 * charge), then decides with that answer and appends to `payment-<paymentId>` through
 * `handleCommand`, which records the command id: the same command again writes nothing. A
 * `DomainRuleError` (e.g. a second refund) is thrown for the caller to acknowledge and count.
 */
export const createPaymentCommandHandler =
  (deps: PaymentHandlerDeps) =>
  async (
    command: PaymentCommandEnvelope,
    context: PaymentHandlingContext = {},
  ): Promise<PaymentCommandResult> => {
    if (command.type === 'REFUND_PAYMENT' && command.payload.paymentId !== command.aggregateId) {
      throw new ValidationError(command.type, [
        { path: 'payload.paymentId', message: `must equal aggregateId ${command.aggregateId}` },
      ]);
    }
    const request = gatewayRequest(command);
    const shared = context.ledgerInTransaction;
    const gateway = createSimulatedGateway(shared ?? deps.db, deps.gateway);
    // On its own connection the gateway records as it answers. In a shared transaction it must
    // write after the append (the store's append takes its stream lock before the transaction's
    // first write), and everything commits, or not, together.
    const quote = shared
      ? await gateway.quote(request)
      : { answer: await gateway.ask(request), recorded: true };
    const result = await handleCommand(context.store ?? deps.store, paymentDecider(quote.answer), command, {
      registry: paymentEvents,
      retries: 3,
      ...(deps.clock ? { clock: deps.clock } : {}),
    });
    if (shared && !result.duplicate) await gateway.record(request, quote);
    const first = result.events[0];
    const outcome = result.duplicate
      ? 'duplicate'
      : first
        ? (outcomes[first.type] ?? 'unchanged')
        : 'unchanged';
    return { ...result, outcome };
  };
