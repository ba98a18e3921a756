/** Nearest-rank percentile of an ascending array; 0 for an empty one. */
export const percentile = (sorted: ArrayLike<number>, p: number): number => {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
};

export interface Summary {
  ops: number;
  events: number;
  elapsedMs: number;
  eventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export const summarize = (latenciesMs: number[], events: number, elapsedMs: number): Summary => {
  const sorted = Float64Array.from(latenciesMs).sort();
  return {
    ops: latenciesMs.length,
    events,
    elapsedMs,
    eventsPerSecond: elapsedMs > 0 ? (events * 1000) / elapsedMs : 0,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
  };
};
