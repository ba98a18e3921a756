import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@causeway/event-store/testing';
import { isolateNats, type NatsIsolation } from '@causeway/jetstream/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './support/build.js';
import { type Launcher, launch, listening, waitUntilReady } from './support/launcher.js';
import { cleanEnv, SERVICE_PORTS } from './support/repo.js';
import { stopWithSigterm } from './support/stopCheck.js';

// `pnpm start`: the production start of every service from its built JavaScript.

const SERVICES = ['command', 'query', 'payment', 'saga'];

beforeAll(async () => {
  await ensureBuilt(
    SERVICES.map((name) => `services/${name}`),
    ['./services/*'],
  );
}, 600_000);

describe('pnpm start', () => {
  it('stops before starting anything when configuration is missing or bad, listing every variable once', async () => {
    const launcher = launch('start', cleanEnv({ PAYMENT_DELAY_MS: 'soon', PORT: '8080' }));
    expect(await launcher.exited).not.toBe(0);
    const output = launcher.output();
    expect(output.match(/Invalid configuration/g)).toHaveLength(1);
    for (const line of [
      '  - DATABASE_URL: is required',
      '  - NATS_URL: is required',
      '  - PAYMENT_DELAY_MS: must be a whole number between 0 and 600000',
      '  - PORT: pnpm start runs four services',
      '  - JWT_SECRET: or JWT_JWKS_URL is required unless AUTH_DISABLED=true',
    ]) {
      expect(output).toContain(line);
      expect(output.split(line)).toHaveLength(2);
    }
    expect(output).not.toContain('turbo');
    for (const port of SERVICE_PORTS) expect(await listening(port)).toBe(false);
  });

  describe('with complete configuration', () => {
    let db: TestDatabase;
    let nats: NatsIsolation;
    let launcher: Launcher | undefined;

    beforeAll(async () => {
      db = await createTestDatabase({ label: 'start' });
      nats = await isolateNats({ label: 'start' });
    });
    afterAll(async () => {
      if (launcher?.child.exitCode === null) await stopWithSigterm(launcher).catch(() => {});
      await nats?.cleanup();
      await db?.drop();
    });

    it('runs every built service with JSON logs and stops them all within 10 s of SIGTERM', async () => {
      launcher = launch(
        'start',
        cleanEnv({
          DATABASE_URL: db.url,
          NATS_URL: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
          CAUSEWAY_PREFIX: nats.prefix,
          JWT_SECRET: randomBytes(32).toString('hex'),
        }),
      );
      await waitUntilReady(launcher);
      const output = launcher.output();
      expect(output).toContain('[causeway start] production start (NODE_ENV=production)');
      for (const service of SERVICES) {
        expect(output).toContain(`@causeway/${service}-service:start: $ node dist/main.js`);
        expect(output).toMatch(new RegExp(`"name":"${service}".*"msg":"Server listening at`));
      }
      await stopWithSigterm(launcher);
      for (const service of SERVICES) {
        expect(launcher.output()).toMatch(new RegExp(`"name":"${service}".*"msg":"shutdown complete"`));
      }
    });
  });
});
