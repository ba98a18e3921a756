import type { Comparison } from './report.js';

export interface BenchContext {
  quick: boolean;
  log: (line: string) => void;
}

/** One file per benchmark under `src/benchmarks/`, each measuring its subject against a ceiling. */
export interface Benchmark {
  name: string;
  run(context: BenchContext): Promise<Comparison[]>;
}
