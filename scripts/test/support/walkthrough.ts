import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cleanEnv, repoRoot } from './repo.js';

const run = promisify(execFile);

/** The shell block between `<!-- walkthrough:start -->` and `<!-- walkthrough:end -->` in the README. */
export const readmeWalkthrough = (): string => {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const match = /<!-- walkthrough:start -->\s*```sh\n([\s\S]*?)```\s*<!-- walkthrough:end -->/.exec(readme);
  if (!match?.[1]) throw new Error('README.md has no walkthrough block');
  return match[1];
};

/** Runs the README's walk-through verbatim with `bash -euo pipefail`: any failing step fails it. */
export const runWalkthrough = async (): Promise<string> => {
  const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', readmeWalkthrough()], {
    cwd: repoRoot,
    env: cleanEnv(),
    timeout: 90_000,
  }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
    throw new Error(`the walk-through failed: ${error.message}\n${error.stdout}\n${error.stderr}`);
  });
  return stdout;
};
