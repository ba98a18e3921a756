import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@causeway/event-store/testing';
import { isolateNats, type NatsIsolation } from '@causeway/jetstream/testing';
import { uuidv7 } from '@causeway/kernel';
import { signTestToken } from '@causeway/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killAll, listeningAddress, type ServiceProcess, spawnEntryPoint } from '../fixtures/processes.js';
import { validOrder } from '../fixtures/testApp.js';

const jwtSecret = `jwt-${randomBytes(24).toString('hex')}`;
// PostgreSQL on this machine trusts local connections, so it ignores the password: the point is
// that the service is given one and never prints it.
const dbPassword = `pw${randomBytes(16).toString('hex')}`;

let db: TestDatabase;
let nats: NatsIsolation;
beforeAll(async () => {
  db = await createTestDatabase({ label: 'nosecrets' });
  nats = await isolateNats({ label: 'nosecrets' });
});
afterAll(async () => {
  killAll();
  await nats?.cleanup();
  await db?.drop();
});

const withPassword = (url: string) => {
  const parsed = new URL(url);
  parsed.password = dbPassword;
  return parsed.toString();
};

const env = (databaseUrl: string) => ({
  NODE_ENV: 'production',
  LOG_LEVEL: 'trace',
  JWT_SECRET: jwtSecret,
  DATABASE_URL: databaseUrl,
  NATS_URL: '127.0.0.1:4222',
  CAUSEWAY_PREFIX: nats.prefix,
  HOST: '127.0.0.1',
  PORT: '0',
});

const everythingLogged = (service: ServiceProcess) =>
  `${service.lines.map((line) => JSON.stringify(line)).join('\n')}\n${service.stderr()}`;

const expectNoSecrets = (output: string, tokens: readonly string[]) => {
  expect(output).not.toContain(jwtSecret);
  expect(output).not.toContain(dbPassword);
  for (const token of tokens) {
    expect(output).not.toContain(token);
    // Nor the token's signature alone (a partial leak).
    expect(output).not.toContain(token.split('.')[2]);
  }
};

describe('no secrets in logs', () => {
  it('a run with good, bad and forged tokens and failures logs no secret, password or token', async () => {
    const service = spawnEntryPoint('main', env(withPassword(db.url)));
    // A loaded machine (2 cores shared with other suites) may take a while to start tsx.
    const base = await listeningAddress(service, 45_000);
    const good = signTestToken({ secret: jwtSecret }, { sub: validOrder.customerId });
    const other = signTestToken({ secret: jwtSecret }, { sub: 'someone-else' });
    const forged = signTestToken({ secret: 'a-guess-at-the-secret-0123456789abcdef' }, { sub: 'x' });
    const expired = signTestToken(
      { secret: jwtSecret },
      { sub: 'x', exp: Math.floor(Date.now() / 1000) - 5 },
    );
    const post = (path: string, token: string | undefined, body: string) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        },
        body,
      });

    const created = await post('/orders', good, JSON.stringify(validOrder));
    expect(created.status).toBe(201);
    const { orderId } = (await created.json()) as { orderId: string };
    expect((await post('/orders', forged, JSON.stringify(validOrder))).status).toBe(401);
    expect((await post('/orders', expired, JSON.stringify(validOrder))).status).toBe(401);
    expect((await post('/orders', `${good}tampered`, JSON.stringify(validOrder))).status).toBe(401);
    expect((await post('/orders', undefined, JSON.stringify(validOrder))).status).toBe(401);
    expect((await post('/orders', good, '{"customerId": broken')).status).toBe(400);
    expect((await post(`/orders/${orderId}/cancel`, other, '{"reason":"not mine"}')).status).toBe(404);
    expect(
      (await post(`/orders/${uuidv7()}/items`, good, '{"sku":"A","quantity":1,"unitPrice":1}')).status,
    ).toBe(404);
    const conflicting = await fetch(`${base}/orders/${orderId}/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${good}`, 'if-match': '"9"' },
      body: '{"sku":"A","quantity":1,"unitPrice":1}',
    });
    expect(conflicting.status).toBe(412);

    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    const output = everythingLogged(service);
    // The run was logged (requests, refusals), so the scan below is not vacuous.
    expect(output).toContain('access token refused');
    expect(output).toContain(orderId);
    expect(service.lines.length).toBeGreaterThan(20);
    expectNoSecrets(output, [good, other, forged, expired]);
  }, 60_000);

  it('a start-up failure on an unreachable database logs neither its password nor the JWT secret', async () => {
    const unreachable = new URL(withPassword(db.url));
    unreachable.port = '1';
    const service = spawnEntryPoint('main', env(unreachable.toString()));
    expect(await service.exited).toBe(1);
    const output = everythingLogged(service);
    expect(output).toMatch(/failed to start/);
    expectNoSecrets(output, []);
  }, 60_000);
});
