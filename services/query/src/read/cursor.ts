/** Where a page ended: the last row's sort key. Opaque to clients (base64url JSON). */
export interface Cursor {
  createdAt: Date;
  orderId: string;
}

const ORDER_ID = /^[\w-]{1,128}$/;
/** Years 0001 to 9999, as event timestamps (ISO-8601) are written: outside, PostgreSQL cannot read them back. */
const MIN_TIME = Date.parse('0001-01-01T00:00:00.000Z');
const MAX_TIME = Date.parse('9999-12-31T23:59:59.999Z');

export const encodeCursor = (cursor: Cursor): string =>
  Buffer.from(JSON.stringify([cursor.createdAt.getTime(), cursor.orderId])).toString('base64url');

/** The cursor a page returned, or `undefined` for anything else (tampered, truncated, invented). */
export const decodeCursor = (token: string): Cursor | undefined => {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(token)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const [time, orderId] = value as unknown[];
  if (!Number.isSafeInteger(time) || (time as number) < MIN_TIME || (time as number) > MAX_TIME)
    return undefined;
  if (typeof orderId !== 'string' || !ORDER_ID.test(orderId)) return undefined;
  return { createdAt: new Date(time as number), orderId };
};
