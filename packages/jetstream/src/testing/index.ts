export {
  deleteStreamsUnder,
  isolateNats,
  type NatsIsolation,
  type NatsIsolationOptions,
  sweepTestStreams,
  TEST_PREFIX_START,
} from './natsIsolation.js';
export { NATS_SERVER_BINARY, type NatsServerProcess, startNatsServer } from './natsServer.js';
