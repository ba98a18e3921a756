import { parseArgs } from 'node:util';
import { sweepTestDatabases } from '@causeway/event-store/testing';
import postgres from 'postgres';
import { benchmarks } from './benchmarks/index.js';
import { machineInfo, type Report, terminalTable, writeReport } from './runner/report.js';

/**
 * `pnpm bench [--quick] [--only <name>]`: runs the benchmarks, prints a table, and writes JSON and
 * markdown into bench/results/. `--quick` (small sizes, under a minute) is the CI smoke test:
 * it checks that the benchmarks run, never how fast.
 */
const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, only: { type: 'string', multiple: true } },
});
const quick = values.quick ?? false;
const selected = values.only?.length ? benchmarks.filter((b) => values.only?.includes(b.name)) : benchmarks;
if (selected.length === 0) {
  console.error(
    `No benchmark named ${values.only?.join(', ')}; known: ${benchmarks.map((b) => b.name).join(', ')}`,
  );
  process.exit(2);
}

const postgresVersion = async (): Promise<string | undefined> => {
  const sql = postgres(process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', {
    max: 1,
    connect_timeout: 5,
    onnotice: () => {},
  });
  try {
    const [row] = await sql<{ server_version: string }[]>`SHOW server_version`;
    return row ? `PostgreSQL ${row.server_version}` : undefined;
  } finally {
    await sql.end({ timeout: 1 });
  }
};

const started = Date.now();
await sweepTestDatabases();
const report: Report = {
  startedAt: new Date(started).toISOString(),
  mode: quick ? 'quick' : 'full',
  machine: { ...machineInfo(), ...(await postgresVersion().then((v) => (v ? { postgres: v } : {}))) },
  comparisons: [],
};
for (const benchmark of selected) {
  report.comparisons.push(...(await benchmark.run({ quick, log: (line) => console.log(line) })));
}
console.log(`\n${terminalTable(report)}\n`);
const files = await writeReport(report, new URL('../results/', import.meta.url));
console.log(`${files.join('\n')}\n${((Date.now() - started) / 1000).toFixed(1)} s`);
