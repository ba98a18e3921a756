/**
 * A latch the relay and consumers sleep on: `wait` resolves at the first of a `notify`, the
 * timeout or an abort. A `notify` while nobody waits is remembered, so a hint raised between a
 * read and the next wait is never lost.
 */
export class WakeSignal {
  #pending = false;
  #resolve: (() => void) | undefined;

  notify = (): void => {
    if (this.#resolve) this.#resolve();
    else this.#pending = true;
  };

  wait(timeoutMs: number, abort?: AbortSignal): Promise<void> {
    if (this.#pending || abort?.aborted) {
      this.#pending = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        abort?.removeEventListener('abort', done);
        this.#resolve = undefined;
        this.#pending = false;
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      abort?.addEventListener('abort', done, { once: true });
      this.#resolve = done;
    });
  }
}

/** Sleeps `ms`, or less when `abort` fires. */
export const sleep = (ms: number, abort?: AbortSignal): Promise<void> => new WakeSignal().wait(ms, abort);
