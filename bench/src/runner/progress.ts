import { performance } from 'node:perf_hooks';
import { type Summary, summarize } from './stats.js';

/**
 * Times a bulk run (relay, consumers, streaming reads) in chunks: `mark(done)` as the count of
 * events handled grows; each time it passes a multiple of `chunk`, the time since the previous
 * multiple is one "latency" sample, so p50/p99 read as milliseconds per `chunk` events.
 */
export class ChunkTimer {
  readonly #chunk: number;
  readonly #durations: number[] = [];
  #started = performance.now();
  #lastAt = this.#started;
  #lastChunk = 0;
  #done = 0;
  #finishedAt: number | undefined;

  constructor(chunk: number) {
    this.#chunk = chunk;
  }

  start(): void {
    this.#started = performance.now();
    this.#lastAt = this.#started;
  }

  mark(done: number, now = performance.now()): void {
    this.#done = done;
    const reached = Math.floor(done / this.#chunk);
    if (reached > this.#lastChunk) {
      // Chunks passed between two marks share the time evenly.
      const each = (now - this.#lastAt) / (reached - this.#lastChunk);
      for (let i = this.#lastChunk; i < reached; i++) this.#durations.push(each);
      this.#lastChunk = reached;
      this.#lastAt = now;
    }
    this.#finishedAt = now;
  }

  summary(): Summary {
    const elapsed = (this.#finishedAt ?? performance.now()) - this.#started;
    return summarize(this.#durations, this.#done, elapsed);
  }
}
