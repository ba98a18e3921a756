import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** `pnpm chaos --quick` as CI runs it: its own exit code and table are the verdict. */
describe('pnpm chaos --quick', () => {
  it('loses nothing, doubles nothing and balances every payment under SIGKILLs and outages', async () => {
    const child = spawn(
      process.execPath,
      ['--conditions=@causeway/source', '--import', 'tsx', 'scripts/chaos/run.ts', '--quick'],
      { cwd: root, env: { ...process.env, NODE_ENV: 'test' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    console.info(output);
    expect(code, output).toBe(0);
    expect(output).toMatch(/lost 0, duplicated 0/);
    expect(output).not.toMatch(/BREACH/);
    for (const kind of ['kill relay', 'kill query', 'kill saga', 'kill payment', 'restart nats-server']) {
      expect(output).toMatch(new RegExp(`${kind}\\s+\\|\\s+[1-9]`));
    }
  }, 600_000);
});
