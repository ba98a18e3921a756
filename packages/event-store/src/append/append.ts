import {
  ConcurrencyError,
  type ExpectedVersion,
  ValidationError,
  type ValidationIssue,
} from '@causeway/kernel';
import { sql } from 'drizzle-orm';
import { pgErrorOf, queryRows, type StoreDatabase } from '../db.js';
import { EventIdConflictError } from '../errors/eventIdConflictError.js';
import { IdempotencyKeyTakenError } from '../errors/idempotencyKeyTakenError.js';
import type { AppendOptions, AppendResult, NewEvent, NewIdempotencyRecord } from '../eventStore.js';
import { formatPosition } from '../position.js';
import { assertKey } from '../state/idempotency.js';
import { validateAppend } from './validateAppend.js';

/** A validated append, ready for `causeway_append_batch`. */
export interface AppendRequest {
  streamId: string;
  expectedVersion: ExpectedVersion;
  events: NewEvent[];
  /** Saved with the events (migration 0005); its key taken means nothing is written. */
  record?: NewIdempotencyRecord;
}

interface AppendRow {
  outcome: 'written' | 'duplicate' | 'conflict' | 'id_conflict' | 'key_taken';
  version: number | null;
  transaction_id: string | null;
  seq: string | null;
}

/** Validates before any SQL; throws a `ValidationError` naming the field. */
export const prepareAppend = (
  streamId: string,
  events: readonly NewEvent[],
  options: AppendOptions = {},
): AppendRequest => {
  const expectedVersion = options.expectedVersion ?? 'any';
  const prepared = { streamId, expectedVersion, events: validateAppend(streamId, events, expectedVersion) };
  const record = options.idempotencyRecord;
  return record === undefined ? prepared : { ...prepared, record: validRecord(record) };
};

const validRecord = (record: NewIdempotencyRecord): NewIdempotencyRecord => {
  assertKey(record.key);
  const issues: ValidationIssue[] = [];
  if (typeof record.requestHash !== 'string' || record.requestHash.length === 0) {
    issues.push({ path: 'idempotencyRecord.requestHash', message: 'must be a non-empty string' });
  }
  const { response } = record;
  if (typeof response !== 'object' || response === null || Array.isArray(response)) {
    issues.push({ path: 'idempotencyRecord.response', message: 'must be a JSON object' });
  }
  if (issues.length > 0) throw new ValidationError('append', issues);
  return { key: record.key, requestHash: record.requestHash, response };
};

/** `causeway_append_batch`'s encoding: null = any, -1 = the stream must exist, n = at version n (0: absent). */
const encodeExpected = (expected: ExpectedVersion): number | null =>
  expected === 'any' ? null : expected === 'streamExists' ? -1 : expected === 'noStream' ? 0 : expected;

const idConflict = (request: AppendRequest) =>
  new EventIdConflictError(
    request.streamId,
    request.events.map((e) => e.id),
  );

/** One row's meaning for its append: the result, or the error to throw. */
const settle = (request: AppendRequest, row: AppendRow | undefined): AppendResult | Error => {
  switch (row?.outcome) {
    case 'written':
    case 'duplicate':
      return {
        nextVersion: row.version as number,
        position: formatPosition(row.transaction_id as string, row.seq as string),
        written: row.outcome === 'written',
      };
    case 'conflict':
      return new ConcurrencyError(request.streamId, request.expectedVersion, row.version as number);
    case 'id_conflict':
      return idConflict(request);
    case 'key_taken':
      return new IdempotencyKeyTakenError(request.record?.key ?? '');
    default:
      return new Error(`causeway_append_batch returned no outcome for ${request.streamId}`);
  }
};

/**
 * Runs appends in one call of `causeway_append_batch` (migration 0003): one statement, one
 * transaction unless `db` is already one. Returns each append's result or error, in order. The
 * call as a whole fails only on an unexpected database error, and then nothing was written.
 */
export const appendBatch = async (
  db: StoreDatabase,
  requests: readonly AppendRequest[],
): Promise<(AppendResult | Error)[]> => {
  const payload = requests.map((r) => ({
    streamId: r.streamId,
    expected: encodeExpected(r.expectedVersion),
    events: r.events,
    ...(r.record === undefined ? {} : { record: r.record }),
  }));
  const rows = await queryRows<AppendRow>(
    db,
    sql`SELECT r_outcome AS outcome, r_version AS version, r_transaction_id::text AS transaction_id,
               r_seq::text AS seq
          FROM causeway_append_batch(${JSON.stringify(payload)}::jsonb)`,
  );
  return requests.map((request, index) => settle(request, rows[index]));
};

/** Appends one validated request on `db` (a transaction or the database), throwing its error. */
export const appendOne = async (db: StoreDatabase, request: AppendRequest): Promise<AppendResult> => {
  let outcome: AppendResult | Error | undefined;
  try {
    [outcome] = await appendBatch(db, [request]);
  } catch (error) {
    const { code, constraint } = pgErrorOf(error);
    // A later event's id is stored elsewhere: the first-id probe passed, the insert did not.
    if (code === '23505' && constraint === 'events_id_key') throw idConflict(request);
    // A twin writing the same key to another stream passed the key check at the same time.
    if (code === '23505' && constraint === 'idempotency_keys_pkey' && request.record) {
      throw new IdempotencyKeyTakenError(request.record.key);
    }
    throw error;
  }
  if (outcome instanceof Error || outcome === undefined) throw outcome;
  return outcome;
};
