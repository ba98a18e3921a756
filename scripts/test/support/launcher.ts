import { type ChildProcess, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { descendantsOf, isAlive, listProcesses, type ProcessInfo } from '../../dev/processTree.js';
import { repoRoot, SERVICE_PORTS } from './repo.js';

export interface Launcher {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  exited: Promise<number | null>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) if (child.pid) process.kill(-child.pid, 'SIGKILL');
});

/** `pnpm <script>` at the repository's root, as its own process group (so a failed test can kill it all). */
export const launch = (script: string, env: Record<string, string>): Launcher => {
  const child = spawn('pnpm', [script], {
    cwd: repoRoot,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let text = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  return { child, output: () => text, exited };
};

const ready = async (port: number): Promise<boolean> => {
  try {
    return (await fetch(`http://127.0.0.1:${port}/health/ready`)).status === 200;
  } catch {
    return false;
  }
};

/** Waits until all four services answer `/health/ready` with 200, or throws with the launcher's output. */
export const waitUntilReady = async (launcher: Launcher, timeoutMs = 180_000): Promise<number> => {
  const started = Date.now();
  for (;;) {
    if ((await Promise.all(SERVICE_PORTS.map(ready))).every(Boolean)) return Date.now() - started;
    if (launcher.child.exitCode !== null || Date.now() - started > timeoutMs) {
      throw new Error(`the services did not get ready:\n${launcher.output().slice(-6_000)}`);
    }
    await sleep(250);
  }
};

/** Whether something accepts connections on the port. */
export const listening = async (port: number): Promise<boolean> => {
  try {
    await fetch(`http://127.0.0.1:${port}/health/live`);
    return true;
  } catch {
    return false;
  }
};

/** Every process the launcher started, right now (its pnpm included). */
export const processTreeOf = async (launcher: Launcher): Promise<ProcessInfo[]> => {
  const all = await listProcesses();
  const pid = launcher.child.pid as number;
  return [...all.filter((p) => p.pid === pid), ...descendantsOf(all, pid)];
};

/** Waits until none of `processes` is alive; returns those still alive at the deadline. */
export const waitForExit = async (processes: readonly ProcessInfo[], timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const alive = processes.filter((p) => isAlive(p.pid));
    if (alive.length === 0 || Date.now() > deadline) return alive;
    await sleep(50);
  }
};

/** Kills whatever is left of a launcher's process tree (after a failed test). */
export const killTree = (processes: readonly ProcessInfo[]) => {
  for (const { pid, pgid } of processes) {
    for (const target of [pid, -pgid]) {
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        // gone
      }
    }
  }
};
