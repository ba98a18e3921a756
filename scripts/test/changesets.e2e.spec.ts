import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './support/repo.js';

// `pnpm changeset` then `pnpm version-packages` (`changeset version`), on a copy of the
// workspace's manifests and changesets configuration so the real ones stay untouched. The
// changeset is written as `pnpm changeset` writes it; the CLI is called directly (pnpm would
// install in the copy first).

const run = promisify(execFile);
const PUBLIC = ['@causeway/kernel', '@causeway/contracts', '@causeway/event-store', '@causeway/jetstream'];

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const workspaceDirs = (): string[] => [
  ...['packages', 'services'].flatMap((parent) =>
    readdirSync(join(repoRoot, parent))
      .map((name) => `${parent}/${name}`)
      .filter((dir) => existsSync(join(repoRoot, dir, 'package.json'))),
  ),
  'bench',
];

let copy: string;
const before = new Map<string, string>();
const after = new Map<string, Manifest>();

beforeAll(async () => {
  copy = await mkdtemp(join(tmpdir(), 'causeway-changesets-'));
  for (const file of ['package.json', 'pnpm-workspace.yaml', '.changeset/config.json']) {
    await cp(join(repoRoot, file), join(copy, file));
  }
  for (const dir of workspaceDirs()) {
    await mkdir(join(copy, dir), { recursive: true });
    const manifest = await readFile(join(repoRoot, dir, 'package.json'), 'utf8');
    await writeFile(join(copy, dir, 'package.json'), manifest);
    before.set(dir, manifest);
  }
  // The changelog generator (`@changesets/cli/changelog`) is resolved from the root.
  await symlink(join(repoRoot, 'node_modules'), join(copy, 'node_modules'), 'dir');
  await writeFile(
    join(copy, '.changeset/brave-lions-dance.md'),
    '---\n"@causeway/kernel": minor\n"@causeway/jetstream": patch\n---\n\nDeciders may return no events.\n',
  );
  await run(join(repoRoot, 'node_modules/.bin/changeset'), ['version'], { cwd: copy });
  for (const dir of workspaceDirs()) {
    after.set(dir, JSON.parse(readFileSync(join(copy, dir, 'package.json'), 'utf8')) as Manifest);
  }
}, 120_000);

afterAll(async () => {
  if (copy) await rm(copy, { recursive: true, force: true });
});

describe('changeset version', () => {
  it('bumps the packages named, and the public packages that depend on them', () => {
    const version = (name: string) => [...after.values()].find((m) => m.name === name)?.version;
    expect(version('@causeway/kernel')).toBe('0.2.0');
    expect(version('@causeway/jetstream')).toBe('0.1.1');
    // Published, they pin the kernel's exact version: they are released again with it.
    expect(version('@causeway/contracts')).toBe('0.1.1');
    expect(version('@causeway/event-store')).toBe('0.1.1');
  });

  it('never versions a private package (services, service-kit, bench)', () => {
    const privateDirs = [...after].filter(([, manifest]) => manifest.private).map(([dir]) => dir);
    expect(privateDirs.length).toBeGreaterThanOrEqual(6);
    for (const dir of privateDirs) {
      expect(readFileSync(join(copy, dir, 'package.json'), 'utf8'), dir).toBe(before.get(dir));
    }
    const changed = [...after].filter(
      ([dir]) => readFileSync(join(copy, dir, 'package.json'), 'utf8') !== before.get(dir),
    );
    expect(changed.map(([, manifest]) => manifest.name).sort()).toEqual([...PUBLIC].sort());
  });

  it('keeps workspace dependencies as workspace:* (pnpm pins the exact versions when it packs)', () => {
    for (const manifest of after.values()) {
      for (const [name, range] of Object.entries({ ...manifest.dependencies, ...manifest.devDependencies })) {
        if (name.startsWith('@causeway/')) expect(range, `${manifest.name} -> ${name}`).toBe('workspace:*');
      }
    }
  });

  it('writes a changelog for each bumped package and consumes the changeset', () => {
    const kernel = readFileSync(join(copy, 'packages/kernel/CHANGELOG.md'), 'utf8');
    expect(kernel).toMatch(
      /^# @causeway\/kernel\n\n## 0\.2\.0\n\n### Minor Changes\n\n- Deciders may return no events\./,
    );
    const jetstream = readFileSync(join(copy, 'packages/jetstream/CHANGELOG.md'), 'utf8');
    expect(jetstream).toContain('## 0.1.1');
    expect(jetstream).toContain('Deciders may return no events.');
    expect(existsSync(join(copy, 'services/command/CHANGELOG.md'))).toBe(false);
    expect(readdirSync(join(copy, '.changeset'))).toEqual(['config.json']);
  });
});
