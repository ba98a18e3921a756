import type { StoreTransaction } from '@causeway/event-store';
import { type ApplyOutcome, applyEvent } from './applyEvent.js';
import type { ProjectableEvent } from './events.js';
import { MemoryState } from './memoryState.js';

/**
 * Applies order and payment events, in order, to `order_summaries` / `order_payments` inside
 * `tx`, the transaction that also moves the subscriber's checkpoint: the rows they touch are read
 * in one round trip, folded in memory, and written in one more, however many events there are.
 * Throws `VersionGapError` when an event skips a version of its stream. Returns each event's outcome.
 */
export const projectOrderSummaries = async (
  tx: StoreTransaction,
  events: readonly ProjectableEvent[],
): Promise<ApplyOutcome[]> => {
  const state = new MemoryState(tx);
  await state.prefetch(events);
  const outcomes: ApplyOutcome[] = [];
  for (const event of events) outcomes.push(await applyEvent(state, event));
  await state.flush();
  return outcomes;
};

/** One event: `projectOrderSummaries` of a batch of one. */
export const projectOrderSummary = async (
  tx: StoreTransaction,
  event: ProjectableEvent,
): Promise<ApplyOutcome> => {
  const [outcome] = await projectOrderSummaries(tx, [event]);
  return outcome as ApplyOutcome;
};
