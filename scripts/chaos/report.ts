import type { Check } from './checks.js';
import type { FaultKind, FaultLog } from './faults.js';
import type { LoadStats, SubmittedOrder } from './load.js';

export interface Report {
  orders: number;
  submitted: SubmittedOrder[];
  stats: LoadStats;
  faults: FaultLog;
  checks: Check[];
  crashes: string;
  seconds: number;
  lost: string;
  duplicated: string;
  /** Orders by outcome (see `outcomes`). */
  ended: string;
}

const table = (rows: string[][]) => {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length))) ?? [];
  return rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')).join('\n');
};

/** Kill to ready again (a restart included), in seconds. */
const outage = (ms: number[]) =>
  ms.length === 0
    ? '-'
    : `${(ms.reduce((a, b) => a + b, 0) / ms.length / 1000).toFixed(1)} / ${(Math.max(...ms) / 1000).toFixed(1)}`;

export const printReport = (report: Report) => {
  const { faults, stats } = report;
  console.info(
    `\n${table([['check', 'result', 'detail'], ...report.checks.map((c) => [c.name, c.ok ? 'ok' : 'BREACH', c.detail])])}\n`,
  );
  console.info(
    table([
      ['fault', 'injected', 'outage s (mean / max)'],
      ...Object.entries(faults.counts).map(([kind, n]) => [
        kind,
        String(n),
        outage(faults.outages[kind as FaultKind]),
      ]),
      ['(backends terminated)', String(faults.backendsTerminated), ''],
    ]),
  );
  for (const failure of faults.failures)
    console.info(`fault step failed (service restarted by the supervisor): ${failure}`);
  const kinds = new Map<string, number>();
  for (const order of report.submitted) kinds.set(order.kind, (kinds.get(order.kind) ?? 0) + 1);
  console.info(
    `\norders: ${report.orders} submitted, ${report.submitted.length} accepted (${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}); ` +
      `requests ${stats.requests}, retries ${stats.retries}, failed answers ${JSON.stringify(stats.failures)}; ` +
      `outcomes: ${report.ended}; unplanned exits: ${report.crashes}; lost ${report.lost}, duplicated ${report.duplicated}; ${Math.round(report.seconds)} s`,
  );
};
