import { ValidationError } from '@causeway/kernel';
import { sql } from 'drizzle-orm';
import { queryRows, type StoreDatabase } from '../db.js';
import type { ReadAllOptions, StoredEvent } from '../eventStore.js';
import { formatPosition, type Position, parsePosition, positionParts, START } from '../position.js';
import { type EventRow, eventColumns, toStoredEvent } from './eventRow.js';

export const DEFAULT_READ_ALL_LIMIT = 1000;

/**
 * Events strictly after `after`, in (transaction id, sequence) order, from transactions older
 * than the oldest one still running. A transaction that is still open can commit events below
 * positions already returned; reading only below its id means a reader waits for it instead of
 * skipping past it. Stored as written: consumers upcast with their own registries.
 */
export const readAll = async (db: StoreDatabase, options: ReadAllOptions = {}): Promise<StoredEvent[]> => {
  const after = options.after === undefined ? START : parsePosition(options.after, 'after');
  const limit = options.limit ?? DEFAULT_READ_ALL_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > 2_147_483_647) {
    throw new ValidationError('readAll', [{ path: 'limit', message: 'must be an integer >= 1' }]);
  }
  const { transactionId, seq } = positionParts(after);
  const rows = await queryRows<EventRow>(
    db,
    sql`SELECT ${eventColumns} FROM events e
         WHERE (e.transaction_id, e.seq) > (${transactionId}::xid8, ${seq}::bigint)
           AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
         ORDER BY e.transaction_id, e.seq
         LIMIT ${limit}::integer`,
  );
  return rows.map(toStoredEvent);
};

/** Pages through `readAll` until it reaches the visible head; one page in memory at a time. */
export async function* streamAll(
  db: StoreDatabase,
  options: ReadAllOptions & { batchSize?: number } = {},
): AsyncGenerator<StoredEvent> {
  let after: Position | undefined = options.after;
  const batchSize = options.batchSize ?? DEFAULT_READ_ALL_LIMIT;
  let remaining = options.limit ?? Number.POSITIVE_INFINITY;
  while (remaining > 0) {
    const page = await readAll(db, { ...(after ? { after } : {}), limit: Math.min(batchSize, remaining) });
    for (const event of page) yield event;
    if (page.length < Math.min(batchSize, remaining)) return;
    remaining -= page.length;
    after = page[page.length - 1]?.position;
  }
}

export const headPosition = async (db: StoreDatabase): Promise<Position | undefined> => {
  const [row] = await queryRows<{ transaction_id: string; seq: string }>(
    db,
    sql`SELECT e.transaction_id::text AS transaction_id, e.seq::text AS seq FROM events e
         WHERE e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
         ORDER BY e.transaction_id DESC, e.seq DESC LIMIT 1`,
  );
  return row ? formatPosition(row.transaction_id, row.seq) : undefined;
};
