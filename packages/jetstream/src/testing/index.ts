export {
  deleteStreamsUnder,
  isolateNats,
  type NatsIsolation,
  type NatsIsolationOptions,
  TEST_PREFIX_START,
} from './natsIsolation.js';
export { NATS_SERVER_BINARY, type NatsServerProcess, startNatsServer } from './natsServer.js';
