import { cpus, loadavg, totalmem } from 'node:os';
import { connectNats } from '@causeway/jetstream';
import postgres from 'postgres';
import type { Machine } from './report.js';

const postgresVersion = async (): Promise<string | undefined> => {
  const sql = postgres(process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', {
    max: 1,
    connect_timeout: 5,
    onnotice: () => {},
  });
  try {
    const [row] = await sql<{ server_version: string }[]>`SHOW server_version`;
    return row ? `PostgreSQL ${row.server_version}` : undefined;
  } finally {
    await sql.end({ timeout: 1 });
  }
};

const natsVersion = async (): Promise<string | undefined> => {
  const nc = await connectNats({
    servers: process.env.NATS_URL ?? '127.0.0.1:4222',
    maxReconnectAttempts: 0,
    timeout: 5_000,
  });
  try {
    return nc.info ? `nats-server ${nc.info.version}${nc.info.jetstream ? ' (JetStream)' : ''}` : undefined;
  } finally {
    await nc.close();
  }
};

/** The machine the figures came from: CPUs, memory, Node, PostgreSQL and NATS versions, load. */
export const machineInfo = async (): Promise<Machine> => {
  const [pg, nats] = await Promise.all([postgresVersion(), natsVersion()]);
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    ...(pg ? { postgres: pg } : {}),
    ...(nats ? { nats } : {}),
    loadAverage: loadavg()[0] ?? 0,
  };
};
