import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { descendantsOf, isAlive, listProcesses, type ProcessInfo, signal } from './processTree.js';

/** Past this, whatever has not exited is killed: the launcher's promise is "stopped within 10 s". */
const FORCE_AFTER_MS = 9_000;

export interface SuperviseOptions {
  command: string;
  args: readonly string[];
  env: NodeJS.ProcessEnv;
  /**
   * The process of each service a stop sends SIGTERM to, once. Under `tsx watch` that is the
   * watcher, which passes the signal on to the service and exits with it; signalling the process
   * groups instead (what turbo does on a signal) would reach each service twice, directly and
   * through the watcher, and a second signal means "exit now" to a service.
   */
  stopTarget: RegExp;
  log: (line: string) => void;
}

export interface Supervised {
  /** The command's exit code, once it and every process it started are gone. */
  exited: Promise<number>;
  /** Stops every service gracefully (`force`: kills everything at once). */
  stop(reason: string, force?: boolean): void;
}

/**
 * Runs the services' command (turbo, or embedded mode's watcher) in a process group of its own
 * (turbo gives each task another) and stops it so that no process is left behind.
 */
export const supervise = (options: SuperviseOptions): Supervised => {
  const child = spawn(options.command, options.args, { stdio: 'inherit', detached: true, env: options.env });
  const root = child.pid as number;
  const commandExit = new Promise<number>((resolve) =>
    child.once('exit', (code, name) => resolve(code ?? (name === 'SIGTERM' || name === 'SIGINT' ? 0 : 1))),
  );
  let tree: ProcessInfo[] = [];
  let stopping: Promise<void> | undefined;

  const killAll = () => {
    for (const group of new Set([root, ...tree.map((p) => p.pgid)])) signal(-group, 'SIGKILL');
    for (const { pid } of tree) signal(pid, 'SIGKILL');
  };

  const stopGracefully = async () => {
    tree = descendantsOf(await listProcesses(), root);
    const targets = tree.filter((p) => options.stopTarget.test(p.args));
    if (targets.length > 0) {
      for (const { pid } of targets) signal(pid, 'SIGTERM');
    } else {
      // Nothing running yet (turbo is still starting its tasks): the command stops what it has.
      signal(root, 'SIGTERM');
    }
    const deadline = Date.now() + FORCE_AFTER_MS;
    while ([root, ...tree.map((p) => p.pid)].some(isAlive)) {
      if (Date.now() > deadline) {
        options.log(`services still running after ${FORCE_AFTER_MS / 1000} s: killing them`);
        killAll();
        return;
      }
      await sleep(100);
    }
  };

  return {
    exited: commandExit.then(async (code) => {
      await stopping;
      return code;
    }),
    stop(reason, force = false) {
      options.log(`${reason}: ${force ? 'killing' : 'stopping'} services`);
      if (force) {
        void listProcesses().then((all) => {
          tree = [...tree, ...descendantsOf(all, root)];
          killAll();
        });
        return;
      }
      stopping ??= stopGracefully();
    },
  };
};
