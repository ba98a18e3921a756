import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../logger/testing.js';
import { installGracefulShutdown } from './installGracefulShutdown.js';

const setup = (timeoutMs = 60_000) => {
  const proc = new EventEmitter();
  const exits: number[] = [];
  let finishClose: (error?: Error) => void = () => {};
  let closeCalls = 0;
  const app = {
    log: memoryLogger().logger,
    close: () => {
      closeCalls++;
      return new Promise<void>((resolve, reject) => {
        finishClose = (error) => (error ? reject(error) : resolve());
      });
    },
  };
  const exited = new Promise<number>((resolve) => {
    const uninstall = installGracefulShutdown(app, {
      timeoutMs,
      process: proc as unknown as NodeJS.Process,
      exit: (code) => {
        exits.push(code);
        resolve(code);
      },
    });
    proc.once('uninstall', uninstall);
  });
  return {
    proc,
    exits,
    exited,
    finishClose: (error?: Error) => finishClose(error),
    closeCalls: () => closeCalls,
  };
};

describe('installGracefulShutdown', () => {
  it('closes the app once on SIGTERM and exits 0 only after the close finished', async () => {
    const { proc, exits, exited, finishClose, closeCalls } = setup();
    proc.emit('SIGTERM', 'SIGTERM');
    expect(closeCalls()).toBe(1);
    await Promise.resolve();
    expect(exits).toEqual([]);
    finishClose();
    expect(await exited).toBe(0);
  });

  it('exits 1 when the close fails', async () => {
    const { proc, exited, finishClose } = setup();
    proc.emit('SIGINT', 'SIGINT');
    finishClose(new Error('pool would not end'));
    expect(await exited).toBe(1);
  });

  it('exits 1 on a second signal without closing twice', async () => {
    const { proc, exits, closeCalls } = setup();
    proc.emit('SIGTERM', 'SIGTERM');
    proc.emit('SIGINT', 'SIGINT');
    expect(exits).toEqual([1]);
    expect(closeCalls()).toBe(1);
  });

  it('exits 1 when the close outlasts the timeout', async () => {
    const { proc, exited } = setup(10);
    proc.emit('SIGTERM', 'SIGTERM');
    expect(await exited).toBe(1);
  });

  it('removes its listeners when uninstalled', () => {
    const { proc } = setup();
    expect(proc.listenerCount('SIGTERM')).toBe(1);
    proc.emit('uninstall');
    expect(proc.listenerCount('SIGTERM')).toBe(0);
    expect(proc.listenerCount('SIGINT')).toBe(0);
  });
});
