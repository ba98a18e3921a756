export interface RetryOptions {
  /** True once the service is shutting down: stop trying and resolve with `undefined`. */
  stopped: () => boolean;
  onError: (error: unknown, attempt: number) => void;
  /** First wait after a failure, doubling up to `maxMs`; defaults 200 ms and 5 s. */
  initialMs?: number;
  maxMs?: number;
  /** Seam for tests; defaults to a timer. */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Runs an idempotent start-up step until it succeeds (or the service stops). The saga's redrive
 * resends commands with their original ids, so trying again after a publish timed out (NATS
 * restarting) or a connection was terminated is harmless; exiting the process over it was not
 * (a restart loop, each one replaying the whole redrive).
 */
export const retryUntilDone = async <T>(
  step: () => Promise<T>,
  options: RetryOptions,
): Promise<T | undefined> => {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const initialMs = options.initialMs ?? 200;
  const maxMs = options.maxMs ?? 5_000;
  for (let attempt = 1; ; attempt++) {
    if (options.stopped()) return undefined;
    try {
      return await step();
    } catch (error) {
      if (options.stopped()) return undefined;
      options.onError(error, attempt);
      await sleep(Math.min(maxMs, initialMs * 2 ** (attempt - 1)));
    }
  }
};
