export interface RebuildProgress {
  phase: 'load' | 'catch-up' | 'index' | 'switch' | 'done';
  /** Events read from the store so far (of every type). */
  events: number;
  /** Events in the store when the load began: what `percent` is of. */
  total: number;
  percent: number;
  eventsPerSecond: number;
  elapsedMs: number;
}

/** Turns counts into progress reports, at most one per `intervalMs` (and always for a new phase). */
export const progressReporter = (
  total: number,
  report: (progress: RebuildProgress) => void,
  intervalMs = 1_000,
  now: () => number = performance.now.bind(performance),
) => {
  const started = now();
  let last = Number.NEGATIVE_INFINITY;
  let lastPhase: RebuildProgress['phase'] | undefined;
  return (phase: RebuildProgress['phase'], events: number, force = false): RebuildProgress => {
    const at = now();
    const elapsedMs = at - started;
    const progress: RebuildProgress = {
      phase,
      events,
      total,
      percent: total === 0 ? 100 : Math.min(100, Math.round((events / total) * 1000) / 10),
      eventsPerSecond: elapsedMs > 0 ? Math.round((events / elapsedMs) * 1000) : 0,
      elapsedMs: Math.round(elapsedMs),
    };
    if (force || phase !== lastPhase || at - last >= intervalMs) {
      last = at;
      lastPhase = phase;
      report(progress);
    }
    return progress;
  };
};
