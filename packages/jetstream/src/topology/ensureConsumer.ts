import type { ConsumerInfo, JetStreamManager } from '@nats-io/jetstream';
import { isConsumerNotFound } from '../errors/natsErrors.js';
import { TopologyConflictError } from '../errors/topologyConflictError.js';
import { type ConsumerDefinition, consumerConfig, mutableConsumerFields } from './definitions.js';

/**
 * Creates the durable consumer, or updates its changeable fields. The deliver policy is not
 * compared: the runner may have recreated the consumer from a later start sequence (see
 * `resetConsumer`), which is the same consumer as far as the definition is concerned.
 */
export const ensureConsumer = async (
  jsm: JetStreamManager,
  stream: string,
  definition: ConsumerDefinition,
): Promise<ConsumerInfo> => {
  const wanted = consumerConfig(definition);
  let info: ConsumerInfo;
  try {
    info = await jsm.consumers.info(stream, definition.durable);
  } catch (error) {
    if (!isConsumerNotFound(error)) throw error;
    return jsm.consumers.add(stream, wanted);
  }
  if (info.config.filter_subject !== wanted.filter_subject) {
    throw new TopologyConflictError(
      `consumer ${stream}/${definition.durable}`,
      'filter_subject',
      info.config.filter_subject,
      wanted.filter_subject,
      'a subscriber that sees other events needs a new name (and so a new checkpoint)',
    );
  }
  const changes = mutableConsumerFields.filter((field) => info.config[field] !== wanted[field]);
  if (changes.length === 0) return info;
  return jsm.consumers.update(
    stream,
    definition.durable,
    Object.fromEntries(mutableConsumerFields.map((field) => [field, wanted[field]])),
  );
};

/**
 * Deletes and recreates the durable so that it starts at `startSequence` with nothing pending.
 * Safe because checkpoints live in PostgreSQL: anything redelivered that was applied already is
 * skipped by its position.
 */
export const resetConsumer = async (
  jsm: JetStreamManager,
  stream: string,
  definition: ConsumerDefinition,
  startSequence: number,
): Promise<ConsumerInfo> => {
  await jsm.consumers.delete(stream, definition.durable).catch((error: unknown) => {
    if (!isConsumerNotFound(error)) throw error;
  });
  return jsm.consumers.add(stream, consumerConfig(definition, startSequence));
};
