import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
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
}

export interface Report {
  startedAt: string;
  mode: 'quick' | 'full';
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; postgres?: string };
  comparisons: Comparison[];
}

export const machineInfo = (): Report['machine'] => ({
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  memoryGb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
});

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const rows = (report: Report): string[][] =>
  report.comparisons.map((c) => [
    c.benchmark,
    c.scenario,
    fmt(c.subject.eventsPerSecond),
    fmt(c.ceiling.eventsPerSecond),
    `${fmt(c.ratio * 100)}%`,
    c.target === undefined
      ? ''
      : `${fmt(c.target * 100)}%${c.ratio >= c.target ? ' ok' : ` MISSED by ${fmt((c.target - c.ratio) * 100)} pts`}`,
    `${fmt(c.subject.p50Ms, 2)} / ${fmt(c.subject.p99Ms, 2)}`,
    `${fmt(c.ceiling.p50Ms, 2)} / ${fmt(c.ceiling.p99Ms, 2)}`,
  ]);

const HEADER = [
  'benchmark',
  'scenario',
  'events/s',
  'ceiling events/s',
  'ratio',
  'target',
  'p50/p99 ms',
  'ceiling p50/p99 ms',
];

export const terminalTable = (report: Report): string => {
  const all = [HEADER, ...rows(report)];
  const widths = HEADER.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all.map((r) => r.map((cell, i) => cell.padEnd(widths[i] as number)).join('  ')).join('\n');
};

export const markdown = (report: Report): string => {
  const m = report.machine;
  return [
    `# Causeway benchmarks (${report.mode})`,
    '',
    `${report.startedAt} · ${m.cpus} × ${m.cpuModel} · ${m.memoryGb} GB · Node ${m.node}${m.postgres ? ` · ${m.postgres}` : ''}`,
    '',
    `| ${HEADER.join(' | ')} |`,
    `| ${HEADER.map(() => '---').join(' | ')} |`,
    ...rows(report).map((r) => `| ${r.join(' | ')} |`),
    '',
  ].join('\n');
};

/** Writes `<stamp>.json`, `<stamp>.md` and `latest.json` / `latest.md` into `dir`. */
export const writeReport = async (report: Report, dir: URL): Promise<string[]> => {
  await mkdir(dir, { recursive: true });
  const stamp = `${report.startedAt.replace(/[:.]/g, '-')}-${report.mode}`;
  const files: [string, string][] = [
    [`${stamp}.json`, JSON.stringify(report, null, 2)],
    [`${stamp}.md`, markdown(report)],
    ['latest.json', JSON.stringify(report, null, 2)],
    ['latest.md', markdown(report)],
  ];
  for (const [name, content] of files) await writeFile(new URL(name, dir), content);
  return files.map(([name]) => new URL(name, dir).pathname);
};
