import {
  comparePositions,
  type DrizzleEventStore,
  formatPosition,
  type Position,
  positionParts,
  queryRows,
  START,
} from '@causeway/event-store';
import { CausewayError } from '@causeway/kernel';
import { sql } from 'drizzle-orm';
import { applyEvent } from '../projection/applyEvent.js';
import { MemoryState } from '../projection/memoryState.js';
import { ORDER_SUMMARIES_SUBSCRIBER } from '../projection/orderSummaryProjection.js';
import { progressReporter, type RebuildProgress } from './progress.js';
import { type EventPage, readEventPage } from './readEventPage.js';
import {
  createShadowTables,
  dropShadowTables,
  indexShadowTables,
  shadowName,
  swapInShadowTables,
} from './shadowTables.js';

export interface RebuildOptions {
  store: DrizzleEventStore;
  /** Whose checkpoint the switch moves; default the order-summaries projection's. */
  subscriber?: string;
  /** Events read, folded and written per batch; default 5000. */
  batchSize?: number;
  /** Discard shadow tables a killed rebuild left behind. */
  force?: boolean;
  onProgress?: (progress: RebuildProgress) => void;
  progressIntervalMs?: number;
  /** Rows kept in memory between batches; default 200,000. */
  cacheRows?: number;
}

export interface RebuildResult {
  /** Events read from the store (of every type). */
  events: number;
  /** The checkpoint the rebuilt model took over with. */
  checkpoint: Position;
  durationMs: number;
  eventsPerSecond: number;
}

export class RebuildSwitchError extends CausewayError {
  readonly code = 'REBUILD_SWITCH_FAILED';
}

const MAX_SWITCH_ATTEMPTS = 20;

/**
 * The checkpoint the switch sets, for a fold that ended at `head`, the last event of a read that
 * reached the visible end of the log (or START for an empty log). Every event of head's
 * transaction became visible with it and head is the greatest of them, so no event can ever lie
 * between head and (head's transaction, any later sequence): such a position means exactly
 * "everything up to head". One strictly after both head and the stored checkpoint is needed, as
 * `withCheckpoint` moves only forward: a live consumer stopped at head, or an earlier rebuild at
 * the same head, must still be switched past.
 */
const switchPosition = (head: Position, stored: Position | undefined): Position => {
  const sameTransaction =
    stored !== undefined && positionParts(stored).transactionId === positionParts(head).transactionId;
  const from = sameTransaction && comparePositions(stored, head) > 0 ? stored : head;
  const { transactionId, seq } = positionParts(from);
  return formatPosition(transactionId, BigInt(seq) + 1n);
};

/**
 * Rebuilds the read model from the store (not from NATS) into shadow tables while the live ones
 * keep answering and the live consumer keeps updating them, then switches over in one
 * transaction that holds the subscriber's checkpoint lock: it catches up with what arrived
 * meanwhile, swaps the tables, and moves the checkpoint to the rebuilt position, so the consumer
 * goes on from there without applying anything twice. On failure the live tables stay as they were.
 */
export const rebuildReadModel = async (options: RebuildOptions): Promise<RebuildResult> => {
  const { store } = options;
  const subscriber = options.subscriber ?? ORDER_SUMMARIES_SUBSCRIBER;
  const batchSize = options.batchSize ?? 5_000;
  await createShadowTables(store.db, { force: options.force ?? false });
  try {
    const [count] = await queryRows<{ total: string }>(
      store.db,
      sql`SELECT count(*)::text AS total FROM events WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())`,
    );
    const report = progressReporter(
      Number(count?.total ?? 0),
      options.onProgress ?? (() => {}),
      options.progressIntervalMs,
    );
    const state = new MemoryState(store.db, {
      tables: { summaries: shadowName('order_summaries'), payments: shadowName('order_payments') },
      startsEmpty: true,
      ...(options.cacheRows === undefined ? {} : { cacheRows: options.cacheRows }),
    });
    let after: Position | undefined;
    let events = 0;

    /**
     * Folds pages until one comes back short: the visible end of the log at that moment. Three
     * stages overlap: the next page is read and the previous page's rows are written while this
     * page is folded.
     */
    const foldToHead = async (phase: RebuildProgress['phase']) => {
      const read = (from: Position | undefined) => {
        const page = readEventPage(store.db, from, batchSize);
        page.catch(() => {});
        return page;
      };
      let writing: Promise<unknown> = Promise.resolve();
      try {
        let pending: Promise<EventPage> | undefined = read(after);
        while (pending) {
          const page: EventPage = await pending;
          if (!page.last) return;
          pending = page.read < batchSize ? undefined : read(page.last);
          if (!state.complete) await writing;
          await state.prefetch(page.events);
          for (const event of page.events) await applyEvent(state, event);
          await writing;
          writing = state.flush();
          writing.catch(() => {});
          events += page.read;
          after = page.last;
          report(phase, events);
        }
      } finally {
        await writing;
      }
    };

    await foldToHead('load');
    report('index', events, true);
    await indexShadowTables(store.db);
    for (let attempt = 1; attempt <= MAX_SWITCH_ATTEMPTS; attempt++) {
      await foldToHead('catch-up');
      report('switch', events, true);
      const checkpoint = switchPosition(after ?? START, await store.readCheckpoint(subscriber));
      const switched = await store.withCheckpoint(subscriber, checkpoint, (tx) => swapInShadowTables(tx));
      // Not applied: the live consumer got past this position meanwhile; fold what it saw, retry.
      if (switched.applied) {
        const done = report('done', events, true);
        return { events, checkpoint, durationMs: done.elapsedMs, eventsPerSecond: done.eventsPerSecond };
      }
    }
    throw new RebuildSwitchError(
      `The live consumer stayed ahead of the rebuild for ${MAX_SWITCH_ATTEMPTS} attempts; try again`,
    );
  } catch (error) {
    await dropShadowTables(store.db).catch(() => {});
    throw error;
  }
};
