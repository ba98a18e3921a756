import type { EventStore } from '@causeway/event-store';
import type postgres from 'postgres';
import { STORE_COLUMNS } from '../../fixtures/storeColumns.js';
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

/** The ceiling: a server-side cursor over the same rows and columns in the same order, 1,000 rows a fetch. */
export const streamThroughCursor = async (sql: postgres.Sql, chunk: number): Promise<Summary> => {
  const timer = new ChunkTimer(chunk);
  let count = 0;
  timer.start();
  const query = sql.unsafe(`SELECT ${STORE_COLUMNS} FROM events ORDER BY transaction_id, seq`, [], {
    prepare: true,
  });
  for await (const rows of query.cursor(1_000)) {
    count += rows.length;
    timer.mark(count);
  }
  return timer.summary();
};
