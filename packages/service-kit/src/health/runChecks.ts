import type { FastifyBaseLogger } from 'fastify';

/** Resolves when the dependency answers, rejects (or hangs) when it does not. */
export type ReadinessCheck = () => Promise<void>;
export type ReadinessChecks = Readonly<Record<string, ReadinessCheck>>;

export interface CheckResult {
  status: 'ok' | 'failed' | 'timeout';
  durationMs: number;
}

/**
 * Runs every check at once, each bounded by `timeoutMs` so one hung dependency cannot hang the
 * probe. Failures are logged with their error; the result says only which failed (no internals).
 */
export const runChecks = async (
  checks: ReadinessChecks,
  timeoutMs: number,
  log: FastifyBaseLogger,
): Promise<Record<string, CheckResult>> => {
  const entries = await Promise.all(
    Object.entries(checks).map(
      async ([name, check]) => [name, await runCheck(name, check, timeoutMs, log)] as const,
    ),
  );
  return Object.fromEntries(entries);
};

const runCheck = async (
  name: string,
  check: ReadinessCheck,
  timeoutMs: number,
  log: FastifyBaseLogger,
): Promise<CheckResult> => {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const outcome = await Promise.race([check().then(() => 'ok' as const), timedOut]);
    if (outcome === 'timeout') log.warn({ check: name, timeoutMs }, 'readiness check timed out');
    return { status: outcome, durationMs: Math.round(performance.now() - started) };
  } catch (err) {
    log.warn({ check: name, err }, 'readiness check failed');
    return { status: 'failed', durationMs: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
  }
};
