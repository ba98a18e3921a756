import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { renderCharts } from '../charts/charts.js';
import { type ChartFiles, markdown, type Report } from './report.js';

type Files = [name: string, content: string][];

const withCharts = (
  report: Report,
  name: (chart: string) => string,
): { charts: ChartFiles; files: Files } => {
  const rendered = renderCharts(report);
  const charts: ChartFiles = {};
  const files: Files = [];
  for (const [chart, svg] of Object.entries(rendered) as [keyof ChartFiles, string][]) {
    charts[chart] = name(chart);
    files.push([name(chart), svg]);
  }
  return { charts, files };
};

/**
 * Writes `<stamp>.json`, `<stamp>.md` with its SVG charts beside it, and the same as `latest.*`,
 * into `dir` (bench/results/, gitignored). Returns the paths written.
 */
export const writeReport = async (report: Report, dir: URL): Promise<string[]> => {
  await mkdir(dir, { recursive: true });
  const json = JSON.stringify(report, null, 2);
  const files: Files = [];
  for (const base of [`${report.startedAt.replace(/[:.]/g, '-')}-${report.mode}`, 'latest']) {
    const { charts, files: svgs } = withCharts(report, (chart) => `${base}-${chart}.svg`);
    files.push([`${base}.json`, json], [`${base}.md`, markdown(report, charts)], ...svgs);
  }
  for (const [name, content] of files) await writeFile(new URL(name, dir), content);
  // A chart this run has nothing for must not linger from an earlier run beside latest.md.
  for (const chart of ['ratios', 'latency', 'growth']) {
    if (!files.some(([name]) => name === `latest-${chart}.svg`))
      await rm(new URL(`latest-${chart}.svg`, dir), { force: true });
  }
  return files.filter(([name]) => name.endsWith('.md')).map(([name]) => new URL(name, dir).pathname);
};

/** Everything after this line in BASELINE.md is written by hand (profiles, findings) and kept. */
export const NOTES_MARKER = '<!-- hand-written notes below: kept when the baseline is regenerated -->';

/**
 * `--baseline`: writes bench/BASELINE.md, its charts and its report.json under bench/baseline/
 * (all committed), keeping the hand-written closing notes of the previous BASELINE.md.
 */
export const writeBaseline = async (report: Report, benchDir: URL): Promise<string> => {
  const file = new URL('BASELINE.md', benchDir);
  const previous = await readFile(file, 'utf8').catch(() => '');
  const index = previous.indexOf(NOTES_MARKER);
  const notes =
    index === -1
      ? `${NOTES_MARKER}\n\n## Closing note\n\n(to be written after profiling)\n`
      : previous.slice(index);
  await rm(new URL('baseline/', benchDir), { recursive: true, force: true });
  await mkdir(new URL('baseline/', benchDir), { recursive: true });
  const { charts, files } = withCharts(report, (chart) => `baseline/${chart}.svg`);
  files.push(['baseline/report.json', `${JSON.stringify(report, null, 2)}\n`]);
  for (const [name, content] of files) await writeFile(new URL(name, benchDir), content);
  const body = markdown(report, charts).replace(
    /^# Causeway benchmarks \(full\)/,
    '# Causeway benchmarks: baseline',
  );
  await writeFile(file, `${body}\n${notes}`);
  return file.pathname;
};
