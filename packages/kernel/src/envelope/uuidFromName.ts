import { createHash } from 'node:crypto';

/**
 * A deterministic UUID (RFC 9562 version 8, SHA-256 based) for a name: the same name always gives
 * the same id. Process managers use it to derive command ids from (saga, step), so a redelivered
 * event produces the very same command, which JetStream and the store then de-duplicate.
 */
export const uuidFromName = (name: string): string => {
  const bytes = createHash('sha256').update(name).digest().subarray(0, 16);
  bytes[6] = 0x80 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
