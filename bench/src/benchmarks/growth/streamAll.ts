import type { EventStore } from '@causeway/event-store';
import type postgres from 'postgres';
import { ChunkTimer } from '../../runner/progress.js';
import type { Summary } from '../../runner/stats.js';

/** `store.streamAll()` over the whole log, in pages of `batchSize` (the store's default: 1,000). */
export const streamThroughStore = async (
  store: Pick<EventStore, 'streamAll'>,
  chunk: number,
  batchSize?: number,
): Promise<Summary> => {
  const timer = new ChunkTimer(chunk);
  let count = 0;
  timer.start();
  for await (const _event of store.streamAll(batchSize === undefined ? {} : { batchSize })) {
    count += 1;
    if (count % 100 === 0) timer.mark(count);
  }
  timer.mark(count);
  return timer.summary();
};

/** The ceiling: a server-side cursor over the same rows in the same order, 1,000 rows a fetch. */
export const streamThroughCursor = async (sql: postgres.Sql, chunk: number): Promise<Summary> => {
  const timer = new ChunkTimer(chunk);
  let count = 0;
  timer.start();
  for await (const rows of sql`SELECT * FROM events ORDER BY transaction_id, seq`.cursor(1_000)) {
    count += rows.length;
    timer.mark(count);
  }
  return timer.summary();
};
