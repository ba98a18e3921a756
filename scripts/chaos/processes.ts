import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '@causeway/jetstream/testing';
import { waitFor } from '@causeway/kernel/testing';

/** The repository root: services are started by path, from source, as `pnpm dev` does. */
const root = fileURLToPath(new URL('../..', import.meta.url));
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

export type Role = 'command' | 'relay' | 'query' | 'payment' | 'saga';

const ENTRY: Record<Role, string> = {
  command: 'services/command/src/main.ts',
  relay: 'services/command/src/relayMain.ts',
  query: 'services/query/src/main.ts',
  payment: 'services/payment/src/main.ts',
  saga: 'services/saga/src/main.ts',
};

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Service {
  role: Role;
  /** `http://127.0.0.1:<port>`; the relay has none. */
  url: string | undefined;
  running(): boolean;
  /** Exited without being asked to: the supervisor restarts it. */
  crashed(): boolean;
  /** Starts the process (same port, same settings) and waits until it is ready. */
  start(): Promise<void>;
  kill(signal: NodeJS.Signals): Promise<void>;
  /** Exits nobody asked for (crashes), counted across restarts. */
  crashes(): number;
  output(): string;
}

/** One service process, restartable; LOG_LEVEL info so the relay's "relay running" shows. */
export const defineService = async (role: Role, env: Record<string, string>): Promise<Service> => {
  const port = role === 'relay' ? undefined : await freePort();
  const url = port === undefined ? undefined : `http://127.0.0.1:${port}`;
  const tail: string[] = [];
  const keep = (line: string) => {
    tail.push(line);
    if (tail.length > 300) tail.shift();
  };
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let expected = false;
  let crashes = 0;
  let started = false;
  const start = async () => {
    expected = false;
    started = false;
    const spawned = spawn(
      process.execPath,
      ['--conditions=@causeway/source', '--import', 'tsx', ENTRY[role]],
      {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? '',
          NODE_ENV: 'test',
          LOG_LEVEL: 'info',
          ...env,
          HOST: '127.0.0.1',
          ...(port === undefined ? {} : { PORT: String(port) }),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child = spawned;
    children.add(spawned);
    let buffered = '';
    spawned.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line.includes('relay running')) started = true;
        if (line.includes('"level":50') || line.includes('"level":60') || line.includes('"level":40'))
          keep(line);
      }
    });
    spawned.stderr?.setEncoding('utf8').on('data', (chunk: string) => keep(`[stderr] ${chunk.trim()}`));
    exited = new Promise((resolve) =>
      spawned.once('exit', (code, signal) => {
        children.delete(spawned);
        keep(`[exit ${role}] ${code ?? signal}${expected ? '' : ' (unexpected)'}`);
        if (!expected) {
          crashes += 1;
          console.warn(`[chaos] ${role} exited unexpectedly; its last lines:\n${tail.slice(-12).join('\n')}`);
        }
        resolve();
      }),
    );
    const alive = () => spawned.exitCode === null && spawned.signalCode === null;
    await waitFor(
      async () => {
        if (!alive()) throw new Error('exited');
        if (url === undefined) return started;
        return fetch(`${url}/health/ready`).then(
          (response) => response.status === 200,
          () => false, // not listening yet
        );
      },
      `${role} to be ready`,
      90_000,
      100,
    ).catch((error: Error) => {
      throw new Error(`${role}: ${error.message}\n${tail.join('\n')}`);
    });
  };
  return {
    role,
    url,
    running: () => child !== undefined && child.exitCode === null && child.signalCode === null,
    crashed: () => child !== undefined && (child.exitCode !== null || child.signalCode !== null) && !expected,
    start,
    async kill(signal) {
      expected = true;
      if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
    crashes: () => crashes,
    output: () => tail.join('\n'),
  };
};
