import type { Summary } from './stats.js';

/** One measured line: a subject (what we ship) against its ceiling (the raw thing), same scenario. */
export interface Comparison {
  benchmark: string;
  scenario: string;
  subject: Summary;
  ceiling: Summary;
  /** subject events/s divided by ceiling events/s. */
  ratio: number;
  /** The ratio the benchmark aims for, if it has one. */
  target?: number;
  /** What one latency sample is; default one operation (an append, a read, a request). */
  latencyOf?: string;
}

/** An absolute figure with no ceiling: a rebuild's rate, an end-to-end run at an offered load. */
export interface Measurement {
  benchmark: string;
  scenario: string;
  value: number;
  /** Unit of `value`, e.g. `events/s`, `orders/s`. */
  unit: string;
  p50Ms?: number;
  p99Ms?: number;
  /** `value` must be at least this. */
  target?: number;
  detail?: string;
}

/** One curve of the growth benchmark: a figure at each amount of data already stored. */
export interface GrowthSeries {
  name: string;
  unit: string;
  points: { stored: number; value: number }[];
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  postgres?: string;
  nats?: string;
  /** 1-minute load average when the run started: other work on a shared machine. */
  loadAverage?: number;
}

export interface Report {
  startedAt: string;
  mode: 'quick' | 'full';
  machine: Machine;
  durationMs?: number;
  comparisons: Comparison[];
  measurements: Measurement[];
  growth: GrowthSeries[];
  notes: string[];
}

export const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const ms = (n: number | undefined) => (n === undefined ? '' : fmt(n, n < 10 ? 2 : 1));

export const ratioVerdict = (c: Comparison): string =>
  c.target === undefined
    ? ''
    : c.ratio >= c.target
      ? `${fmt(c.target * 100)}% ok`
      : `${fmt(c.target * 100)}% MISSED by ${fmt((c.target - c.ratio) * 100)} pts`;

export const measurementVerdict = (m: Measurement): string =>
  m.target === undefined
    ? ''
    : m.value >= m.target
      ? `>= ${fmt(m.target)} ok`
      : `>= ${fmt(m.target)} MISSED by ${fmt(m.target - m.value)} (${fmt((1 - m.value / m.target) * 100)}% short)`;

const COMPARISON_HEADER = [
  'benchmark',
  'scenario',
  'events/s',
  'ceiling events/s',
  'ratio',
  'target',
  'p50/p99 ms',
  'ceiling p50/p99 ms',
  'latency of',
];

const comparisonRows = (report: Report): string[][] =>
  report.comparisons.map((c) => [
    c.benchmark,
    c.scenario,
    fmt(c.subject.eventsPerSecond),
    fmt(c.ceiling.eventsPerSecond),
    `${fmt(c.ratio * 100)}%`,
    ratioVerdict(c),
    `${ms(c.subject.p50Ms)} / ${ms(c.subject.p99Ms)}`,
    `${ms(c.ceiling.p50Ms)} / ${ms(c.ceiling.p99Ms)}`,
    c.latencyOf ?? 'operation',
  ]);

const MEASUREMENT_HEADER = ['benchmark', 'scenario', 'value', 'target', 'p50/p99 ms', 'detail'];

const measurementRows = (report: Report): string[][] =>
  report.measurements.map((m) => [
    m.benchmark,
    m.scenario,
    `${fmt(m.value)} ${m.unit}`,
    measurementVerdict(m),
    m.p50Ms === undefined ? '' : `${ms(m.p50Ms)} / ${ms(m.p99Ms)}`,
    m.detail ?? '',
  ]);

/** Growth as a table: one row per amount stored, one column per series. */
const growthTable = (report: Report): string[][] => {
  const stored = [...new Set(report.growth.flatMap((s) => s.points.map((p) => p.stored)))].sort(
    (a, b) => a - b,
  );
  const header = ['events stored', ...report.growth.map((s) => `${s.name} (${s.unit})`)];
  const rows = stored.map((n) => [
    fmt(n),
    ...report.growth.map((s) => {
      const point = s.points.find((p) => p.stored === n);
      return point === undefined ? '' : fmt(point.value, point.value < 10 ? 2 : 0);
    }),
  ]);
  return [header, ...rows];
};

