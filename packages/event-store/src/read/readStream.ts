import { type AnyDefinition, type Registry, ValidationError } from '@causeway/kernel';
import { sql } from 'drizzle-orm';
import { assertStreamId } from '../append/validateAppend.js';
import { queryRows, type StoreDatabase } from '../db.js';
import type { ReadStreamOptions, ReadStreamResult, StoredEvent } from '../eventStore.js';
import { type EventRow, eventColumns, toStoredEvent } from './eventRow.js';

const MAX_INT = 2_147_483_647;

const positiveInt = (value: unknown, path: string, min: number): ValidationError | undefined =>
  value === undefined || (Number.isInteger(value) && (value as number) >= min && (value as number) <= MAX_INT)
    ? undefined
    : new ValidationError('readStream', [{ path, message: `must be an integer >= ${min}` }]);

/**
 * One round trip: the stream's version and the requested events come back together (no row at
 * all means no stream). With a registry, each event is upcast and validated on the way out.
 */
export const readStream = async (
  db: StoreDatabase,
  streamId: string,
  options: ReadStreamOptions = {},
  registry?: Registry<AnyDefinition>,
): Promise<ReadStreamResult> => {
  assertStreamId(streamId, 'readStream');
  const invalid =
    positiveInt(options.fromVersion, 'fromVersion', 1) ?? positiveInt(options.limit, 'limit', 0);
  if (invalid) throw invalid;
  const rows = await queryRows<Partial<EventRow> & { stream_version: number }>(
    db,
    sql`SELECT s.version AS stream_version, page.*
          FROM streams s
          LEFT JOIN LATERAL (
            SELECT ${eventColumns} FROM events e
             WHERE e.stream_id = s.stream_id AND e.version >= ${options.fromVersion ?? 1}::integer
             ORDER BY e.version
             LIMIT ${options.limit ?? null}::integer
          ) page ON true
         WHERE s.stream_id = ${streamId}::text`,
  );
  // Ordered here, not by an outer ORDER BY: that sorted the page's wide rows a second time (on
  // disk past work_mem for long streams) although the lateral scan reads them in version order.
  rows.sort((a, b) => (a.version ?? 0) - (b.version ?? 0));
  const first = rows[0];
  if (!first) return { events: [], streamVersion: 0 };
  const events: StoredEvent[] = [];
  for (const row of rows) {
    if (row.id === null || row.id === undefined) continue;
    const event = toStoredEvent(row as EventRow);
    events.push(registry ? (registry.parse(event) as StoredEvent) : event);
  }
  return { events, streamVersion: Number(first.stream_version) };
};
