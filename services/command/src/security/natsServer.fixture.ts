import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NATS_CONFIG = fileURLToPath(
  new URL('../../../../deploy/nats/nats-server.conf', import.meta.url),
);
export const serviceUsers = ['command', 'query', 'payment', 'saga', 'relay'] as const;
export type ServiceUser = (typeof serviceUsers)[number];

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = new Socket();
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.connect(port, '127.0.0.1');
  });

export interface SecuredNats {
  url: string;
  passwords: Record<ServiceUser, string>;
  stop(): Promise<void>;
}

/**
 * A second nats-server on a free loopback port, run with deploy/nats/nats-server.conf and its own
 * storage directory; every service user gets a random password through the environment.
 */
export const startSecuredNats = async (): Promise<SecuredNats> => {
  const port = await freePort();
  const storeDir = await mkdtemp(join(tmpdir(), 'causeway-nats-secured-'));
  // nats-server parses a variable's value as a config value: `36e0…` would read as a number and
  // stop the server, so every password starts with a letter.
  const passwords = Object.fromEntries(
    serviceUsers.map((u) => [u, `p${randomBytes(12).toString('hex')}`]),
  ) as Record<ServiceUser, string>;
  const env = Object.fromEntries(serviceUsers.map((u) => [`NATS_${u.toUpperCase()}_PASSWORD`, passwords[u]]));
  const child: ChildProcess = spawn(
    '/usr/sbin/nats-server',
    [
      '-c',
      NATS_CONFIG,
      '-a',
      '127.0.0.1',
      '-p',
      String(port),
      '-js',
      '-sd',
      storeDir,
      ...(process.env.NATS_SECURED_LOG ? ['-l', process.env.NATS_SECURED_LOG] : []),
    ],
    { env: { PATH: process.env.PATH ?? '', ...env }, stdio: 'ignore' },
  );
  const reap = () => child.kill('SIGKILL');
  process.once('exit', reap);
  const deadline = Date.now() + 20_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null) throw new Error(`nats-server exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('nats-server did not start');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return {
    url: `nats://127.0.0.1:${port}`,
    passwords,
    stop: async () => {
      process.off('exit', reap);
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
      }
      await rm(storeDir, { recursive: true, force: true });
    },
  };
};
