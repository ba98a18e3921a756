import { parseArgs } from 'node:util';
import { allEvents } from '@causeway/contracts';
import { createPostgresEventStore, migrate } from '@causeway/event-store';
import { migrateDelivery } from '@causeway/jetstream';
import { loadRebuildConfig } from './config.js';
import { migrateReadModel } from './db/migrate.js';
import type { RebuildProgress } from './rebuild/progress.js';
import { rebuildReadModel } from './rebuild/rebuildReadModel.js';

const usage = `Usage: pnpm --filter @causeway/query-service rebuild [--force] [--batch-size N]

Rebuilds the order read model from the event store into shadow tables while the service keeps
answering from the live ones, then switches over in one transaction. Needs DATABASE_URL.
  --force          discard shadow tables a killed rebuild left behind
  --batch-size N   events per batch (default REBUILD_BATCH_SIZE, 5000)`;

const number = new Intl.NumberFormat('en');

const line = (p: RebuildProgress): string =>
  `rebuild ${p.phase.padEnd(8)} ${String(p.percent).padStart(5)}%  ${number.format(p.events)}/${number.format(p.total)} events  ${number.format(p.eventsPerSecond)} events/s  ${(p.elapsedMs / 1000).toFixed(1)} s`;

const run = async (): Promise<number> => {
  const { values } = parseArgs({
    options: { force: { type: 'boolean' }, 'batch-size': { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const config = loadRebuildConfig();
  const batchSize =
    values['batch-size'] === undefined ? config.REBUILD_BATCH_SIZE : Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) {
    process.stderr.write(`--batch-size must be a whole number from 1 to 100000\n${usage}\n`);
    return 2;
  }
  await migrate({ url: config.DATABASE_URL });
  const store = await createPostgresEventStore({ url: config.DATABASE_URL, registry: allEvents });
  try {
    await migrateDelivery(store.db);
    await migrateReadModel(store.db);
    const result = await rebuildReadModel({
      store,
      batchSize,
      force: values.force ?? false,
      onProgress: (progress) => process.stderr.write(`${line(progress)}\n`),
    });
    process.stderr.write(
      `rebuild done: ${number.format(result.events)} events in ${(result.durationMs / 1000).toFixed(1)} s (${number.format(result.eventsPerSecond)} events/s); checkpoint ${result.checkpoint}\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
};

run().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`rebuild failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
