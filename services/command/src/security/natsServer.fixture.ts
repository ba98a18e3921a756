import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { startNatsServer } from '@causeway/jetstream/testing';

export const NATS_CONFIG = fileURLToPath(
  new URL('../../../../deploy/nats/nats-server.conf', import.meta.url),
);
export const serviceUsers = ['command', 'query', 'payment', 'saga', 'relay'] as const;
export type ServiceUser = (typeof serviceUsers)[number];

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
  // nats-server parses a variable's value as a config value: `36e0…` would read as a number and
  // stop the server, so every password starts with a letter.
  const passwords = Object.fromEntries(
    serviceUsers.map((u) => [u, `p${randomBytes(12).toString('hex')}`]),
  ) as Record<ServiceUser, string>;
  const env = Object.fromEntries(serviceUsers.map((u) => [`NATS_${u.toUpperCase()}_PASSWORD`, passwords[u]]));
  const server = await startNatsServer({ config: NATS_CONFIG, env });
  return { url: server.url, passwords, stop: () => server.dispose() };
};
