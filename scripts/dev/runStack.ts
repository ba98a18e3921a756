import { migrate } from '@causeway/event-store';
import { ensureDatabase } from './ensureDatabase.js';
import { onShutdown } from './onShutdown.js';
import { runTurbo } from './runTurbo.js';

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

  const turbo = runTurbo({
    task: 'dev',
    env: { ...env, DATABASE_URL: databaseUrl, NATS_URL: natsUrl, CAUSEWAY_MODE: 'stack' },
    stopTarget: /tsx\/dist\/cli\.mjs watch /,
    log,
  });
  await onShutdown((reason, again) => turbo.stop(reason, again));
  return turbo.exited;
};
