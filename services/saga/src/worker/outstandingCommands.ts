import type { OrderSagaState } from '../orderSaga/orderSagaState.js';
import type { SentCommand } from '../schema/sagaHistory.js';

/**
 * Commands the saga sent whose effect its state has not seen yet: a payment still requested, a
 * refund still asked, a confirm or cancel of an order still pending. Sending them again is
 * harmless (same ids: the bus and the handlers drop what they handled), and it recovers commands
 * a bus lost: the in-process bus of embedded mode drops what is queued when the process stops.
 */
export const outstandingCommands = (state: OrderSagaState, sent: readonly SentCommand[]): SentCommand[] => {
  const latest = new Map<string, SentCommand>();
  for (const command of sent) latest.set(command.step, command);
  const status = (paymentId: string) => state.payments.find((p) => p.paymentId === paymentId)?.status;
  const pending = state.order === 'PENDING';
  return [...latest.values()].filter((command) => {
    switch (command.type) {
      case 'PROCESS_PAYMENT':
        return status(command.aggregateId) === 'REQUESTED';
      case 'REFUND_PAYMENT':
        return status(command.aggregateId) === 'REFUND_REQUESTED';
      case 'CONFIRM_ORDER':
        return (
          pending && state.requested === 'CONFIRM' && command.step === `confirm-${state.payments.length}`
        );
      case 'CANCEL_ORDER':
        return pending && state.requested === 'CANCEL';
      default:
        return false;
    }
  });
};
