import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Proves the published artifacts work on their own: pack kernel and contracts as a registry
// would receive them, install the tarballs (and zod from the npm registry) into a new project
// outside the workspace, then run and type-check code that uses them there.

const run = promisify(execFile);
const contractsDir = fileURLToPath(new URL('..', import.meta.url));
const kernelDir = resolve(contractsDir, '../kernel');
const workspaceDir = resolve(contractsDir, '../..');
const consumerFixtures = join(contractsDir, 'test/consumer');
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
const zodVersion = (require('zod/package.json') as { version: string }).version;

/** Newest modification time of the sources that feed a package's dist. */
const newestSource = (dir: string): number => {
  const walk = (path: string): number =>
    statSync(path).isDirectory()
      ? Math.max(0, ...readdirSync(path).map((name) => walk(join(path, name))))
      : statSync(path).mtimeMs;
  return Math.max(walk(join(dir, 'src')), statSync(join(dir, 'package.json')).mtimeMs);
};
const isBuilt = (dir: string) =>
  existsSync(join(dir, 'dist/index.js')) && statSync(join(dir, 'dist/index.js')).mtimeMs >= newestSource(dir);

let work: string;
let consumer: string;
const tarballs: Record<'kernel' | 'contracts', { file: string; entries: string[] }> = {
  kernel: { file: '', entries: [] },
  contracts: { file: '', entries: [] },
};

const pack = async (dir: string, destination: string) => {
  const { stdout } = await run('pnpm', ['pack', '--pack-destination', destination, '--json'], { cwd: dir });
  const file = (JSON.parse(stdout) as { filename: string }).filename;
  const listing = await run('tar', ['-tzf', file]);
  return { file, entries: listing.stdout.split('\n').filter(Boolean) };
};

beforeAll(async () => {
  if (!isBuilt(kernelDir) || !isBuilt(contractsDir)) {
    await run('pnpm', ['--filter', '@causeway/contracts...', 'run', 'build'], { cwd: workspaceDir });
  }
  work = await mkdtemp(join(tmpdir(), 'causeway-pack-'));
  consumer = join(work, 'consumer');
  await mkdir(join(work, 'tarballs'));
  await mkdir(consumer);
  tarballs.kernel = await pack(kernelDir, join(work, 'tarballs'));
  tarballs.contracts = await pack(contractsDir, join(work, 'tarballs'));

  for (const name of await readdir(consumerFixtures)) {
    await copyFile(join(consumerFixtures, name), join(consumer, name));
  }
  await writeFile(
    join(consumer, 'package.json'),
    JSON.stringify({ name: 'causeway-consumer', private: true, type: 'module' }, null, 2),
  );
  // One install for both tarballs: contracts depends on @causeway/kernel 0.1.0, which only the
  // kernel tarball provides; zod comes from the registry.
  await run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      tarballs.kernel.file,
      tarballs.contracts.file,
      `zod@${zodVersion}`,
    ],
    { cwd: consumer },
  );
}, 300_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the packed packages', () => {
  it.each(['kernel', 'contracts'] as const)(
    '%s ships dist with JS and types, and no tests or sources',
    (name) => {
      const { entries } = tarballs[name];
      expect(entries).toEqual(
        expect.arrayContaining(['package/package.json', 'package/dist/index.js', 'package/dist/index.d.ts']),
      );
      expect(entries.filter((e) => /\.spec\.|\/src\/|\/fixtures\/|\/test\/|\/scripts\//.test(e))).toEqual([]);
      expect(entries.every((e) => /^package\/(package\.json|dist\/|schemas\/|README|LICENSE)/.test(e))).toBe(
        true,
      );
    },
  );

  it.each(['kernel', 'contracts'] as const)(
    '%s: every export of the packed manifest is in the tarball',
    async (name) => {
      const { stdout } = await run('tar', ['-xzOf', tarballs[name].file, 'package/package.json']);
      const manifest = JSON.parse(stdout) as { exports: Record<string, string | Record<string, string>> };
      expect(JSON.stringify(manifest.exports)).not.toContain('@causeway/source');
      expect(stdout).not.toMatch(/workspace:|catalog:/);
      const targets = Object.values(manifest.exports).flatMap((t) =>
        typeof t === 'string' ? [t] : Object.values(t),
      );
      for (const target of targets.filter((t) => !t.includes('*'))) {
        expect(tarballs[name].entries).toContain(`package/${target.slice(2)}`);
      }
    },
  );

  it('kernel ships its /testing entry point', () => {
    expect(tarballs.kernel.entries).toEqual(
      expect.arrayContaining(['package/dist/testing/index.js', 'package/dist/testing/index.d.ts']),
    );
  });

  it('contracts ships every recorded JSON Schema', async () => {
    const recorded = (await readdir(join(contractsDir, 'schemas'))).filter((f) => f.endsWith('.json'));
    expect(recorded.length).toBeGreaterThan(0);
    expect(tarballs.contracts.entries).toEqual(
      expect.arrayContaining(recorded.map((f) => `package/schemas/${f}`)),
    );
  });

  it('install into a project outside the workspace, with workspace and catalog versions resolved', async () => {
    expect(consumer.startsWith(workspaceDir)).toBe(false);
    const installed = require(join(consumer, 'node_modules/@causeway/contracts/package.json')) as {
      dependencies: Record<string, string>;
    };
    expect(installed.dependencies).toEqual({ '@causeway/kernel': '0.1.0', zod: zodVersion });
  });

  it('run: an ESM script imports a schema and parses an event', async () => {
    const { stdout } = await run('node', ['main.mjs'], { cwd: consumer });
    const output = JSON.parse(stdout);
    expect(output.parsed).toEqual(output.event);
    expect(output.parsed.payload.total).toBe(2500);
    expect(output.parsed.id).toMatch(/^[\da-f]{8}-[\da-f]{4}-7/);
    expect({ ...output, event: undefined, parsed: undefined }).toEqual({
      event: undefined,
      parsed: undefined,
      invalid: ['payload.total'],
      schemaTitle: 'ORDER_CREATED v1',
      schemaPayloadRequired: ['customerId', 'items', 'total'],
      specification: 'function',
    });
  }, 30_000);

  it('type-check: tsc accepts typed use and refuses wrong payloads', async () => {
    const result = await run('node', [tsc, '-p', 'tsconfig.json'], { cwd: consumer }).catch(
      (error: { stdout?: string; stderr?: string }) => ({
        stdout: error.stdout ?? '',
        stderr: error.stderr ?? '',
        failed: true,
      }),
    );
    expect(result).toEqual({ stdout: '', stderr: '' });
  }, 120_000);
});
