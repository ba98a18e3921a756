import { describe, expect, it } from 'vitest';
import { AggregateLanes } from './aggregateLanes.js';

/** A task that records when it starts and finishes only when the test releases it. */
const gate = (log: string[], name: string) => {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const task = async () => {
    log.push(`start ${name}`);
    await released;
    log.push(`end ${name}`);
  };
  return { task, release };
};

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('AggregateLanes', () => {
  it('runs tasks of different keys at once, up to the limit', async () => {
    const log: string[] = [];
    const lanes = new AggregateLanes(2);
    const a = gate(log, 'a');
    const b = gate(log, 'b');
    const c = gate(log, 'c');
    await lanes.room();
    lanes.add('a', a.task);
    await lanes.room();
    lanes.add('b', b.task);
    let roomForC = false;
    const waiting = lanes.room().then(() => {
      roomForC = true;
    });
    await settle();
    expect(log).toEqual(['start a', 'start b']);
    expect(roomForC).toBe(false);
    b.release();
    await waiting;
    lanes.add('c', c.task);
    await settle();
    expect(log).toEqual(['start a', 'start b', 'end b', 'start c']);
    a.release();
    c.release();
    await lanes.drain();
    expect(lanes.size).toBe(0);
  });

  it('runs tasks of one key one after another, in the order they were added', async () => {
    const log: string[] = [];
    const lanes = new AggregateLanes(4);
    const first = gate(log, 'x1');
    const second = gate(log, 'x2');
    const other = gate(log, 'y');
    lanes.add('x', first.task);
    lanes.add('x', second.task);
    lanes.add('y', other.task);
    await settle();
    expect(log).toEqual(['start x1', 'start y']);
    first.release();
    await settle();
    expect(log).toEqual(['start x1', 'start y', 'end x1', 'start x2']);
    second.release();
    other.release();
    await lanes.drain();
    expect(log.filter((line) => line.startsWith('end'))).toEqual(['end x1', 'end x2', 'end y']);
  });

  it('with a limit of 1 runs everything in order, one at a time', async () => {
    const log: string[] = [];
    const lanes = new AggregateLanes(1);
    for (const name of ['p', 'q', undefined]) {
      await lanes.room();
      lanes.add(name, async () => {
        log.push(`start ${name}`);
        await settle();
        log.push(`end ${name}`);
      });
    }
    await lanes.drain();
    expect(log).toEqual(['start p', 'end p', 'start q', 'end q', 'start undefined', 'end undefined']);
  });

  it('refuses a limit below 1', () => {
    expect(() => new AggregateLanes(0)).toThrow(/concurrency must be an integer >= 1, got 0/);
  });
});
