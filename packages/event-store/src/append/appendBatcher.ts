import type { StoreDatabase } from '../db.js';
import type { AppendResult } from '../eventStore.js';
import { type AppendRequest, appendBatch, appendOne } from './append.js';

export interface AppendBatcherOptions {
  /** Calls in flight at once; default 2 (one executes while the next fills). */
  maxInFlight?: number;
  /** Events per call at most; default 1000. */
  maxEvents?: number;
}

interface Waiting {
  request: AppendRequest;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Natural batching of independent appends (no timer, no added latency): an append goes out at
 * once when fewer than `maxInFlight` calls are running; otherwise it waits, and every append
 * that waited goes out together in the next call: one round trip and one commit for all of them,
 * each with its own outcome (a conflict in one does not fail the others). If a call fails as a
 * whole (a database error: nothing was written), its appends are retried one by one, so only
 * the faulty one fails.
 */
export const createAppendBatcher = (db: StoreDatabase, options: AppendBatcherOptions = {}) => {
  const maxInFlight = options.maxInFlight ?? 2;
  const maxEvents = options.maxEvents ?? 1000;
  let waiting: Waiting[] = [];
  let inFlight = 0;

  const take = (): Waiting[] => {
    let events = 0;
    let count = 0;
    while (
      count < waiting.length &&
      (count === 0 || events + (waiting[count] as Waiting).request.events.length <= maxEvents)
    ) {
      events += (waiting[count] as Waiting).request.events.length;
      count++;
    }
    const batch = waiting.slice(0, count);
    waiting = waiting.slice(count);
    return batch;
  };

  const one = (entry: Waiting) => appendOne(db, entry.request).then(entry.resolve, entry.reject);

  const run = async (batch: Waiting[]) => {
    if (batch.length === 1) return one(batch[0] as Waiting);
    let outcomes: (AppendResult | Error)[];
    try {
      outcomes = await appendBatch(
        db,
        batch.map((entry) => entry.request),
      );
    } catch {
      await Promise.all(batch.map(one));
      return;
    }
    batch.forEach((entry, index) => {
      const outcome = outcomes[index];
      if (outcome instanceof Error || outcome === undefined) entry.reject(outcome);
      else entry.resolve(outcome);
    });
  };

  const pump = () => {
    while (inFlight < maxInFlight && waiting.length > 0) {
      inFlight++;
      void run(take()).finally(() => {
        inFlight--;
        pump();
      });
    }
  };

  return {
    append: (request: AppendRequest): Promise<AppendResult> =>
      new Promise<AppendResult>((resolve, reject) => {
        waiting.push({ request, resolve, reject });
        pump();
      }),
  };
};
