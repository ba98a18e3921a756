import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './repo.js';

const run = promisify(execFile);

const newest = (path: string): number =>
  statSync(path).isDirectory()
    ? Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))))
    : statSync(path).mtimeMs;

/** Whether `dir/dist/index.js` is newer than every source file and the package.json of `dir`. */
const isBuilt = (dir: string): boolean => {
  const entry = join(dir, 'dist/index.js');
  return (
    existsSync(entry) &&
    statSync(entry).mtimeMs >= Math.max(newest(join(dir, 'src')), newest(join(dir, 'package.json')))
  );
};

/**
 * Builds the given workspace packages (and what they depend on) unless their `dist/` is fresh:
 * turbo replays unchanged builds from its cache.
 */
export const ensureBuilt = async (dirs: readonly string[], filters: readonly string[]): Promise<void> => {
  if (dirs.every((dir) => isBuilt(join(repoRoot, dir)))) return;
  await run('pnpm', ['exec', 'turbo', 'run', 'build', ...filters.map((f) => `--filter=${f}`)], {
    cwd: repoRoot,
    timeout: 600_000,
    maxBuffer: 64 * 1024 * 1024,
  });
};
