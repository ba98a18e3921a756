import type { StoreDatabase, StoreTransaction } from '@causeway/event-store';
import { and, asc, eq, isNotNull, lte, not } from 'drizzle-orm';
import { unwrapQueryError } from '../db/unwrapQueryError.js';
import { isFinished, type OrderSagaState } from '../orderSaga/orderSagaState.js';
import { orderSagas } from '../schema/orderSagas.js';
import { type SentCommand, sagaHistory } from '../schema/sagaHistory.js';

export interface SagaRow {
  orderId: string;
  state: OrderSagaState;
  correlationId: string;
  lastCommandId: string | null;
}

const rowColumns = {
  orderId: orderSagas.orderId,
  state: orderSagas.state,
  correlationId: orderSagas.correlationId,
  lastCommandId: orderSagas.lastCommandId,
};

/** The saga's row, locked until the transaction ends: the timer skips it meanwhile. */
export const lockSaga = async (tx: StoreTransaction, orderId: string): Promise<SagaRow | undefined> => {
  const [row] = await tx
    .select(rowColumns)
    .from(orderSagas)
    .where(eq(orderSagas.orderId, orderId))
    .for('update')
    .catch(unwrapQueryError);
  return row;
};

/**
 * The saga whose payment deadline passed longest ago, locked; sagas another transaction holds
 * (the event path, another replica's timer) are skipped, not waited for.
 */
export const claimDueSaga = async (tx: StoreTransaction, now: Date): Promise<SagaRow | undefined> => {
  const [row] = await tx
    .select(rowColumns)
    .from(orderSagas)
    .where(
      and(
        isNotNull(orderSagas.paymentDeadline),
        lte(orderSagas.paymentDeadline, now),
        not(orderSagas.finished),
      ),
    )
    .orderBy(asc(orderSagas.paymentDeadline))
    .limit(1)
    .for('update', { skipLocked: true })
    .catch(unwrapQueryError);
  return row;
};

export const saveSaga = async (tx: StoreTransaction, row: SagaRow, now: Date): Promise<void> => {
  const values = {
    state: row.state,
    finished: isFinished(row.state),
    paymentDeadline: row.state.paymentDeadline ? new Date(row.state.paymentDeadline) : null,
    correlationId: row.correlationId,
    lastCommandId: row.lastCommandId,
    updatedAt: now,
  };
  await tx
    .insert(orderSagas)
    .values({ orderId: row.orderId, ...values, createdAt: now })
    .onConflictDoUpdate({ target: orderSagas.orderId, set: values })
    .catch(unwrapQueryError);
};

export interface HistoryEntry {
  orderId: string;
  inputType: string;
  inputId: string | null;
  position: string | null;
  commands: SentCommand[];
  stateAfter: OrderSagaState;
  recordedAt: Date;
}

export const appendHistory = async (tx: StoreTransaction, entry: HistoryEntry): Promise<void> => {
  await tx.insert(sagaHistory).values(entry).catch(unwrapQueryError);
};

export interface SagaView {
  orderId: string;
  state: OrderSagaState;
  finished: boolean;
  paymentDeadline: Date | null;
  correlationId: string;
  createdAt: Date;
  updatedAt: Date;
  history: Omit<HistoryEntry, 'orderId'>[];
}

/** A saga and its whole history, for operators. */
export const readSaga = async (db: StoreDatabase, orderId: string): Promise<SagaView | undefined> => {
  const [saga] = await db
    .select({
      orderId: orderSagas.orderId,
      state: orderSagas.state,
      finished: orderSagas.finished,
      paymentDeadline: orderSagas.paymentDeadline,
      correlationId: orderSagas.correlationId,
      createdAt: orderSagas.createdAt,
      updatedAt: orderSagas.updatedAt,
    })
    .from(orderSagas)
    .where(eq(orderSagas.orderId, orderId))
    .catch(unwrapQueryError);
  if (!saga) return undefined;
  const history = await db
    .select({
      inputType: sagaHistory.inputType,
      inputId: sagaHistory.inputId,
      position: sagaHistory.position,
      commands: sagaHistory.commands,
      stateAfter: sagaHistory.stateAfter,
      recordedAt: sagaHistory.recordedAt,
    })
    .from(sagaHistory)
    .where(eq(sagaHistory.orderId, orderId))
    .orderBy(asc(sagaHistory.id))
    .catch(unwrapQueryError);
  return { ...saga, history };
};

/** Every command a saga sent, oldest first. */
export const readSentCommands = async (
  db: StoreDatabase | StoreTransaction,
  orderId: string,
): Promise<SentCommand[]> => {
  const rows = await db
    .select({ commands: sagaHistory.commands })
    .from(sagaHistory)
    .where(eq(sagaHistory.orderId, orderId))
    .orderBy(asc(sagaHistory.id))
    .catch(unwrapQueryError);
  return rows.flatMap((row) => row.commands);
};

/** Order ids of the sagas not finished yet. */
export const unfinishedSagas = async (db: StoreDatabase): Promise<string[]> => {
  const rows = await db
    .select({ orderId: orderSagas.orderId })
    .from(orderSagas)
    .where(not(orderSagas.finished))
    .orderBy(asc(orderSagas.createdAt))
    .catch(unwrapQueryError);
  return rows.map((row) => row.orderId);
};
