import type { Benchmark } from '../runner/benchmark.js';
import { appendBenchmark } from './append.js';
import { endToEndBenchmark } from './endToEnd/endToEnd.js';
import { growthBenchmark } from './growth/growth.js';
import { httpBenchmark } from './http.js';
import { projectionBenchmark } from './projection/projection.js';
import { readStreamBenchmark } from './readStream.js';
import { relayBenchmark } from './relay.js';

/** Every benchmark, in the order `pnpm bench` runs them; add new ones here. */
export const benchmarks: Benchmark[] = [
  appendBenchmark,
  readStreamBenchmark,
  relayBenchmark,
  projectionBenchmark,
  httpBenchmark,
  endToEndBenchmark,
  growthBenchmark,
];