const aligned = (table: string[][]): string => {
  const widths = (table[0] ?? []).map((_, i) => Math.max(...table.map((r) => (r[i] ?? '').length)));
  return table.map((r) => r.map((cell, i) => cell.padEnd(widths[i] as number)).join('  ')).join('\n');
};

const markdownTable = (table: string[][]): string[] => {
  const [header = [], ...rows] = table;
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
};

export const terminalTable = (report: Report): string =>
  [
    report.comparisons.length ? aligned([COMPARISON_HEADER, ...comparisonRows(report)]) : '',
    report.measurements.length ? aligned([MEASUREMENT_HEADER, ...measurementRows(report)]) : '',
    report.growth.length ? aligned(growthTable(report)) : '',
  ]
    .filter(Boolean)
    .join('\n\n');

export const machineLine = (report: Report): string => {
  const m = report.machine;
  return [
    report.startedAt,
    `${m.cpus} × ${m.cpuModel}`,
    `${m.memoryGb} GB`,
    `Node ${m.node}`,
    m.postgres,
    m.nats,
    m.loadAverage === undefined ? undefined : `load average ${fmt(m.loadAverage, 2)} at start`,
    report.durationMs === undefined ? undefined : `run took ${fmt(report.durationMs / 1000)} s`,
  ]
    .filter(Boolean)
    .join(' · ');
};

/** Lines saying which targets were missed, and by how much. */
export const missedTargets = (report: Report): string[] => [
  ...report.comparisons
    .filter((c) => c.target !== undefined && c.ratio < c.target)
    .map(
      (c) =>
        `${c.benchmark} · ${c.scenario}: ${fmt(c.ratio * 100)}% of the ceiling against a target of ${fmt(
          (c.target as number) * 100,
        )}%, missed by ${fmt(((c.target as number) - c.ratio) * 100)} points`,
    ),
  ...report.measurements
    .filter((m) => m.target !== undefined && m.value < m.target)
    .map(
      (m) =>
        `${m.benchmark} · ${m.scenario}: ${fmt(m.value)} ${m.unit} against a target of ${fmt(
          m.target as number,
        )}, ${fmt((1 - m.value / (m.target as number)) * 100)}% short`,
    ),
];

/** File names of the charts, relative to the markdown file that embeds them. */
export interface ChartFiles {
  ratios?: string;
  latency?: string;
  growth?: string;
}

export const markdown = (report: Report, charts: ChartFiles = {}): string => {
  const missed = missedTargets(report);
  const lines = [`# Causeway benchmarks (${report.mode})`, '', machineLine(report), ''];
  if (report.comparisons.length) {
    lines.push(
      '## Against the ceiling',
      '',
      ...markdownTable([COMPARISON_HEADER, ...comparisonRows(report)]),
      '',
    );
    if (charts.ratios) lines.push(`![Throughput as a share of the ceiling](${charts.ratios})`, '');
  }
  if (report.measurements.length) {
    lines.push(
      '## Absolute figures',
      '',
      ...markdownTable([MEASUREMENT_HEADER, ...measurementRows(report)]),
      '',
    );
  }
  if (charts.latency) lines.push(`![Latency percentiles](${charts.latency})`, '');
  if (report.growth.length) {
    lines.push('## Growth', '', ...markdownTable(growthTable(report)), '');
    if (charts.growth) lines.push(`![Cost as the log grows](${charts.growth})`, '');
  }
  lines.push('## Targets missed', '');
  lines.push(...(missed.length ? missed.map((line) => `- ${line}`) : ['None.']), '');
  if (report.notes.length) lines.push('## Notes', '', ...report.notes.map((note) => `- ${note}`), '');
  return lines.join('\n');
};
