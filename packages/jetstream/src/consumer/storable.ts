/**
 * PostgreSQL's text and jsonb cannot hold U+0000, so a message carrying one could never be
 * recorded as a dead letter (and would be retried forever). Replaces it with U+FFFD, recursively.
 */
export const storable = (value: unknown): unknown => {
  if (typeof value === 'string') return value.replaceAll('\u0000', '\uFFFD');
  if (Array.isArray(value)) return value.map(storable);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [storable(key), storable(inner)]));
  }
  return value;
};
