import type { StoreTransaction } from '@causeway/event-store';
import { react } from '../orderSaga/react.js';
import type { SagaInput } from '../orderSaga/sagaMessages.js';
import { appendHistory, type SagaRow, saveSaga } from '../sagaStore/sagaRows.js';
import type { SentCommand } from '../schema/sagaHistory.js';
import { type SagaCommandEnvelope, type SendCommand, toCommandEnvelope } from './sagaCommands.js';
import type { SagaObserver } from './sagaMetrics.js';

export interface SagaStepDeps {
  send: SendCommand;
  /** Milliseconds since the epoch. */
  clock: () => number;
  paymentTimeoutMs: number;
  observer: SagaObserver;
}

export interface SagaStep {
  orderId: string;
  input: SagaInput;
  /** The input's correlation id (an event's); the timer passes the saga's own. */
  correlationId: string;
  /** The event's id; the timer passes the saga's previous command id. */
  causationId: string;
  /** The event's id and position, for the history; null for the timer. */
  inputId: string | null;
  position: string | null;
}

/**
 * One saga decision inside the caller's transaction, on a row the caller has locked: react, SEND
 * the decided commands, then write the new state and a history entry. The caller commits
 * (with its checkpoint) only after the sends succeeded. A crash after sending and before the
 * commit leaves the old state: the input is delivered again, the saga decides the same commands
 * with the same ids (derived from order and step), and the bus and the handlers drop them as
 * duplicates. A failed send throws, the transaction rolls back, and the input is retried.
 */
export const runSagaStep = async (
  deps: SagaStepDeps,
  tx: StoreTransaction,
  row: SagaRow | undefined,
  step: SagaStep,
): Promise<SagaCommandEnvelope[]> => {
  const now = deps.clock();
  const reaction = react(row?.state, step.input, { now, paymentTimeoutMs: deps.paymentTimeoutMs });
  deps.observer.inputHandled(step.input.type);
  // No saga and none started: an event for an order this saga never saw (nothing to record).
  if (!reaction.state) return [];
  const correlationId = row?.correlationId ?? step.correlationId;
  const metadata = { correlationId, causationId: step.causationId };
  const commands = reaction.commands.map((command) =>
    toCommandEnvelope(step.orderId, command, metadata, now),
  );
  for (const command of commands) {
    await deps.send(command);
    deps.observer.commandSent(command.type);
  }
  const sent: SentCommand[] = reaction.commands.map((command, index) => ({
    id: (commands[index] as SagaCommandEnvelope).id,
    type: command.type,
    step: command.step,
    aggregateId: command.aggregateId,
    payload: command.payload,
    causationId: step.causationId,
  }));
  const at = new Date(now);
  await saveSaga(
    tx,
    {
      orderId: step.orderId,
      state: reaction.state,
      correlationId,
      lastCommandId: commands.at(-1)?.id ?? row?.lastCommandId ?? null,
    },
    at,
  );
  await appendHistory(tx, {
    orderId: step.orderId,
    inputType: step.input.type,
    inputId: step.inputId,
    position: step.position,
    commands: sent,
    stateAfter: reaction.state,
    recordedAt: at,
  });
  return commands;
};
