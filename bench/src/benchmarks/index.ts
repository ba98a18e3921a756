import type { Benchmark } from '../runner/benchmark.js';
import { appendBenchmark } from './append.js';
import { growthBenchmark } from './growth/growth.js';
import { readStreamBenchmark } from './readStream.js';

/** Every benchmark, in the order `pnpm bench` runs them; add new ones here. */
export const benchmarks: Benchmark[] = [appendBenchmark, readStreamBenchmark, growthBenchmark];
