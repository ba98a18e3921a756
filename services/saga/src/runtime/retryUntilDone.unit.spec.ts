import { describe, expect, it } from 'vitest';
import { retryUntilDone } from './retryUntilDone.js';

describe('retryUntilDone', () => {
  it('tries again after failures, waiting longer each time, and returns the first success', async () => {
    const waits: number[] = [];
    const errors: [string, number][] = [];
    let calls = 0;
    const result = await retryUntilDone(
      async () => {
        calls += 1;
        if (calls < 4) throw new Error(`publish timed out ${calls}`);
        return 'sent 7';
      },
      {
        stopped: () => false,
        onError: (error, attempt) => errors.push([(error as Error).message, attempt]),
        initialMs: 100,
        maxMs: 300,
        sleep: async (ms) => {
          waits.push(ms);
        },
      },
    );
    expect(result).toBe('sent 7');
    expect(errors).toEqual([
      ['publish timed out 1', 1],
      ['publish timed out 2', 2],
      ['publish timed out 3', 3],
    ]);
    expect(waits).toEqual([100, 200, 300]);
  });

  it('gives up quietly once the service stops', async () => {
    let stopping = false;
    const errors: unknown[] = [];
    const result = await retryUntilDone(
      async () => {
        stopping = true;
        throw new Error('connection closed');
      },
      { stopped: () => stopping, onError: (error) => errors.push(error), sleep: async () => {} },
    );
    expect(result).toBeUndefined();
    expect(errors).toEqual([]);
  });
});
