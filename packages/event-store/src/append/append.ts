import { ConcurrencyError, type ExpectedVersion } from '@causeway/kernel';
import { sql } from 'drizzle-orm';
import { pgErrorOf, queryRows, type StoreDatabase } from '../db.js';
import { EventIdConflictError } from '../errors/eventIdConflictError.js';
import type { AppendOptions, AppendResult, NewEvent } from '../eventStore.js';
import { formatPosition } from '../position.js';
import { validateAppend } from './validateAppend.js';

interface AppendRow {
  outcome: 'written' | 'duplicate' | 'conflict' | 'id_conflict';
  version: number | null;
  transaction_id: string | null;
  seq: string | null;
}

/** `causeway_append`'s encoding: NULL = any, -1 = the stream must exist, n = at version n (0: absent). */
const encodeExpected = (expected: ExpectedVersion): number | null =>
  expected === 'any' ? null : expected === 'streamExists' ? -1 : expected === 'noStream' ? 0 : expected;

/**
 * Appends in one statement: the `causeway_append` function (migration 0002) takes the stream's
 * advisory lock first, then checks idempotency and the expected version, then writes.
 */
export const append = async (
  db: StoreDatabase,
  streamId: string,
  events: readonly NewEvent[],
  options: AppendOptions = {},
): Promise<AppendResult> => {
  const expectedVersion = options.expectedVersion ?? 'any';
  const valid = validateAppend(streamId, events, expectedVersion);
  let row: AppendRow | undefined;
  try {
    [row] = await queryRows<AppendRow>(
      db,
      sql`SELECT r_outcome AS outcome, r_version AS version, r_transaction_id::text AS transaction_id,
                 r_seq::text AS seq
            FROM causeway_append(${streamId}::text, ${encodeExpected(expectedVersion)}::integer,
                                 ${JSON.stringify(valid)}::jsonb)`,
    );
  } catch (error) {
    const { code, constraint } = pgErrorOf(error);
    // A later event's id is stored elsewhere: the first-id probe passed, the insert did not.
    if (code === '23505' && constraint === 'events_id_key') {
      throw new EventIdConflictError(
        streamId,
        valid.map((e) => e.id),
      );
    }
    throw error;
  }
  switch (row?.outcome) {
    case 'written':
    case 'duplicate':
      return {
        nextVersion: row.version as number,
        position: formatPosition(row.transaction_id as string, row.seq as string),
        written: row.outcome === 'written',
      };
    case 'conflict':
      throw new ConcurrencyError(streamId, expectedVersion, row.version as number);
    case 'id_conflict':
      throw new EventIdConflictError(
        streamId,
        valid.map((e) => e.id),
      );
    default:
      throw new Error(`causeway_append returned no outcome for ${streamId}`);
  }
};
