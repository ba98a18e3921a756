import { type EventStoreSession, type IdempotencyRecord, requestHash } from '@causeway/event-store';
import { uuidFromName } from '@causeway/kernel';
import { IdempotencyKeyReusedError } from '@causeway/service-kit';
import { type RecordedResponse, recordedResponse } from './recordedResponse.js';

export interface IdempotentRequest {
  /** A stable name of the route, e.g. `create-order`: a key is scoped to its route. */
  route: string;
  /** The `Idempotency-Key` header; without one every request is new. */
  key: string | undefined;
  /** Keys are scoped to the caller too, so one user's key never answers another's request. */
  userId: string | undefined;
  /** What makes two requests the same one: the path params and the body. */
  request: unknown;
}

/**
 * Ids for what a request creates. With an `Idempotency-Key` they are derived from the key, so a
 * retry (even one running concurrently with the first attempt) sends the very same command to
 * the very same order, and the store's command idempotency makes one of them a no-op.
 */
export type IdFor = (purpose: 'command' | 'order') => string;

export type Answer = RecordedResponse & { replayed: boolean };

/**
 * Runs `handle` at most once per key: the first 2xx answer is kept in the store's idempotency
 * table, and a retry with the same key and request gets it back (status, headers, body) without
 * running again; the same key with another request is a 422. A failed attempt is not kept, so the
 * client may retry it. `newId` makes the ids of a request without a key.
 */
export const respondOnce = async (
  store: Pick<EventStoreSession, 'readIdempotencyRecord' | 'saveIdempotencyRecord'>,
  request: IdempotentRequest,
  newId: () => string,
  handle: (idFor: IdFor) => Promise<RecordedResponse>,
): Promise<Answer> => {
  if (request.key === undefined) return { ...(await handle(newId)), replayed: false };
  const storeKey = storeKeyOf(request.route, request.userId, request.key);
  const hash = requestHash(request.request);
  const first = await store.readIdempotencyRecord(storeKey);
  if (first) return replay(first, hash, request.key);
  const response = await handle((purpose) => uuidFromName(`${storeKey}#${purpose}`));
  if (!(await store.saveIdempotencyRecord(storeKey, hash, response))) {
    // A concurrent twin kept its answer first; it is the answer to both.
    const winner = await store.readIdempotencyRecord(storeKey);
    if (winner) return replay(winner, hash, request.key);
  }
  return { ...response, replayed: false };
};

const storeKeyOf = (route: string, userId: string | undefined, key: string): string =>
  `http:${route}:${userId === undefined ? 'anonymous' : requestHash(userId).slice(0, 16)}:${key}`;

const replay = (record: IdempotencyRecord, hash: string, key: string): Answer => {
  if (record.requestHash !== hash) throw new IdempotencyKeyReusedError(key);
  return { ...recordedResponse.parse(record.response), replayed: true };
};
