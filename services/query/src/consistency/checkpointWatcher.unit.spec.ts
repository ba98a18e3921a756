import { formatPosition, type Position } from '@causeway/event-store';
import { describe, expect, it } from 'vitest';
import { createCheckpointWatcher } from './checkpointWatcher.js';

const pos = (seq: number): Position => formatPosition(100, seq);

describe('createCheckpointWatcher', () => {
  it('answers at once when the checkpoint is already there, with one read', async () => {
    let reads = 0;
    const watcher = createCheckpointWatcher({
      read: async () => {
        reads += 1;
        return pos(5);
      },
    });
    expect(await watcher.reached(pos(5), 1_000)).toBe(true);
    expect(await watcher.reached(pos(3), 1_000)).toBe(true);
    expect(reads).toBe(1);
    watcher.close();
  });

  it('wakes waiters once a poll sees the checkpoint move, sharing one loop', async () => {
    let checkpoint: Position | undefined;
    let reads = 0;
    const watcher = createCheckpointWatcher({
      read: async () => {
        reads += 1;
        return checkpoint;
      },
      pollIntervalMs: 5,
    });
    const waits = [
      watcher.reached(pos(2), 5_000),
      watcher.reached(pos(3), 5_000),
      watcher.reached(pos(3), 5_000),
    ];
    const readsBefore = reads;
    checkpoint = pos(3);
    expect(await Promise.all(waits)).toEqual([true, true, true]);
    // Three waiters, one poll loop: a handful of reads, not one per waiter per tick.
    expect(reads - readsBefore).toBeLessThan(10);
    expect(watcher.known).toBe(pos(3));
    watcher.close();
  });

  it('gives up at the deadline with false', async () => {
    const watcher = createCheckpointWatcher({ read: async () => pos(1), pollIntervalMs: 5 });
    const started = performance.now();
    expect(await watcher.reached(pos(2), 50)).toBe(false);
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    watcher.close();
  });

  it('treats a failing read as "not yet" and reports it', async () => {
    const errors: unknown[] = [];
    let fail = true;
    const watcher = createCheckpointWatcher({
      read: async () => {
        if (fail) throw new Error('connection lost');
        return pos(9);
      },
      pollIntervalMs: 5,
      onError: (error) => errors.push(error),
    });
    const wait = watcher.reached(pos(9), 5_000);
    await new Promise((resolve) => setTimeout(resolve, 30));
    fail = false;
    expect(await wait).toBe(true);
    expect(errors.length).toBeGreaterThan(0);
    watcher.close();
  });

  it('notify wakes the loop early and can carry a known position', async () => {
    const watcher = createCheckpointWatcher({ read: async () => undefined, pollIntervalMs: 60_000 });
    const wait = watcher.reached(pos(4), 5_000);
    await new Promise((resolve) => setTimeout(resolve, 5));
    watcher.notify(pos(4));
    expect(await wait).toBe(true);
    watcher.close();
  });

  it('close resolves pending waits', async () => {
    const watcher = createCheckpointWatcher({ read: async () => undefined, pollIntervalMs: 60_000 });
    const wait = watcher.reached(pos(4), 60_000);
    await new Promise((resolve) => setTimeout(resolve, 5));
    watcher.close();
    expect(await wait).toBe(false);
  });
});
