import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive } from '../processTree.js';

/**
 * One process at a time on a PGlite directory: two would corrupt it. Takes `<dir>/pid.lock`
 * (or the lock of a process that has died) and returns its release.
 */
export const lockDataDir = (dir: string): (() => void) => {
  mkdirSync(dir, { recursive: true });
  const lock = join(dir, 'pid.lock');
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return () => rmSync(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      const owner = Number(readFileSync(lock, 'utf8'));
      if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) {
        throw new Error(`${dir} is in use by process ${owner} (another pnpm dev in embedded mode?)`);
      }
      rmSync(lock, { force: true });
    }
  }
};
