export {
  deleteStreamsUnder,
  isolateNats,
  type NatsIsolation,
  type NatsIsolationOptions,
  sweepTestStreams,
  TEST_PREFIX_START,
} from './natsIsolation.js';
export {
  freePort,
  NATS_SERVER_BINARY,
  type NatsServerOptions,
  type NatsServerProcess,
  startNatsServer,
} from './natsServer.js';
