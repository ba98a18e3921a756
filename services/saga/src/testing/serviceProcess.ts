import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '@causeway/jetstream/testing';

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
  /** `http://127.0.0.1:<port>`. */
  url: string;
  exited: Promise<number | null>;
  /** The last lines of stdout and stderr, for failure messages. */
  output(): string;
}

const KEEP = 200;

/**
 * Starts a service's `src/main.ts` from source as its own process, as `pnpm dev` does, on a free
 * port (chosen here, so it works at any log level: Fastify logs its address at info only).
 */
export const spawnService = async (
  name: ServiceName,
  env: Record<string, string>,
): Promise<ServiceProcess> => {
  const cwd = `${servicesDir}${name}`;
  const port = await freePort();
  const child = spawn(process.execPath, ['--conditions=@causeway/source', '--import', 'tsx', 'src/main.ts'], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      ...env,
      HOST: '127.0.0.1',
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const tail: string[] = [];
  const keep = (line: string) => {
    tail.push(line);
    if (tail.length > KEEP) tail.shift();
  };
  const url = `http://127.0.0.1:${port}`;
  let buffered = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) keep(line);
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    for (const line of chunk.split('\n')) if (line) keep(`[stderr] ${line}`);
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code, signal) => {
      children.delete(child);
      keep(`[exit] ${code ?? signal}`);
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
  let exited = false;
  void service.exited.then(() => {
    exited = true;
  });
  await eventually(async () => {
    if (exited) return;
    const response = await fetch(`${service.url}/health/ready`);
    if (response.status !== 200) throw new Error(`${service.name} not ready: ${await response.text()}`);
  }, timeoutMs).catch((error: Error) => {
    throw new Error(`${service.name} not ready: ${error.message}\n${service.output()}`);
  });
  if (exited) throw new Error(`${service.name} exited before it was ready:\n${service.output()}`);
  return service.url;
};

/** Sends `signal` and waits for the process to exit. */
export const stopService = async (service: ServiceProcess, signal: NodeJS.Signals = 'SIGTERM') => {
  if (service.child.exitCode === null && service.child.signalCode === null) service.child.kill(signal);
  return service.exited;
};
