/**
 * Runs tasks with at most `limit` in flight, tasks with the same key one after another in the
 * order they were added. Commands of different aggregates are independent, so a handler that
 * mostly waits (a payment gateway) can overlap them; two commands for one aggregate keep their
 * order and never race for its stream. A task without a key (undecodable) has a lane of its own.
 */
export class AggregateLanes {
  readonly #limit: number;
  /** The last task of each key's lane. */
  readonly #tails = new Map<string, Promise<void>>();
  readonly #keyless = new Set<Promise<void>>();

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`concurrency must be an integer >= 1, got ${limit}`);
    this.#limit = limit;
  }

  /** Lanes with work: at most one task of each runs, so this bounds the tasks running. */
  get size(): number {
    return this.#tails.size + this.#keyless.size;
  }

  #pending(): Promise<void>[] {
    return [...this.#tails.values(), ...this.#keyless];
  }

  /** Resolves once there is room for one more lane. */
  async room(): Promise<void> {
    while (this.size >= this.#limit) await Promise.race(this.#pending());
  }

  /**
   * Starts `task` after the previous task of `key` settled (a task joining a busy lane takes no
   * room); call `room()` first. `task` must not reject.
   */
  add(key: string | undefined, task: () => Promise<void>): void {
    if (key === undefined) {
      const run: Promise<void> = task().finally(() => this.#keyless.delete(run));
      this.#keyless.add(run);
      return;
    }
    const before = this.#tails.get(key);
    const run: Promise<void> = (before ? before.then(task) : task()).finally(() => {
      if (this.#tails.get(key) === run) this.#tails.delete(key);
    });
    this.#tails.set(key, run);
  }

  /** Waits for every task added so far. */
  async drain(): Promise<void> {
    while (this.size > 0) await Promise.allSettled(this.#pending());
  }
}
