import { createConnection } from 'node:net';

export type DevMode =
  | { mode: 'stack'; databaseUrl: string; natsUrl: string; reason: string }
  | { mode: 'embedded'; reason: string };

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/causeway';
export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

/** True when something accepts TCP connections on host:port within `timeoutMs`. */
export const answers = (host: string, port: number, timeoutMs = 500): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });

const endpoint = (url: string, defaultPort: number) => {
  const parsed = new URL(url);
  return { host: parsed.hostname || '127.0.0.1', port: Number(parsed.port || defaultPort) };
};

const reachable = async (url: string, defaultPort: number) => {
  const { host, port } = endpoint(url, defaultPort);
  return answers(host, port);
};

/**
 * Stack mode with DATABASE_URL/NATS_URL, or when PostgreSQL and NATS answer on their default
 * local ports; embedded mode otherwise. CAUSEWAY_MODE=stack|embedded overrides the detection,
 * and stack mode with nothing to connect to is an error, never a silent fallback.
 */
export const detectMode = async (env: NodeJS.ProcessEnv): Promise<DevMode> => {
  const forced = env.CAUSEWAY_MODE;
  if (forced !== undefined && forced !== 'stack' && forced !== 'embedded') {
    throw new Error(`CAUSEWAY_MODE must be "stack" or "embedded", got ${JSON.stringify(forced)}`);
  }
  if (forced === 'embedded') return { mode: 'embedded', reason: 'CAUSEWAY_MODE=embedded' };
  const configured = Boolean(env.DATABASE_URL || env.NATS_URL);
  const databaseUrl = env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const natsUrl = env.NATS_URL || DEFAULT_NATS_URL;
  const [database, nats] = await Promise.all([reachable(databaseUrl, 5432), reachable(natsUrl, 4222)]);
  if (database && nats) {
    const reason = forced
      ? 'CAUSEWAY_MODE=stack'
      : configured
        ? 'DATABASE_URL/NATS_URL'
        : 'PostgreSQL and NATS answer locally';
    return { mode: 'stack', databaseUrl, natsUrl, reason };
  }
  if (forced === 'stack' || configured) {
    const missing = [
      !database && `PostgreSQL at ${redact(databaseUrl)}`,
      !nats && `NATS at ${natsUrl}`,
    ].filter(Boolean);
    throw new Error(`Stack mode needs ${missing.join(' and ')}, which did not answer`);
  }
  return { mode: 'embedded', reason: 'no DATABASE_URL/NATS_URL and nothing answers on 5432/4222' };
};

export const redact = (url: string): string => {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
};
