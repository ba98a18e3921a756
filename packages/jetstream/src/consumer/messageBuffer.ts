import type { JsMsg } from '@nats-io/jetstream';

/**
 * Drains an async iterator of messages into a queue in the background, so the applier can take
 * everything that has arrived so far as one batch instead of one message per turn.
 */
export class MessageBuffer {
  readonly #queue: JsMsg[] = [];
  #wake: (() => void) | undefined;
  #ended = false;
  readonly done: Promise<void>;

  constructor(source: AsyncIterable<JsMsg>) {
    this.done = (async () => {
      try {
        for await (const message of source) {
          this.#queue.push(message);
          this.#wake?.();
        }
      } finally {
        this.#ended = true;
        this.#wake?.();
      }
    })();
    this.done.catch(() => {});
  }

  /** Messages received and not yet taken: still ours to keep alive. */
  get held(): readonly JsMsg[] {
    return this.#queue;
  }

  /** Waits for at least one message (or the end, or `abort`), then takes up to `max`. */
  async take(max: number, abort: AbortSignal): Promise<JsMsg[]> {
    while (this.#queue.length === 0 && !this.#ended && !abort.aborted) {
      await new Promise<void>((resolve) => {
        const done = () => {
          abort.removeEventListener('abort', done);
          this.#wake = undefined;
          resolve();
        };
        this.#wake = done;
        abort.addEventListener('abort', done, { once: true });
      });
    }
    return this.#queue.splice(0, max);
  }
}
