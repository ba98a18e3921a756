import type { DrizzleEventStore } from '@causeway/event-store';
import type { SagaCommand } from '../orderSaga/sagaMessages.js';
import { lockSaga, readSentCommands, unfinishedSagas } from '../sagaStore/sagaRows.js';
import { outstandingCommands } from './outstandingCommands.js';
import type { SagaStepDeps } from './runSagaStep.js';
import { toCommandEnvelope } from './sagaCommands.js';

/**
 * Sends again, with their original ids, the commands of unfinished sagas whose effect has not been
 * seen (see `outstandingCommands`). Run at start-up: on JetStream it changes nothing (the commands
 * are stored, and resends are dropped as duplicates); on the in-process bus it recovers the
 * commands that were queued when the process stopped. Each saga's row is locked meanwhile, so
 * the event path and the timer never decide on it at the same time. Returns how many were sent.
 */
export const redriveOutstanding = async (
  store: Pick<DrizzleEventStore, 'db' | 'transaction'>,
  step: SagaStepDeps,
): Promise<number> => {
  let resent = 0;
  for (const orderId of await unfinishedSagas(store.db)) {
    resent += await store.transaction(async (tx) => {
      const row = await lockSaga(tx, orderId);
      if (!row) return 0;
      const commands = outstandingCommands(row.state, await readSentCommands(tx, orderId));
      const now = step.clock();
      for (const command of commands) {
        const metadata = {
          correlationId: row.correlationId,
          causationId: command.causationId ?? row.lastCommandId ?? `order-saga:${orderId}`,
        };
        const envelope = toCommandEnvelope(orderId, command as SagaCommand, metadata, now);
        await step.send(envelope);
        step.observer.commandSent(envelope.type);
      }
      return commands.length;
    });
  }
  return resent;
};
