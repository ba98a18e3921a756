import type { BaseConfig } from './baseConfig.js';

/** What nats.js `connect()` takes to authenticate. */
export interface NatsCredentials {
  user?: string;
  pass?: string;
  token?: string;
}

/**
 * The NATS connection's credentials from `NATS_USER`/`NATS_PASSWORD` or `NATS_TOKEN`:
 * `connectNats({ servers, ...natsCredentialsFrom(config) })`. None set: an anonymous connection.
 */
export const natsCredentialsFrom = (
  config: Pick<BaseConfig, 'NATS_USER' | 'NATS_PASSWORD' | 'NATS_TOKEN'>,
): NatsCredentials => ({
  ...(config.NATS_USER === undefined ? {} : { user: config.NATS_USER }),
  ...(config.NATS_PASSWORD === undefined ? {} : { pass: config.NATS_PASSWORD }),
  ...(config.NATS_TOKEN === undefined ? {} : { token: config.NATS_TOKEN }),
});
