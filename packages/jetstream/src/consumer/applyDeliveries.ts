import type { CheckpointAssumption, DrizzleEventStore } from '@causeway/event-store';
import { backoffDelay } from '../util/backoff.js';
import { sleep } from '../util/signal.js';
import { applyChunk, type ChunkItem } from './applyChunk.js';
import { deadLetterDelivery } from './deadLetterDelivery.js';
import type { Delivery } from './delivery.js';
import { HandlerError, isTransientInfrastructureError, isVersionGapError } from './errors.js';
import type { ApplyPolicy, ConsumerEvents, ConsumerMetrics, Subscriber } from './subscriber.js';

export interface ApplierContext {
  store: DrizzleEventStore;
  subscriber: Subscriber;
  policy: ApplyPolicy;
  events: ConsumerEvents;
  metrics: ConsumerMetrics;
  /** Aborting ends retries early; unprocessed deliveries stay unacknowledged. */
  abort: AbortSignal;
  /**
   * The checkpoint as this runner last left it, while it knows it (see `withCheckpoint`'s
   * `assumed`): shared by every batch of the runner, forgotten after any failure.
   */
  known?: { checkpoint: CheckpointAssumption | undefined };
}

export type ApplyOutcome = 'done' | 'halted' | 'stopped';

const INFRASTRUCTURE_BACKOFF = { initialMs: 200, maxMs: 5_000 };

export const detectsVersionGaps = (subscriber: Subscriber, policy: ApplyPolicy): boolean =>
  policy.detectVersionGaps ?? subscriber.filter?.eventType === undefined;

const chunkAt = (deliveries: readonly Delivery[], start: number, size: number): ChunkItem[] => {
  const items: ChunkItem[] = [];
  for (let i = start; i < deliveries.length && items.length < size; i++) {
    const decoded = (deliveries[i] as Delivery).decoded;
    if (!decoded.ok) break;
    items.push({ event: decoded.event, handled: decoded.handled });
  }
  return items;
};

const unwrap = (error: unknown): unknown => (error instanceof HandlerError ? error.original : error);

/**
 * Applies deliveries strictly in order, acknowledging each after its transaction commits. A
 * failing batch is retried one event at a time; a failing event is retried with backoff and,
 * after `maxAttempts`, dead-lettered and skipped or halted on. Infrastructure failures (the
 * database away) are retried without limit and never count as attempts. A version gap halts.
 */
export const applyDeliveries = async (
  ctx: ApplierContext,
  deliveries: readonly Delivery[],
): Promise<ApplyOutcome> => {
  const { store, subscriber, policy, metrics } = ctx;
  const maxAttempts = policy.maxAttempts ?? 5;
  const batchSize = Math.max(1, policy.batchSize ?? 1);
  const gaps = detectsVersionGaps(subscriber, policy);
  let singleStepThrough = -1;
  let index = 0;

  const poison = async (delivery: Delivery, error: unknown, attempts: number): Promise<ApplyOutcome> => {
    let halt = policy.onPoison === 'halt' || isVersionGapError(error);
    let reason = error;
    for (let failures = 1; ; failures++) {
      try {
        const record = await deadLetterDelivery(
          store,
          subscriber,
          delivery,
          { error, attempts },
          { skip: !halt, detectVersionGaps: gaps },
        );
        metrics.deadLettered += 1;
        ctx.events.onDeadLetter?.(record);
        break;
      } catch (recordError) {
        if (!halt && isVersionGapError(recordError)) {
          // Skipping it would pass over events the store holds (junk claiming a later position).
          halt = true;
          reason = recordError;
          continue;
        }
        ctx.events.onError?.(recordError, { subscriber: subscriber.name, attempt: 0 });
        await sleep(backoffDelay(failures, INFRASTRUCTURE_BACKOFF), ctx.abort);
        if (ctx.abort.aborted) return 'stopped';
      }
    }
    if (halt) {
      const eventId = delivery.decoded.event?.id;
      ctx.events.onHalt?.({ subscriber: subscriber.name, error: reason, eventId });
      return 'halted';
    }
    if (ctx.known) ctx.known.checkpoint = undefined;
    delivery.ack();
    return 'done';
  };

  while (index < deliveries.length) {
    if (ctx.abort.aborted) return 'stopped';
    const delivery = deliveries[index] as Delivery;
    if (!delivery.decoded.ok) {
      const outcome = await poison(delivery, delivery.decoded.error, 1);
      if (outcome !== 'done') return outcome;
      index += 1;
      continue;
    }
    const items = chunkAt(deliveries, index, index <= singleStepThrough ? 1 : batchSize);
    let attempt = 1;
    let infrastructureFailures = 0;
    for (;;) {
      try {
        const { applied, skipped } = await applyChunk(store, subscriber, items, gaps, ctx.known);
        metrics.applied += applied;
        metrics.skipped += skipped;
        metrics.position = items.at(-1)?.event.position;
        for (let i = 0; i < items.length; i++) (deliveries[index + i] as Delivery).ack();
        index += items.length;
        break;
      } catch (caught) {
        const error = unwrap(caught);
        const eventId = items.length === 1 ? items[0]?.event.id : undefined;
        if (items.length > 1 && !isTransientInfrastructureError(caught)) {
          // Find the culprit: the events before it commit, it alone meets the retry policy.
          singleStepThrough = index + items.length - 1;
          break;
        }
        if (isTransientInfrastructureError(caught)) {
          infrastructureFailures += 1;
          ctx.events.onError?.(error, {
            subscriber: subscriber.name,
            ...(eventId ? { eventId } : {}),
            attempt: 0,
          });
          await sleep(backoffDelay(infrastructureFailures, INFRASTRUCTURE_BACKOFF), ctx.abort);
        } else {
          ctx.events.onError?.(error, {
            subscriber: subscriber.name,
            ...(eventId ? { eventId } : {}),
            attempt,
          });
          if (isVersionGapError(error) || attempt >= maxAttempts) {
            const outcome = await poison(delivery, error, attempt);
            if (outcome !== 'done') return outcome;
            index += 1;
            break;
          }
          metrics.retries += 1;
          await sleep(backoffDelay(attempt, { initialMs: 200, maxMs: 10_000, ...policy.retry }), ctx.abort);
          attempt += 1;
        }
        if (ctx.abort.aborted) return 'stopped';
      }
    }
  }
  return 'done';
};
