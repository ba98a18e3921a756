import { ValidationError } from '@causeway/kernel';
import { eq } from 'drizzle-orm';
import { type StoreDatabase, unwrapQueryError } from '../db.js';
import type { IdempotencyRecord } from '../eventStore.js';
import { idempotencyKeys } from '../schema/idempotencyKeys.js';

/** Keys are 1-300 characters; throws a `ValidationError` naming `key` otherwise. */
export const assertKey = (key: unknown) => {
  if (typeof key !== 'string' || key.length === 0 || key.length > 300) {
    throw new ValidationError('idempotency', [{ path: 'key', message: 'must be 1-300 characters' }]);
  }
};

export const readIdempotencyRecord = async (
  db: StoreDatabase,
  key: string,
): Promise<IdempotencyRecord | undefined> => {
  assertKey(key);
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(eq(idempotencyKeys.key, key))
    .prepare('causeway_read_idempotency')
    .execute()
    .catch(unwrapQueryError);
  return row;
};

/** Records the first answer for `key`; false when the key is taken already (by a concurrent first answer). */
export const saveIdempotencyRecord = async (
  db: StoreDatabase,
  key: string,
  requestHash: string,
  response: unknown,
): Promise<boolean> => {
  assertKey(key);
  if (response === undefined) {
    throw new ValidationError('idempotency', [{ path: 'response', message: 'is required' }]);
  }
  const inserted = await db
    .insert(idempotencyKeys)
    .values({ key, requestHash, response })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key })
    .prepare('causeway_save_idempotency')
    .execute()
    .catch(unwrapQueryError);
  return inserted.length === 1;
};
