export interface BackoffOptions {
  initialMs?: number;
  maxMs?: number;
}

/** Exponential backoff with full jitter: attempt 1 waits up to `initialMs`, doubling to `maxMs`. */
export const backoffDelay = (
  attempt: number,
  { initialMs = 100, maxMs = 5_000 }: BackoffOptions = {},
): number => {
  const ceiling = Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
};
