import type { JsMsg } from '@nats-io/jetstream';

/** A message and what `prepare` made of it (its decoded body). */
export interface BufferedMessage<T> {
  message: JsMsg;
  prepared: T;
}

/**
 * Drains an async iterator of messages into a queue in the background, decoding each as it
 * arrives, so the applier can take what has arrived as one batch instead of one message per turn,
 * and decoding overlaps the applier's waits on the database instead of adding to them.
 */
export class MessageBuffer<T> {
  readonly #queue: BufferedMessage<T>[] = [];
  #wake: (() => void) | undefined;
  #ended = false;
  readonly done: Promise<void>;

  constructor(source: AsyncIterable<JsMsg>, prepare: (message: JsMsg) => T) {
    this.done = (async () => {
      try {
        for await (const message of source) {
          this.#queue.push({ message, prepared: prepare(message) });
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
  get held(): readonly BufferedMessage<T>[] {
    return this.#queue;
  }

  /** Waits for at least one message (or the end, or `abort`), then takes up to `max`. */
  async take(max: number, abort: AbortSignal): Promise<BufferedMessage<T>[]> {
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
