import { queryRows, type StoreTransaction } from '@causeway/event-store';
import { streamIdOf } from '@causeway/kernel';
import { sql } from 'drizzle-orm';
import type { DeliveredEvent } from '../codec/eventMessage.js';
import { VersionGapError } from './errors.js';

/**
 * Checks that `events` (in delivery order) continue each of their streams from the version this
 * subscriber last applied, and records the new versions, inside the checkpoint transaction (whose
 * subscriber lock keeps them consistent). One statement per batch: it writes each stream's last
 * version and returns the versions as they stood before (a `WITH` query's parts share one
 * snapshot). Throws `VersionGapError` at the first event that skips a version; the transaction
 * then rolls back, the write with it.
 */
export const advanceStreamVersions = async (
  tx: StoreTransaction,
  subscriber: string,
  events: readonly DeliveredEvent[],
): Promise<void> => {
  if (events.length === 0) return;
  const latest = new Map<string, number>();
  for (const event of events) latest.set(streamIdOf(event), event.version);
  // JSON rather than array parameters: both drivers (postgres.js, PGlite) pass a string the same way.
  const versions = JSON.stringify([...latest].map(([stream_id, version]) => ({ stream_id, version })));
  const rows = await queryRows<{ stream_id: string; version: number }>(
    tx,
    sql`WITH incoming AS (
          SELECT s.stream_id, s.version FROM jsonb_to_recordset(${versions}::jsonb) AS s(stream_id text, version integer)
        ), previous AS (
          SELECT stream_id, version FROM subscriber_streams
           WHERE subscriber = ${subscriber} AND stream_id IN (SELECT stream_id FROM incoming)
        ), saved AS (
          INSERT INTO subscriber_streams (subscriber, stream_id, version)
          SELECT ${subscriber}, stream_id, version FROM incoming
          ON CONFLICT (subscriber, stream_id) DO UPDATE SET version = EXCLUDED.version
        )
        SELECT stream_id, version FROM previous`,
  );
  const last = new Map(rows.map((row) => [row.stream_id, Number(row.version)]));
  for (const event of events) {
    const streamId = streamIdOf(event);
    const expected = (last.get(streamId) ?? 0) + 1;
    // Lower is a replay (a reset checkpoint): allowed. Higher means a version never arrived.
    if (event.version > expected) throw new VersionGapError(streamId, expected, event.version);
    last.set(streamId, event.version);
  }
};
