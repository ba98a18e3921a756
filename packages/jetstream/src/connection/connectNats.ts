import type { ConnectionOptions, NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';

export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

/**
 * Connects with the settings a long-running Causeway process needs: reconnect forever (the relay
 * and consumers resume by themselves once the server is back), retry quickly, and notice a dead
 * server within seconds rather than the client's default two minutes.
 */
export const connectNats = (options: ConnectionOptions = {}): Promise<NatsConnection> =>
  connect({
    servers: DEFAULT_NATS_URL,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    pingInterval: 10_000,
    maxPingOut: 3,
    ...options,
  });
