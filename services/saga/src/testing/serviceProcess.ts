import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository's `services/` directory: e2e tests start each service's `src/main.ts` by path. */
const servicesDir = fileURLToPath(new URL('../../..', import.meta.url));
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

export type ServiceName = 'command' | 'query' | 'payment' | 'saga';

export interface ServiceProcess {
  name: ServiceName;
  child: ChildProcess;
  /** `http://127.0.0.1:<port>` once it listens. */
  url: Promise<string>;
  exited: Promise<number | null>;
  /** The last lines of stdout and stderr, for failure messages. */
  output(): string;
}

const KEEP = 200;

/**
 * Starts a service's `src/main.ts` from source as its own process, as `pnpm dev` does, on an
 * ephemeral port (`PORT=0`) read back from Fastify's "Server listening at" line.
 */
export const spawnService = (name: ServiceName, env: Record<string, string>): ServiceProcess => {
  const cwd = `${servicesDir}${name}`;
  const child = spawn(process.execPath, ['--conditions=@causeway/source', '--import', 'tsx', 'src/main.ts'], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const tail: string[] = [];
  const keep = (line: string) => {
    tail.push(line);
    if (tail.length > KEEP) tail.shift();
  };
  let resolveUrl: (url: string) => void = () => {};
  let rejectUrl: (error: Error) => void = () => {};
  const url = new Promise<string>((resolve, reject) => {
    resolveUrl = resolve;
    rejectUrl = reject;
  });
  url.catch(() => {});
  let buffered = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      keep(line);
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (match?.[1]) resolveUrl(match[1]);
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    for (const line of chunk.split('\n')) if (line) keep(`[stderr] ${line}`);
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code, signal) => {
      children.delete(child);
      rejectUrl(new Error(`${name} exited (${code ?? signal}) before listening:\n${tail.join('\n')}`));
      resolve(code);
    }),
  );
  return { name, child, url, exited, output: () => tail.join('\n') };
};

/** Polls `check` until it holds (or throws its last failure past the deadline). */
export const eventually = async <T>(
  check: () => Promise<T>,
  timeoutMs = 30_000,
  everyMs = 100,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }
};

/** Waits until `GET /health/ready` answers 200 (database and NATS reachable). */
export const waitUntilReady = async (service: ServiceProcess, timeoutMs = 90_000): Promise<string> => {
  const base = await Promise.race([
    service.url,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${service.name} did not listen:\n${service.output()}`)), timeoutMs),
    ),
  ]);
  await eventually(async () => {
    const response = await fetch(`${base}/health/ready`);
    if (response.status !== 200) throw new Error(`${service.name} not ready: ${await response.text()}`);
  }, timeoutMs);
  return base;
};

/** Sends `signal` and waits for the process to exit. */
export const stopService = async (service: ServiceProcess, signal: NodeJS.Signals = 'SIGTERM') => {
  if (service.child.exitCode === null && service.child.signalCode === null) service.child.kill(signal);
  return service.exited;
};
