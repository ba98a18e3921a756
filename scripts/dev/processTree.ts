import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ProcessInfo {
  pid: number;
  ppid: number;
  pgid: number;
  args: string;
}

/** Every process on the machine, from `ps` (Linux and macOS alike). */
export const listProcesses = async (): Promise<ProcessInfo[]> => {
  const { stdout } = await run('ps', ['-A', '-o', 'pid=', '-o', 'ppid=', '-o', 'pgid=', '-o', 'args=']);
  return stdout.split('\n').flatMap((line) => {
    const match = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/.exec(line);
    if (!match) return [];
    const [, pid, ppid, pgid, args] = match;
    return [{ pid: Number(pid), ppid: Number(ppid), pgid: Number(pgid), args: args ?? '' }];
  });
};

/** The processes below `root` (children, their children, …), not `root` itself. */
export const descendantsOf = (processes: readonly ProcessInfo[], root: number): ProcessInfo[] => {
  const found: ProcessInfo[] = [];
  const parents = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const process of processes) {
      if (parents.has(process.ppid) && !parents.has(process.pid)) {
        parents.add(process.pid);
        found.push(process);
        grew = true;
      }
    }
  }
  return found;
};

/** `pid`'s parent, grandparent, … up to (not including) pid 1. */
export const ancestorsOf = (processes: readonly ProcessInfo[], pid: number): number[] => {
  const parentOf = new Map(processes.map((p) => [p.pid, p.ppid]));
  const chain: number[] = [];
  for (let next = parentOf.get(pid); next !== undefined && next > 1 && !chain.includes(next); ) {
    chain.push(next);
    next = parentOf.get(next);
  }
  return chain;
};

export const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Sends `signal` to a process (`pid > 0`) or a process group (`-pgid`); a target already gone is fine. */
export const signal = (target: number, name: NodeJS.Signals): void => {
  try {
    process.kill(target, name);
  } catch {
    // gone already
  }
};
