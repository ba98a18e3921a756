import type { Position, StoreDatabase } from '@causeway/event-store';
import { applyEvent } from '../projection/applyEvent.js';
import { MemoryState } from '../projection/memoryState.js';
import type { OrderPaymentRow, OrderSummaryRow } from '../schema/index.js';
import { readEventPage } from './readEventPage.js';

export interface FoldedReadModel {
  summaries: OrderSummaryRow[];
  payments: OrderPaymentRow[];
  /** The last event folded; undefined for an empty log. */
  position: Position | undefined;
}

/**
 * The read model as a fresh fold of the whole log, in memory, writing nothing: what the tables
 * must equal once the projection has caught up with `position` (an audit, a chaos test's check).
 * Rows are sorted by key.
 */
export const foldFromStore = async (db: StoreDatabase, batchSize = 5_000): Promise<FoldedReadModel> => {
  const state = new MemoryState(db, { startsEmpty: true, cacheRows: Number.POSITIVE_INFINITY });
  let after: Position | undefined;
  for (;;) {
    const page = await readEventPage(db, after, batchSize);
    for (const event of page.events) await applyEvent(state, event);
    if (page.last) after = page.last;
    if (page.read < batchSize) break;
  }
  const { summaries, payments } = state.rows();
  return {
    summaries: summaries.sort((a, b) => (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0)),
    payments: payments.sort((a, b) => (a.paymentId < b.paymentId ? -1 : a.paymentId > b.paymentId ? 1 : 0)),
    position: after,
  };
};
