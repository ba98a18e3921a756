import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { sweepTestDatabases } from '@causeway/event-store/testing';
import { benchmarks } from './benchmarks/index.js';
import { machineInfo } from './runner/machine.js';
import { writeBaseline, writeReport } from './runner/output.js';
import { type Report, terminalTable } from './runner/report.js';

/**
 * `pnpm bench [--quick] [--only <name>...] [--baseline] [--from-json <report.json>]`: runs the
 * benchmarks, prints tables, and writes JSON, markdown and SVG charts into bench/results/.
 * `--quick` (small sizes, under a minute) is the CI smoke test: it checks that the benchmarks
 * run, never how fast. `--baseline` (a full run only) also rewrites the committed
 * bench/BASELINE.md, bench/baseline/*.svg and bench/baseline/report.json. `--from-json` runs
 * nothing: it writes the outputs again from a saved report (after a change to the charts).
 */
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string', multiple: true },
    baseline: { type: 'boolean', default: false },
    'from-json': { type: 'string' },
  },
});
const saved = values['from-json'];
if (saved !== undefined) {
  const report = JSON.parse(await readFile(saved, 'utf8')) as Report;
  const files = await writeReport(report, new URL('../results/', import.meta.url));
  if (values.baseline) files.push(await writeBaseline(report, new URL('../', import.meta.url)));
  console.log(files.join('\n'));
  process.exit(0);
}
const quick = values.quick ?? false;
const selected = values.only?.length ? benchmarks.filter((b) => values.only?.includes(b.name)) : benchmarks;
if (selected.length === 0) {
  console.error(
    `No benchmark named ${values.only?.join(', ')}; known: ${benchmarks.map((b) => b.name).join(', ')}`,
  );
  process.exit(2);
}
if (values.baseline && (quick || selected.length !== benchmarks.length)) {
  console.error('--baseline takes a full run of every benchmark (no --quick, no --only)');
  process.exit(2);
}

const started = Date.now();
await sweepTestDatabases();
const report: Report = {
  startedAt: new Date(started).toISOString(),
  mode: quick ? 'quick' : 'full',
  machine: await machineInfo(),
  comparisons: [],
  measurements: [],
  growth: [],
  notes: [],
};
const loads: string[] = [];
for (const benchmark of selected) {
  const benchStarted = Date.now();
  loads.push(`${benchmark.name} ${(loadavg()[0] ?? 0).toFixed(1)}`);
  // Offsets into the run, to cut a --cpu-prof profile to one benchmark (see `pnpm cpu-profile`).
  console.log(`${benchmark.name}: starting ${((benchStarted - started) / 1000).toFixed(1)} s into the run`);
  const result = await benchmark.run({ quick, log: (line) => console.log(line) });
  report.comparisons.push(...(result.comparisons ?? []));
  report.measurements.push(...(result.measurements ?? []));
  report.growth.push(...(result.growth ?? []));
  report.notes.push(...(result.notes ?? []));
  console.log(`${benchmark.name}: ${((Date.now() - benchStarted) / 1000).toFixed(1)} s`);
}
report.durationMs = Date.now() - started;
// Other work on a shared machine moves absolute figures (ratios much less): say how much there was.
report.notes.push(
  `1-minute load average as each benchmark started: ${loads.join(', ')}; at the end ${(loadavg()[0] ?? 0).toFixed(1)} (${report.machine.cpus} CPUs).`,
);
console.log(`\n${terminalTable(report)}\n`);
const files = await writeReport(report, new URL('../results/', import.meta.url));
if (values.baseline) files.push(await writeBaseline(report, new URL('../', import.meta.url)));
console.log(`${files.join('\n')}\n${(report.durationMs / 1000).toFixed(1)} s`);
// Everything is closed by now; a handle still open would keep CI waiting. Say what it is and go.
setTimeout(() => {
  const handles = (process as unknown as { _getActiveHandles(): object[] })._getActiveHandles();
  console.error(
    `bench: still running 10 s after finishing, held by ${handles.map((h) => h.constructor.name).join(', ')}`,
  );
  process.exit(0);
}, 10_000).unref();
