import { ValidationError } from '@causeway/kernel';

/**
 * A place in the log's delivery order: the writing transaction's id (`xid8`) and the event's
 * sequence, as one opaque token. Both parts are zero-padded to 20 digits, so tokens compare
 * correctly as plain strings too; still, use `comparePositions`, not string comparison, in code.
 */
export type Position = string & { readonly __brand: 'Position' };

export interface PositionParts {
  /** The writing transaction's id, as decimal text. */
  transactionId: string;
  /** The event's global sequence, as decimal text. */
  seq: string;
}

const WIDTH = 20;
const MAX_XID8 = 2n ** 64n - 1n;
const MAX_SEQ = 2n ** 63n - 1n;
const TOKEN = /^(\d{20})-(\d{20})$/;

const pad = (value: bigint | string | number): string => BigInt(value).toString().padStart(WIDTH, '0');

/** Before every event: reading after it reads the whole log. */
export const START: Position = `${pad(0)}-${pad(0)}` as Position;

export const formatPosition = (
  transactionId: bigint | string | number,
  seq: bigint | string | number,
): Position => `${pad(transactionId)}-${pad(seq)}` as Position;

const problem = (value: unknown): string | undefined => {
  if (typeof value !== 'string') return `must be a string, got ${typeof value}`;
  const match = TOKEN.exec(value);
  if (!match) return 'must be two 20-digit numbers joined by "-" (a position returned by the store)';
  if (BigInt(match[1] as string) > MAX_XID8) return 'transaction id is out of range';
  if (BigInt(match[2] as string) > MAX_SEQ) return 'sequence is out of range';
  return undefined;
};

export const isPosition = (value: unknown): value is Position => problem(value) === undefined;

/** Checks an untrusted token (a query parameter, a message header); throws a `ValidationError` naming `field`. */
export const parsePosition = (value: unknown, field = 'position'): Position => {
  const message = problem(value);
  if (message) throw new ValidationError(field, [{ path: field, message }]);
  return value as Position;
};

export const positionParts = (position: Position): PositionParts => {
  const [transactionId = '0', seq = '0'] = position.split('-');
  return { transactionId: BigInt(transactionId).toString(), seq: BigInt(seq).toString() };
};

export const comparePositions = (a: Position, b: Position): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0);

/** The later of two positions; `undefined` counts as before everything. */
export const maxPosition = (a: Position | undefined, b: Position | undefined): Position | undefined =>
  a === undefined ? b : b === undefined || comparePositions(a, b) >= 0 ? a : b;
