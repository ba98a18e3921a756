import { getRandomValues } from 'node:crypto';

let lastMillis = -1;
let sequence = 0;

// One CSPRNG call per 256 ids rather than per id (as Node's own randomUUID caches entropy): the
// call per id was 3-8% of a request's CPU on the command service's POST /orders.
const POOL_BYTES = 16 * 256;
let pool = new Uint8Array(0);
let offset = POOL_BYTES;

const randomBytes16 = (): Uint8Array => {
  if (offset >= POOL_BYTES) {
    pool = getRandomValues(new Uint8Array(POOL_BYTES));
    offset = 0;
  }
  offset += 16;
  return pool.subarray(offset - 16, offset);
};

/**
 * RFC 9562 UUIDv7: 48-bit Unix milliseconds, then a 12-bit counter (`rand_a`) that keeps ids
 * generated in the same millisecond strictly increasing within this process, then 62 random bits.
 */
export const uuidv7 = (now: number = Date.now()): string => {
  if (now > lastMillis) {
    lastMillis = now;
    sequence = 0;
  } else if (++sequence > 0xfff) {
    lastMillis += 1;
    sequence = 0;
  }
  const bytes = randomBytes16();
  const millis = lastMillis;
  bytes[0] = Math.floor(millis / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(millis / 2 ** 32) & 0xff;
  bytes[2] = (millis >>> 24) & 0xff;
  bytes[3] = (millis >>> 16) & 0xff;
  bytes[4] = (millis >>> 8) & 0xff;
  bytes[5] = millis & 0xff;
  bytes[6] = 0x70 | ((sequence >>> 8) & 0x0f);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
