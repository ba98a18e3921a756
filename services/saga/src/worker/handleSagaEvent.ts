import type { OrderEventEnvelope, PaymentEventEnvelope } from '@causeway/contracts';
import type { StoreTransaction } from '@causeway/event-store';
import type { SagaInput } from '../orderSaga/sagaMessages.js';
import { lockSaga } from '../sagaStore/sagaRows.js';
import { runSagaStep, type SagaStepDeps } from './runSagaStep.js';
import type { SagaCommandEnvelope } from './sagaCommands.js';

export type SagaEvent = (OrderEventEnvelope | PaymentEventEnvelope) & { readonly position?: string };

/** The saga an event belongs to: an order event's stream, or the order a payment names. */
export const orderIdOf = (event: SagaEvent): string => {
  switch (event.type) {
    case 'PAYMENT_PROCESSED':
    case 'PAYMENT_FAILED':
    case 'PAYMENT_REFUNDED':
      return event.payload.orderId;
    default:
      return event.aggregateId;
  }
};

const inputOf = (event: SagaEvent): SagaInput =>
  ({ type: event.type, aggregateId: event.aggregateId, payload: event.payload }) as SagaInput;

/**
 * The event path: lock the saga's row, decide, send, write. Runs inside the consumer's checkpoint
 * transaction (`withCheckpoint`), so state and checkpoint commit together after the sends, and
 * the message is acknowledged after that commit.
 */
export const handleSagaEvent = async (
  deps: SagaStepDeps,
  event: SagaEvent,
  tx: StoreTransaction,
): Promise<SagaCommandEnvelope[]> => {
  const orderId = orderIdOf(event);
  const row = await lockSaga(tx, orderId);
  return runSagaStep(deps, tx, row, {
    orderId,
    input: inputOf(event),
    correlationId: event.metadata.correlationId,
    causationId: event.id,
    inputId: event.id,
    position: event.position ?? null,
  });
};
