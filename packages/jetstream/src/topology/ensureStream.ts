import type { JetStreamManager, StreamInfo } from '@nats-io/jetstream';
import { isStreamNotFound } from '../errors/natsErrors.js';
import { TopologyConflictError } from '../errors/topologyConflictError.js';
import { immutableStreamFields, type StreamDefinition } from './definitions.js';

const sameSubjects = (a: readonly string[] = [], b: readonly string[] = []): boolean =>
  a.length === b.length && [...a].sort().every((subject, i) => subject === [...b].sort()[i]);

const differs = (info: StreamInfo, definition: StreamDefinition): boolean =>
  !sameSubjects(info.config.subjects, definition.subjects) ||
  info.config.discard !== definition.discard ||
  info.config.num_replicas !== definition.num_replicas ||
  info.config.duplicate_window !== definition.duplicate_window;

/** Creates the stream, or updates it in place when a changeable field differs. Idempotent. */
export const ensureStream = async (
  jsm: JetStreamManager,
  definition: StreamDefinition,
): Promise<StreamInfo> => {
  let info: StreamInfo;
  try {
    info = await jsm.streams.info(definition.name);
  } catch (error) {
    if (!isStreamNotFound(error)) throw error;
    try {
      return await jsm.streams.add(definition);
    } catch (addError) {
      // Another process may have created it in between; fall through to compare with theirs.
      info = await jsm.streams.info(definition.name).catch(() => Promise.reject(addError));
    }
  }
  for (const field of immutableStreamFields) {
    if (info.config[field] !== definition[field]) {
      throw new TopologyConflictError(
        `stream ${definition.name}`,
        field,
        info.config[field],
        definition[field],
        'it cannot change in place: migrate to a new stream (the store can republish it)',
      );
    }
  }
  if (!differs(info, definition)) return info;
  return jsm.streams.update(definition.name, { ...info.config, ...definition });
};
