import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';
import { WakeSignal } from './signal.js';

describe('WakeSignal', () => {
  it('remembers a notify that came while nobody waited', async () => {
    const signal = new WakeSignal();
    signal.notify();
    const started = Date.now();
    await signal.wait(60_000);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('wakes a waiter on notify and on abort, long before the timeout', async () => {
    const signal = new WakeSignal();
    const waiting = signal.wait(60_000);
    signal.notify();
    await waiting;
    const abort = new AbortController();
    const aborted = signal.wait(60_000, abort.signal);
    abort.abort();
    await aborted;
  });

  it('times out when nothing happens', async () => {
    await new WakeSignal().wait(5);
  });
});

describe('backoffDelay', () => {
  it('grows from the initial delay and stays under the cap', () => {
    for (let attempt = 1; attempt < 20; attempt++) {
      const delay = backoffDelay(attempt, { initialMs: 100, maxMs: 1_000 });
      const ceiling = Math.min(1_000, 100 * 2 ** (attempt - 1));
      expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delay).toBeLessThanOrEqual(ceiling);
    }
  });
});
