import {
  CancelOrder,
  ConfirmOrder,
  type OrderCommandEnvelope,
  type PaymentCommandEnvelope,
  ProcessPayment,
  RefundPayment,
} from '@causeway/contracts';
import { type Metadata, uuidFromName } from '@causeway/kernel';
import type { SagaCommand } from '../orderSaga/sagaMessages.js';

/** What the saga sends: payment commands, and the order's confirm or cancel. */
export type SagaCommandEnvelope =
  | PaymentCommandEnvelope
  | Extract<OrderCommandEnvelope, { type: 'CONFIRM_ORDER' | 'CANCEL_ORDER' }>;

/** Sends one command and resolves once the bus has it durably (or throws). */
export type SendCommand = (command: SagaCommandEnvelope) => Promise<void>;

/**
 * The id of the command a saga decides at `step`: the same (order, step) always gives the same
 * id, so deciding again after a crash or a redelivery yields the very same command, which
 * JetStream (`Nats-Msg-Id`) and the receiving handler (idempotency by command id) de-duplicate.
 */
export const sagaCommandId = (orderId: string, step: string): string =>
  uuidFromName(`order-saga:${orderId}:${step}`);

export const toCommandEnvelope = (
  orderId: string,
  command: SagaCommand,
  metadata: Metadata,
  now: number,
): SagaCommandEnvelope => {
  const base = {
    id: sagaCommandId(orderId, command.step),
    aggregateId: command.aggregateId,
    metadata,
    timestamp: new Date(now).toISOString(),
  };
  switch (command.type) {
    case 'PROCESS_PAYMENT':
      return ProcessPayment.create({ ...base, payload: command.payload });
    case 'REFUND_PAYMENT':
      return RefundPayment.create({ ...base, payload: command.payload });
    case 'CONFIRM_ORDER':
      return ConfirmOrder.create({ ...base, payload: command.payload });
    case 'CANCEL_ORDER':
      return CancelOrder.create({ ...base, payload: command.payload });
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
};

/** The command bus address of a saga command: `commands.payment.*` or `commands.order.*`. */
export const commandServiceOf = (command: SagaCommandEnvelope): 'payment' | 'order' =>
  command.type === 'PROCESS_PAYMENT' || command.type === 'REFUND_PAYMENT' ? 'payment' : 'order';
