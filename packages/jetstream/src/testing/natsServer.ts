import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '@causeway/kernel/testing';

export const NATS_SERVER_BINARY = process.env.NATS_SERVER_BINARY ?? '/usr/sbin/nats-server';

export interface NatsServerProcess {
  url: string;
  port: number;
  /** Starts the server again on the same port and storage directory. */
  start(): Promise<void>;
  /** SIGKILL: the server gets no chance to flush or say goodbye. */
  kill(): Promise<void>;
  /** Kills the server and removes its storage directory. */
  dispose(): Promise<void>;
}

/** A port free on the loopback interface right now (for a server a test starts). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });

const accepts = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = new Socket();
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.connect(port, '127.0.0.1');
  });

export interface NatsServerOptions {
  /** A server config file (`-c`), e.g. deploy/nats/nats-server.conf with its users. */
  config?: string;
  /** The server's whole environment (the config's `$VARIABLES`); without it, this process's. */
  env?: Record<string, string>;
}

/**
 * A private nats-server with JetStream on a free loopback port and its own storage directory,
 * for tests that stop and restart the server or need their own configuration. Never touch the
 * machine's shared server for that.
 */
export const startNatsServer = async (options: NatsServerOptions = {}): Promise<NatsServerProcess> => {
  const port = await freePort();
  const storeDir = await mkdtemp(join(tmpdir(), 'causeway-nats-'));
  let child: ChildProcess | undefined;

  const kill = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
    await waitFor(async () => !(await accepts(port)), `port ${port} to close`);
  };

  const start = async () => {
    if (child) throw new Error('nats-server is running already');
    const started = spawn(
      NATS_SERVER_BINARY,
      [
        ...(options.config ? ['-c', options.config] : []),
        ...['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir],
      ],
      { stdio: 'ignore', ...(options.env ? { env: { PATH: process.env.PATH ?? '', ...options.env } } : {}) },
    );
    child = started;
    // A crashed test run must not leave a server behind.
    const reap = () => started.kill('SIGKILL');
    process.once('exit', reap);
    started.once('exit', () => process.off('exit', reap));
    let failure: Error | undefined;
    started.once('error', (error) => {
      failure = error;
    });
    await waitFor(async () => {
      if (failure) throw failure;
      if (started.exitCode !== null) throw new Error(`nats-server exited with ${started.exitCode}`);
      return accepts(port);
    }, `nats-server on port ${port}`);
  };

  await start();
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    start,
    kill,
    async dispose() {
      await kill();
      await rm(storeDir, { recursive: true, force: true });
    },
  };
};
