import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const fixture = fileURLToPath(new URL('./slowServer.fixture.ts', import.meta.url));
const packageDir = fileURLToPath(new URL('../..', import.meta.url));
// Starting a TypeScript process takes seconds on a busy 2-core machine (every package tests at once).
const deadlineMs = 45_000;

interface Server {
  child: ChildProcess;
  address: string;
  events: Record<string, unknown>[];
  waitForEvent(event: string): Promise<void>;
  exited: Promise<number | null>;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Resolves when `check` holds, re-checked on every `emitter` change; rejects past the deadline. */
const waitUntil = (check: () => boolean, subscribe: (recheck: () => void) => void, what: string) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), deadlineMs);
    const recheck = () => {
      if (!check()) return;
      clearTimeout(timer);
      resolve();
    };
    subscribe(recheck);
    recheck();
  });

const startServer = async (mode: 'finish' | 'hang', timeoutMs = 10_000): Promise<Server> => {
  const child = spawn(
    process.execPath,
    ['--conditions=@causeway/source', '--import', 'tsx', fixture, mode, String(timeoutMs)],
    { cwd: packageDir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  const events: Record<string, unknown>[] = [];
  const listeners = new Set<() => void>();
  let buffered = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line !== '') events.push(JSON.parse(line) as Record<string, unknown>);
    for (const listener of listeners) listener();
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitForEvent = (event: string) =>
    Promise.race([
      waitUntil(
        () => events.some((e) => e.event === event),
        (l) => listeners.add(l),
        `event ${event}`,
      ),
      exited.then((code) => {
        if (!events.some((e) => e.event === event))
          throw new Error(`server exited ${code} before ${event}: ${stderr}`);
      }),
    ]);
  await waitForEvent('listening');
  const address = events.find((e) => e.event === 'listening')?.address;
  return { child, address: String(address), events, waitForEvent, exited };
};

const withDeadline = <T>(promise: Promise<T>, what: string): Promise<T> =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      setTimeout(() => reject(new Error(`timed out: ${what}`)), deadlineMs).unref();
    }),
  ]);

describe('installGracefulShutdown (real process)', () => {
  it('on SIGTERM finishes the in-flight request, runs onClose hooks and exits 0', async () => {
    const server = await startServer('finish');
    const response = fetch(`${server.address}/slow`);
    await server.waitForEvent('slowStarted');

    server.child.kill('SIGTERM');

    const answered = await withDeadline(response, 'the slow response');
    expect(answered.status).toBe(200);
    expect(await answered.json()).toEqual({ finished: true });
    expect(await withDeadline(server.exited, 'process exit')).toBe(0);
    expect(server.events.map((e) => e.event)).toEqual(['listening', 'slowStarted', 'closing', 'onClose']);
  });

  it('exits 1 when in-flight work outlasts the timeout', async () => {
    const server = await startServer('hang', 300);
    void fetch(`${server.address}/slow`).catch(() => {});
    await server.waitForEvent('slowStarted');

    server.child.kill('SIGTERM');

    expect(await withDeadline(server.exited, 'process exit')).toBe(1);
    expect(server.events.map((e) => e.event)).not.toContain('onClose');
  });

  it('exits 1 at once on a second signal', async () => {
    const server = await startServer('hang', 60_000);
    void fetch(`${server.address}/slow`).catch(() => {});
    await server.waitForEvent('slowStarted');

    server.child.kill('SIGTERM');
    await server.waitForEvent('closing');
    server.child.kill('SIGINT');

    expect(await withDeadline(server.exited, 'process exit')).toBe(1);
  });
});
