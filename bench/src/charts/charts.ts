import type { Report } from '../runner/report.js';
import { growthChart } from './growthChart.js';
import { type LatencyRow, latencyChart } from './latencyChart.js';
import { ratioChart } from './ratioChart.js';

/** The report's charts as SVG documents, by name; a chart with nothing to draw is left out. */
export const renderCharts = (report: Report): { ratios?: string; latency?: string; growth?: string } => {
  const rows: LatencyRow[] = [
    ...report.comparisons
      .filter((c) => c.subject.p99Ms > 0)
      .map((c) => ({
        label: `${c.benchmark} · ${c.scenario}${c.latencyOf ? ` (per ${c.latencyOf})` : ''}`,
        p50Ms: c.subject.p50Ms,
        p99Ms: c.subject.p99Ms,
        ceiling: { p50Ms: c.ceiling.p50Ms, p99Ms: c.ceiling.p99Ms },
      })),
    ...report.measurements
      .filter((m) => m.p50Ms !== undefined && m.p99Ms !== undefined)
      .map((m) => ({
        label: `${m.benchmark} · ${m.scenario}`,
        p50Ms: m.p50Ms as number,
        p99Ms: m.p99Ms as number,
      })),
  ];
  const stamp = `${report.mode} run, ${report.startedAt.slice(0, 16).replace('T', ' ')} UTC`;
  return {
    ...(report.comparisons.length
      ? { ratios: ratioChart(report.comparisons, `Throughput as a share of the ceiling (${stamp})`) }
      : {}),
    ...(rows.length ? { latency: latencyChart(rows, `Latency p50 / p99 (${stamp})`) } : {}),
    ...(report.growth.length
      ? { growth: growthChart(report.growth, `Cost as the log grows (${stamp})`) }
      : {}),
  };
};
