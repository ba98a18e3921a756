import { ValidationError } from '@causeway/kernel';
import { sql } from 'drizzle-orm';
import { queryRows, type StoreDatabase, type StoreTransaction } from '../db.js';
import { CheckpointMovedError } from '../errors/checkpointMovedError.js';
import {
  comparePositions,
  formatPosition,
  type Position,
  parsePosition,
  positionParts,
} from '../position.js';
import { checkpoints } from '../schema/checkpoints.js';

/** Advisory-lock namespace (first key of the two-key form) for checkpoint rows. */
const CHECKPOINT_LOCK = 0x63770001;

const assertSubscriber = (subscriber: unknown) => {
  if (typeof subscriber !== 'string' || subscriber.length === 0 || subscriber.length > 200) {
    throw new ValidationError('checkpoint', [{ path: 'subscriber', message: 'must be 1-200 characters' }]);
  }
};

export const readCheckpoint = async (
  db: StoreDatabase,
  subscriber: string,
): Promise<Position | undefined> => {
  assertSubscriber(subscriber);
  const [row] = await queryRows<{ transaction_id: string; seq: string }>(
    db,
    sql`SELECT transaction_id::text AS transaction_id, seq::text AS seq FROM ${checkpoints}
         WHERE subscriber = ${subscriber}::text`,
  );
  return row ? formatPosition(row.transaction_id, row.seq) : undefined;
};

/** What the caller knows the checkpoint to be: what its own last transaction committed. */
export interface CheckpointAssumption {
  checkpoint: Position | undefined;
}

/**
 * Locks the subscriber with a transaction-level advisory lock (it takes no transaction id, so an
 * append inside `fn` still takes its stream lock before the transaction's first write), reads
 * the checkpoint after the lock, runs `fn` (given that checkpoint), then moves the checkpoint. A
 * second runner of the same subscriber waits for the first and then sees its checkpoint: one of
 * them applies, never both.
 *
 * With `assumed`, `fn` starts at once with the assumed checkpoint: its statements go out behind the
 * lock and the read on the same connection, so they still run only once the lock is held, and the
 * round trip that waits for the read is saved. If the checkpoint read is not the assumed one, the
 * transaction rolls back with `CheckpointMovedError`.
 */
export const withCheckpoint = async <T>(
  tx: StoreTransaction,
  subscriber: string,
  position: Position,
  fn: (tx: StoreTransaction, previous: Position | undefined) => Promise<T>,
  assumed?: CheckpointAssumption,
): Promise<{ applied: true; result: T } | { applied: false }> => {
  // Pipelined: the read runs (and takes its snapshot) only once the lock is granted.
  const locked = Promise.all([
    queryRows(
      tx,
      sql`SELECT pg_advisory_xact_lock(${CHECKPOINT_LOCK}::integer, hashtext(${subscriber}::text))`,
    ),
    readCheckpoint(tx, subscriber),
  ]).then(([, stored]) => stored);
  let result: T;
  if (assumed) {
    const [stored, ran] = await Promise.allSettled([locked, fn(tx, assumed.checkpoint)]);
    if (stored.status === 'rejected') throw stored.reason;
    if (stored.value !== assumed.checkpoint) {
      throw new CheckpointMovedError(subscriber, assumed.checkpoint, stored.value);
    }
    if (ran.status === 'rejected') throw ran.reason;
    if (stored.value && comparePositions(position, stored.value) <= 0) {
      throw new CheckpointMovedError(subscriber, assumed.checkpoint, stored.value);
    }
    result = ran.value;
  } else {
    const stored = await locked;
    if (stored && comparePositions(position, stored) <= 0) return { applied: false };
    result = await fn(tx, stored);
  }
  const { transactionId, seq } = positionParts(position);
  await queryRows(
    tx,
    sql`INSERT INTO ${checkpoints} (subscriber, transaction_id, seq)
        VALUES (${subscriber}::text, ${transactionId}::xid8, ${seq}::bigint)
        ON CONFLICT (subscriber) DO UPDATE
          SET transaction_id = excluded.transaction_id, seq = excluded.seq, updated_at = now()`,
  );
  return { applied: true, result };
};

export const validateCheckpointArgs = (subscriber: string, position: Position): void => {
  assertSubscriber(subscriber);
  parsePosition(position);
};
