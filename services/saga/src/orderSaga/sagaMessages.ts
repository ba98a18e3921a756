import type {
  CancelOrder,
  ConfirmOrder,
  OrderEvent,
  PaymentEvent,
  ProcessPayment,
  RefundPayment,
} from '@causeway/contracts';
import type { MessageOf } from '@causeway/kernel';
import type { OrderSagaState } from './orderSagaState.js';

/** What the saga reacts to: order and payment events (with their stream's id), and its own timer. */
export type SagaInput =
  | ((OrderEvent | PaymentEvent) & { aggregateId: string })
  | { type: 'PAYMENT_TIMED_OUT'; aggregateId: string };

/**
 * A command the saga decided to send. `step` names the decision within this saga; the command id
 * is derived from (saga, step), so deciding again on a redelivered event yields the same command.
 */
export type SagaCommand = (
  | MessageOf<typeof ProcessPayment>
  | MessageOf<typeof RefundPayment>
  | MessageOf<typeof ConfirmOrder>
  | MessageOf<typeof CancelOrder>
) & { step: string; aggregateId: string };

export interface SagaContext {
  /** Milliseconds since the epoch, as of the input. */
  now: number;
  paymentTimeoutMs: number;
}

export interface Reaction {
  state: OrderSagaState | undefined;
  commands: SagaCommand[];
}
