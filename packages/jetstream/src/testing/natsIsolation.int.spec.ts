import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTopology } from '../topology/ensureTopology.js';
import { isolateNats, type NatsIsolation, sweepTestStreams } from './natsIsolation.js';

let nats: NatsIsolation;
beforeAll(async () => {
  nats = await isolateNats({ label: 'sweep' });
});
afterAll(() => nats.cleanup());

describe('test stream isolation', () => {
  it('sweeps streams of test processes that are gone, and only those', async () => {
    // Process id 2^22 + 1 is above Linux's pid_max: certainly not running.
    const orphan = `cwt_${2 ** 22 + 1}_orphan`;
    await ensureTopology({ jsm: nats.jsm, prefix: orphan });
    await ensureTopology({ jsm: nats.jsm, prefix: nats.prefix });
    const swept = await sweepTestStreams(nats.jsm);
    expect(swept.sort()).toEqual(
      expect.arrayContaining([`${orphan}_CAUSEWAY_COMMANDS`, `${orphan}_CAUSEWAY_EVENTS`]),
    );
    expect(swept.some((name) => name.startsWith(nats.prefix))).toBe(false);
    await expect(nats.jsm.streams.info(nats.names.eventsStream)).resolves.toBeDefined();
  });
});
