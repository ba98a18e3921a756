import { spawn } from 'node:child_process';
import { migrate } from '@causeway/event-store';
import { ensureDatabase } from './ensureDatabase.js';

const FORCE_AFTER_MS = 9_000;

/**
 * Stack mode: makes sure the database exists and is migrated, then lets turbo run every service's
 * `dev` task (tsx watch, from source) as its own process. Turbo and everything under it share a
 * process group, so a signal reaches the whole tree and nothing is left behind.
 */
export const runStack = async (databaseUrl: string, natsUrl: string, log: (line: string) => void) => {
  const created = await ensureDatabase(databaseUrl);
  if (created === 'created') log(`created database ${new URL(databaseUrl).pathname.slice(1)}`);
  await migrate({ url: databaseUrl });
  log('event store migrated; starting services with turbo');

  const child = spawn('pnpm', ['exec', 'turbo', 'run', 'dev', '--filter=./services/*', '--concurrency=20'], {
    stdio: 'inherit',
    detached: true,
    env: { ...process.env, DATABASE_URL: databaseUrl, NATS_URL: natsUrl, CAUSEWAY_MODE: 'stack' },
  });
  const group = -(child.pid as number);
  const stop = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping services`);
    signalGroup(group, 'SIGTERM');
    setTimeout(() => signalGroup(group, 'SIGKILL'), FORCE_AFTER_MS).unref();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  const code = await new Promise<number>((resolve) =>
    child.once('exit', (c, s) => resolve(c ?? (s ? 0 : 1))),
  );
  signalGroup(group, 'SIGKILL');
  return code;
};

const signalGroup = (group: number, signal: NodeJS.Signals) => {
  try {
    process.kill(group, signal);
  } catch {
    // the group is gone already
  }
};
