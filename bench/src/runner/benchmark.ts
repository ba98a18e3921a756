import type { Comparison, GrowthSeries, Measurement } from './report.js';

export interface BenchContext {
  quick: boolean;
  log: (line: string) => void;
}

/** What one benchmark found: lines against a ceiling, absolute figures, growth curves, findings. */
export interface BenchResult {
  comparisons?: Comparison[];
  measurements?: Measurement[];
  growth?: GrowthSeries[];
  /** Sentences for the report (e.g. whether cost per event stays flat, and why not). */
  notes?: string[];
}

/** One file per benchmark under `src/benchmarks/`, each measuring its subject against a ceiling. */
export interface Benchmark {
  name: string;
  run(context: BenchContext): Promise<BenchResult>;
}
