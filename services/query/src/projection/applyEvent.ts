import { VersionGapError } from '@causeway/jetstream';
import { streamIdOf } from '@causeway/kernel';
import { UnexpectedEventError } from './errors.js';
import {
  isOrderEvent,
  type ProjectableEvent,
  type ProjectableOrderEvent,
  type ProjectablePaymentEvent,
} from './events.js';
import { createdSummary, evolvePayment, evolveSummary, totalsDelta } from './evolve.js';
import type { ReadModelState } from './readModelState.js';

/** `skipped`: the row already reflects this event (a redelivery or replay); nothing was written. */
export type ApplyOutcome = 'applied' | 'skipped';

/**
 * Applies one event to the read model. Idempotent by stream version: an event applies only as the
 * next version of its row (order or payment); an older one is skipped, a later one is a gap and
 * refused with `VersionGapError` (the consumer runner halts there).
 */
export const applyEvent = (state: ReadModelState, event: ProjectableEvent): Promise<ApplyOutcome> =>
  isOrderEvent(event) ? applyOrderEvent(state, event) : applyPaymentEvent(state, event);

const applyOrderEvent = async (
  state: ReadModelState,
  event: ProjectableOrderEvent,
): Promise<ApplyOutcome> => {
  const orderId = event.aggregateId;
  const current = await state.summary(orderId);
  const known = current?.version ?? 0;
  if (event.version <= known) return 'skipped';
  if (event.version !== known + 1) throw new VersionGapError(streamIdOf(event), known + 1, event.version);
  if (event.type === 'ORDER_CREATED') {
    if (current) throw new UnexpectedEventError(streamIdOf(event), event.type, event.version);
    await state.putSummary(createdSummary(event, await state.earlyPayments(orderId)));
    return 'applied';
  }
  if (!current) throw new UnexpectedEventError(streamIdOf(event), event.type, event.version);
  await state.putSummary(evolveSummary(current, event));
  return 'applied';
};

/** Payments are keyed by their own stream, and their rows carry its version like orders do. */
const applyPaymentEvent = async (
  state: ReadModelState,
  event: ProjectablePaymentEvent,
): Promise<ApplyOutcome> => {
  const current = await state.payment(event.aggregateId);
  const known = current?.version ?? 0;
  if (event.version <= known) return 'skipped';
  if (event.version !== known + 1) throw new VersionGapError(streamIdOf(event), known + 1, event.version);
  const next = evolvePayment(current, event);
  await state.putPayment(next);
  const delta = totalsDelta(current, next);
  const summary = await state.summary(next.orderId);
  if (!summary) {
    await state.noteEarlyPayment(next.orderId, delta);
    return 'applied';
  }
  await state.putSummary({
    ...summary,
    paid: summary.paid + delta.paid,
    refunded: summary.refunded + delta.refunded,
    updatedAt: new Date(event.timestamp),
  });
  return 'applied';
};
