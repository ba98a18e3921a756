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

/**
 * Several runs of one scenario as one: events and time add up, so the rate is the overall rate;
 * percentiles are averaged weighted by operations (an approximation: the raw samples are gone).
 */
export const mergeSummaries = (parts: readonly Summary[]): Summary => {
  const elapsedMs = parts.reduce((sum, p) => sum + p.elapsedMs, 0);
  const events = parts.reduce((sum, p) => sum + p.events, 0);
  const ops = parts.reduce((sum, p) => sum + p.ops, 0);
  const weighted = (key: 'p50Ms' | 'p99Ms') =>
    parts.reduce((sum, p) => sum + p[key] * p.ops, 0) / Math.max(1, ops);
  return {
    ops,
    events,
    elapsedMs,
    eventsPerSecond: elapsedMs > 0 ? (events * 1000) / elapsedMs : 0,
    p50Ms: weighted('p50Ms'),
    p99Ms: weighted('p99Ms'),
  };
};

/** A comparison's ratio: subject events/s over ceiling events/s. */
export const ratioOf = (subject: Summary, ceiling: Summary): number =>
  ceiling.eventsPerSecond > 0 ? subject.eventsPerSecond / ceiling.eventsPerSecond : 0;
