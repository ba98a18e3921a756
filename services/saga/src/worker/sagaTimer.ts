import type { DrizzleEventStore } from '@causeway/event-store';
import { claimDueSaga } from '../sagaStore/sagaRows.js';
import { runSagaStep, type SagaStepDeps } from './runSagaStep.js';

export interface SagaTimerOptions {
  store: Pick<DrizzleEventStore, 'transaction'>;
  step: SagaStepDeps;
  /** How often to look for due deadlines; default 250 ms. */
  intervalMs?: number;
  /** Timeouts fired per tick at most, so one tick never runs away; default 100. */
  maxPerTick?: number;
  onError?: (error: unknown) => void;
  /**
   * Up to when the saga has read the log (see `createReadHorizon`): only deadlines at or before
   * it fire, none while it is undefined. Without it, every deadline before now fires.
   */
  horizon?: () => Promise<number | undefined>;
}

export interface SagaTimer {
  /** Starts polling. */
  start(): void;
  /** Fires every due timeout now (one transaction each); returns how many fired. */
  fireDue(): Promise<number>;
  /** Stops polling and waits for the tick in progress. */
  stop(): Promise<void>;
}

/**
 * Payment timeouts that survive restarts: a deadline is a column, so the timer simply polls for
 * sagas whose deadline has passed, whenever it runs. A saga that was down when its deadline
 * passed fires as soon as it is back. Each timeout is one transaction: claim the due saga
 * `FOR UPDATE SKIP LOCKED` (one the event path holds is left for the next tick, then re-read),
 * feed PAYMENT_TIMED_OUT through the saga, send, commit. Polling (default every 250 ms) on a
 * partial index is cheap and bounds lateness; it also needs no wake-up when new deadlines appear.
 * With a `horizon`, a deadline fires only once the saga has read the log as it stood then.
 */
export const createSagaTimer = (options: SagaTimerOptions): SagaTimer => {
  const intervalMs = options.intervalMs ?? 250;
  const maxPerTick = options.maxPerTick ?? 100;
  const { step } = options;
  let running: Promise<void> | undefined;
  let stopped = false;
  let wake: (() => void) | undefined;

  const fireOne = (cutoff: number) =>
    options.store.transaction(async (tx) => {
      const row = await claimDueSaga(tx, new Date(Math.min(step.clock(), cutoff)));
      if (!row) return false;
      await runSagaStep(step, tx, row, {
        orderId: row.orderId,
        input: { type: 'PAYMENT_TIMED_OUT', aggregateId: row.orderId },
        correlationId: row.correlationId,
        causationId: row.lastCommandId ?? `order-saga:${row.orderId}`,
        inputId: null,
        position: null,
      });
      step.observer.timeoutFired();
      return true;
    });

  const fireDue = async () => {
    const cutoff = options.horizon ? await options.horizon() : step.clock();
    if (cutoff === undefined) return 0;
    let fired = 0;
    while (fired < maxPerTick && !stopped && (await fireOne(cutoff))) fired++;
    return fired;
  };

  const loop = async () => {
    while (!stopped) {
      try {
        await fireDue();
      } catch (error) {
        options.onError?.(error);
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, intervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  };

  return {
    start() {
      if (running) return;
      stopped = false;
      running = loop();
    },
    fireDue,
    async stop() {
      stopped = true;
      wake?.();
      await running;
      running = undefined;
    },
  };
};
