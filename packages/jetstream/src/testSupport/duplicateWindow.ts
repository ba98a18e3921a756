import { waitFor } from '@causeway/kernel/testing';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';

/**
 * Observes a stream's de-duplication window expiring, instead of sleeping through it: a probe
 * stream with the same window takes a message id now, and `passed()` resolves once the server
 * stops calling that id a duplicate. Entries expire in order, so everything stored before
 * `start()` has been forgotten too.
 */
export const duplicateWindowProbe = async (
  jsm: JetStreamManager,
  js: JetStreamClient,
  prefix: string,
  windowMs: number,
) => {
  const name = `${prefix}_PROBE`;
  await jsm.streams.add({ name, subjects: [`${prefix}.probe`], duplicate_window: nanos(windowMs) });
  let id = '';
  return {
    async start() {
      id = `probe-${Date.now()}-${Math.random()}`;
      await js.publish(`${prefix}.probe`, '', { msgID: id });
    },
    passed: () =>
      waitFor(
        async () => !(await js.publish(`${prefix}.probe`, '', { msgID: id })).duplicate,
        'the duplicate window to pass',
        windowMs * 10,
        200,
      ),
  };
};
