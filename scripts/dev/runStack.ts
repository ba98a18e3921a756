import { migrate } from '@causeway/event-store';
import { ensureDatabase } from './ensureDatabase.js';
import { onShutdown } from './onShutdown.js';
import { supervise } from './supervise.js';

/**
 * Stack mode: makes sure the database exists and is migrated, then lets turbo run every service's
 * `dev` task (tsx watch, from source) as its own process, and stops them all on a signal.
 */
export const runStack = async (
  databaseUrl: string,
  natsUrl: string,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<number> => {
  const created = await ensureDatabase(databaseUrl);
  if (created === 'created') log(`created database ${new URL(databaseUrl).pathname.slice(1)}`);
  await migrate({ url: databaseUrl });
  log('event store migrated; starting services with turbo');

  const services = supervise({
    command: 'pnpm',
    args: ['exec', 'turbo', 'run', 'dev', '--filter=./services/*', '--concurrency=20'],
    env: { ...env, DATABASE_URL: databaseUrl, NATS_URL: natsUrl, CAUSEWAY_MODE: 'stack' },
    stopTarget: WATCHER,
    log,
  });
  await onShutdown((reason, again) => services.stop(reason, again));
  return services.exited;
};

/** A `tsx watch` process: it passes a signal on to the service it runs, then exits with it. */
export const WATCHER = /tsx\/dist\/cli\.mjs watch /;
