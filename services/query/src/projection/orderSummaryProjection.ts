import { allEvents } from '@causeway/contracts';
import type { Subscriber } from '@causeway/jetstream';
import type { ApplyOutcome } from './applyEvent.js';
import type { ProjectedEvent } from './events.js';
import { projectOrderSummaries } from './projectOrderSummary.js';

/** Checkpoint key and durable consumer name of the order-summaries projection. */
export const ORDER_SUMMARIES_SUBSCRIBER = 'query-order-summaries';

export type OutcomeListener = (outcome: ApplyOutcome, event: ProjectedEvent) => void;

/**
 * The projection as a subscriber of `@causeway/jetstream`'s consumer runner (on JetStream or the
 * in-process bus): every event (no filter: it reads two aggregate types), parsed and upcast by
 * `allEvents` (every type the system has: an unknown one is bad input, dead-lettered), applied in the runner's
 * checkpoint transaction, a batch at a time (a few statements per batch, not per event).
 */
export interface OrderSummaryProjection extends Subscriber {
  readonly name: string;
  readonly registry: typeof allEvents;
  /** Observes each outcome (metrics); called inside the transaction, before it commits. */
  onOutcome(listener: OutcomeListener): () => void;
}

export const createOrderSummaryProjection = (name = ORDER_SUMMARIES_SUBSCRIBER): OrderSummaryProjection => {
  const listeners = new Set<OutcomeListener>();
  return {
    name,
    registry: allEvents,
    unknownTypes: 'dead-letter',
    async handle(event, tx) {
      await this.handleBatch?.([event], tx);
    },
    async handleBatch(events, tx) {
      const projected = events as readonly ProjectedEvent[];
      const outcomes = await projectOrderSummaries(tx, projected);
      outcomes.forEach((outcome, i) => {
        for (const listener of listeners) listener(outcome, projected[i] as ProjectedEvent);
      });
    },
    onOutcome(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
};
