import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

/**
 * `pnpm --filter @causeway/bench cpu-profile <file.cpuprofile> [--from s] [--to s] [--top n]`:
 * self time of a V8 CPU profile (`node --cpu-prof`) by package and by function, optionally
 * within a window of the run (seconds since the profile started, which is about when the process
 * started: `pnpm bench` logs when each benchmark starts), for the report's closing notes.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { from: { type: 'string' }, to: { type: 'string' }, top: { type: 'string' } },
});
const file = positionals[0];
if (!file) {
  console.error('usage: cpu-profile <file.cpuprofile> [--from s] [--to s] [--top n]');
  process.exit(2);
}
const profile = JSON.parse(await readFile(file, 'utf8')) as Profile;
// Sample time deltas are in microseconds.
const from = Number(values.from ?? 0) * 1e6;
const to = Number(values.to ?? Number.POSITIVE_INFINITY) * 1e6;
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));

/** The package a frame belongs to: a workspace folder, an npm package, Node itself, or V8's own. */
const owner = ({ functionName, url }: ProfileNode['callFrame']): string => {
  if (['(idle)', '(program)', '(garbage collector)'].includes(functionName)) return functionName;
  const pnpm = url.match(/node_modules\/\.pnpm\/(@?[^@/]+(?:\+[^@/]+)?)@/);
  if (pnpm?.[1]) return pnpm[1].replace('+', '/');
  const workspace = url.match(/\/work\/main\/((?:packages|services)\/[^/]+|bench)\//);
  if (workspace?.[1]) return workspace[1];
  return url.startsWith('node:') || url === '' ? 'node (internals, native)' : url.slice(0, 50);
};

const parents = new Map<number, number>();
for (const node of profile.nodes)
  for (const child of (node as ProfileNode & { children?: number[] }).children ?? [])
    parents.set(child, node.id);
/** Node's internals and native code charged to the nearest caller that belongs to a package. */
const caller = (id: number): string => {
  for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
    const name = owner((nodes.get(at) as ProfileNode).callFrame);
    if (name !== 'node (internals, native)' && name !== '(program)') return name;
  }
  return 'node (internals, native)';
};

const byOwner = new Map<string, number>();
const byCaller = new Map<string, number>();
const byFunction = new Map<string, number>();
let at = 0;
let total = 0;
profile.samples.forEach((id, i) => {
  const delta = profile.timeDeltas[i] ?? 0;
  at += delta;
  if (at < from || at > to) return;
  const frame = (nodes.get(id) as ProfileNode).callFrame;
  const name = `${frame.functionName || '(anonymous)'} ${frame.url.split('node_modules/').at(-1)}:${frame.lineNumber + 1}`;
  byOwner.set(owner(frame), (byOwner.get(owner(frame)) ?? 0) + delta);
  byCaller.set(caller(id), (byCaller.get(caller(id)) ?? 0) + delta);
  byFunction.set(name, (byFunction.get(name) ?? 0) + delta);
  total += delta;
});
const top = Number(values.top ?? 20);
const print = (title: string, table: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [name, micros] of [...table].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(
      `${((micros / total) * 100).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(0).padStart(7)} ms  ${name}`,
    );
  }
};
console.log(`${(total / 1000).toFixed(0)} ms of samples`);
print('self time by package', byOwner);
print("self time by package, Node's internals and native code charged to their caller", byCaller);
print('self time by function', byFunction);
