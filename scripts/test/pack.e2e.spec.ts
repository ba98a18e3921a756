import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './support/build.js';
import { repoRoot } from './support/repo.js';

// What `pnpm release` would publish of the two packages with migrations: each tarball as the
// registry would receive it. (kernel and contracts have theirs in packages/contracts/test.)

const run = promisify(execFile);
const PACKAGES = ['event-store', 'jetstream'] as const;

interface Packed {
  file: string;
  entries: string[];
  manifest: {
    exports: Record<string, Record<string, string> | string>;
    bin?: Record<string, string>;
    dependencies?: Record<string, string>;
  };
}

let work: string;
const packed = {} as Record<(typeof PACKAGES)[number], Packed>;

beforeAll(async () => {
  await ensureBuilt(
    PACKAGES.map((name) => `packages/${name}`),
    PACKAGES.map((name) => `@causeway/${name}`),
  );
  work = await mkdtemp(join(tmpdir(), 'causeway-pack-'));
  for (const name of PACKAGES) {
    const { stdout } = await run('pnpm', ['pack', '--pack-destination', work, '--json'], {
      cwd: join(repoRoot, 'packages', name),
    });
    const { filename } = JSON.parse(stdout) as { filename: string };
    const listing = await run('tar', ['-tzf', filename]);
    const manifest = await run('tar', ['-xzOf', filename, 'package/package.json']);
    packed[name] = {
      file: filename,
      entries: listing.stdout.split('\n').filter(Boolean),
      manifest: JSON.parse(manifest.stdout),
    };
  }
}, 600_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe.each(PACKAGES)('the @causeway/%s tarball', (name) => {
  const dir = join(repoRoot, 'packages', name);

  it('ships dist with JavaScript and type declarations, for the root and /testing entry points', () => {
    expect(packed[name].entries).toEqual(
      expect.arrayContaining([
        'package/package.json',
        'package/README.md',
        'package/dist/index.js',
        'package/dist/index.d.ts',
        'package/dist/testing/index.js',
        'package/dist/testing/index.d.ts',
      ]),
    );
  });

  it('ships every committed migration with its journal', () => {
    const sql = readdirSync(join(dir, 'migrations')).filter((file) => file.endsWith('.sql'));
    expect(sql.length).toBeGreaterThan(0);
    expect(packed[name].entries).toEqual(
      expect.arrayContaining([
        ...sql.map((file) => `package/migrations/${file}`),
        'package/migrations/meta/_journal.json',
      ]),
    );
  });

  it('ships no tests, test support, sources or anything outside dist and migrations', () => {
    const { entries } = packed[name];
    expect(entries.filter((e) => /\.spec\.|\/src\/|testSupport|\/fixtures\/|\/test\//.test(e))).toEqual([]);
    expect(
      entries.filter(
        (e) => !/^package\/(package\.json|README\.md|CHANGELOG\.md|LICENSE|dist\/|migrations\/)/.test(e),
      ),
    ).toEqual([]);
  });

  it('ships no stale output: every compiled file has its source', () => {
    const stale = packed[name].entries
      .filter((e) => e.startsWith('package/dist/') && e.endsWith('.js'))
      .map((e) => e.slice('package/dist/'.length, -'.js'.length))
      .filter((path) => !existsSync(join(dir, 'src', `${path}.ts`)));
    expect(stale).toEqual([]);
  });

  it('has a manifest a registry can take: versions resolved, every entry point in the tarball', () => {
    const { manifest, entries } = packed[name];
    expect(JSON.stringify(manifest.dependencies)).not.toMatch(/workspace:|catalog:/);
    // `@causeway/source` points at TypeScript sources for the workspace only; no consumer sets it.
    const targets = Object.values(manifest.exports).flatMap((target) =>
      typeof target === 'string'
        ? [target]
        : Object.entries(target)
            .filter(([condition]) => condition !== '@causeway/source')
            .map(([, path]) => path),
    );
    for (const target of [...targets, ...Object.values(manifest.bin ?? {})]) {
      expect(entries).toContain(`package/${target.replace(/^\.\//, '')}`);
    }
  });
});
