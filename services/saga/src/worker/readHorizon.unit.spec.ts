import { formatPosition, type Position } from '@causeway/event-store';
import { describe, expect, it } from 'vitest';
import { createReadHorizon } from './readHorizon.js';

const at = (seq: number): Position => formatPosition('100', String(seq));

/** A log whose head and checkpoint the test moves, and a clock it sets. */
const world = () => {
  const state = {
    now: 1_000,
    head: undefined as Position | undefined,
    checkpoint: undefined as Position | undefined,
  };
  const horizon = createReadHorizon({
    store: { headPosition: async () => state.head, readCheckpoint: async () => state.checkpoint },
    subscriber: 'order-saga',
    clock: () => state.now,
  });
  return { state, horizon };
};

describe('the saga read horizon', () => {
  it('is now when the log is empty, or read to its head', async () => {
    const { state, horizon } = world();
    expect(await horizon()).toBe(1_000);
    state.now = 2_000;
    state.head = at(5);
    state.checkpoint = at(5);
    expect(await horizon()).toBe(2_000);
  });

  it('is undefined until the subscriber has read what the log held at some sampling', async () => {
    const { state, horizon } = world();
    state.head = at(5);
    expect(await horizon()).toBeUndefined();
    state.checkpoint = at(4);
    expect(await horizon()).toBeUndefined();
  });

  it('stays at the last sampling whose head was read while new events keep arriving', async () => {
    const { state, horizon } = world();
    state.head = at(10);
    state.checkpoint = at(3);
    expect(await horizon()).toBeUndefined();
    state.now = 1_250;
    state.head = at(20);
    state.checkpoint = at(12);
    // At 1,000 the head was 10 (read); at 1,250 it is 20 (not yet).
    expect(await horizon()).toBe(1_000);
    state.now = 1_500;
    state.head = at(30);
    state.checkpoint = at(20);
    expect(await horizon()).toBe(1_250);
  });

  it('never moves back', async () => {
    const { state, horizon } = world();
    state.head = at(10);
    state.checkpoint = at(10);
    expect(await horizon()).toBe(1_000);
    state.now = 1_250;
    state.head = at(11);
    expect(await horizon()).toBe(1_000);
  });
});
