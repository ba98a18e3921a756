import {
  comparePositions,
  type EventStore,
  isPosition,
  maxPosition,
  type Position,
} from '@causeway/event-store';
import type { EventBus } from '@causeway/kernel';
import type { Wakeups } from '../relay/wakeups.js';
import { backoffDelay } from '../util/backoff.js';
import { sleep, WakeSignal } from '../util/signal.js';

export interface InProcessRelayOptions {
  store: Pick<EventStore, 'readAll'>;
  bus: EventBus;
  wakeups?: Wakeups;
  pollIntervalMs?: number;
  batchSize?: number;
  onError?: (error: unknown) => void;
}

/**
 * Feeds the in-process bus from the store, in order, one event at a time (the bus waits for every
 * subscriber before the next). It keeps its place in memory: a subscriber that joins behind it
 * rewinds it (`rewind`), and the others skip what they have applied already.
 */
export class InProcessRelay {
  #position: Position | undefined;
  #rewindTo: { position: Position | undefined } | undefined;
  #hinted: Position | undefined;
  readonly #signal = new WakeSignal();
  readonly #abort = new AbortController();
  #loop: Promise<void> | undefined;

  constructor(private readonly options: InProcessRelayOptions) {}

  get position(): Position | undefined {
    return this.#position;
  }

  start(): void {
    this.#loop ??= this.#run();
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    await this.#loop;
  }

  wake = (position?: string): void => {
    if (isPosition(position)) this.#hinted = maxPosition(this.#hinted, position);
    this.#signal.notify();
  };

  /** Makes the relay deliver again everything after `position` (undefined: from the start). */
  rewind(position: Position | undefined): void {
    const current = this.#rewindTo ? this.#rewindTo.position : this.#position;
    // `undefined` is the very start: nothing is before it.
    if (current === undefined) return;
    if (position !== undefined && comparePositions(position, current) >= 0) return;
    this.#rewindTo = { position };
    this.#signal.notify();
  }

  async #run(): Promise<void> {
    const unsubscribe = this.options.wakeups?.subscribe(this.wake);
    const { signal } = this.#abort;
    let failures = 0;
    let hintWaits = 0;
    try {
      while (!signal.aborted) {
        try {
          await this.#catchUp(signal);
          failures = 0;
        } catch (error) {
          failures += 1;
          this.options.onError?.(error);
          await sleep(backoffDelay(failures), signal);
          continue;
        }
        const hinted = this.#hinted;
        if (hinted && (!this.#position || comparePositions(hinted, this.#position) > 0)) {
          hintWaits += 1;
          const maxMs = this.options.pollIntervalMs ?? 1_000;
          await this.#signal.wait(backoffDelay(hintWaits, { initialMs: 10, maxMs }), signal);
        } else {
          this.#hinted = undefined;
          hintWaits = 0;
          await this.#signal.wait(this.options.pollIntervalMs ?? 1_000, signal);
        }
      }
    } finally {
      unsubscribe?.();
    }
  }

  async #catchUp(signal: AbortSignal): Promise<void> {
    for (;;) {
      if (this.#rewindTo) {
        this.#position = this.#rewindTo.position;
        this.#rewindTo = undefined;
      }
      const after = this.#position;
      const limit = this.options.batchSize ?? 500;
      const events = await this.options.store.readAll({ ...(after ? { after } : {}), limit });
      for (const event of events) {
        if (signal.aborted || this.#rewindTo) break;
        await this.options.bus.publish(event);
        this.#position = event.position;
      }
      if (signal.aborted || (events.length < limit && !this.#rewindTo)) return;
    }
  }
}
