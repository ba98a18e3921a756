import type { StoreTransaction } from '@causeway/event-store';
import { type ApplyOutcome, applyEvent } from './applyEvent.js';
import type { ProjectableEvent } from './events.js';
import { sqlState } from './sqlState.js';

/**
 * Applies one order or payment event to `order_summaries` / `order_payments` inside `tx`, the
 * transaction that also moves the subscriber's checkpoint. Throws `ProjectionGapError` when an
 * order event skips a version.
 */
export const projectOrderSummary = (tx: StoreTransaction, event: ProjectableEvent): Promise<ApplyOutcome> =>
  applyEvent(sqlState(tx), event);
