import { describe, expect, it, vi } from 'vitest';
import type { Message } from '../envelope/envelope.js';
import { EventBus, type HandlerFailure } from './eventBus.js';

const created: Message<'CREATED', { n: number }> = { type: 'CREATED', payload: { n: 1 } };
const removed: Message<'REMOVED', null> = { type: 'REMOVED', payload: null };

describe('EventBus', () => {
  it('delivers an event to the handlers of its type and to catch-all handlers only', async () => {
    const bus = new EventBus();
    const seen: string[] = [];
    bus.subscribe<typeof created>('CREATED', (e) => void seen.push(`created:${e.payload.n}`));
    bus.subscribe('REMOVED', () => void seen.push('removed'));
    bus.subscribeAll((e) => void seen.push(`all:${e.type}`));
    await bus.publish(created);
    expect(seen.sort()).toEqual(['all:CREATED', 'created:1']);
  });

  it('waits for every asynchronous handler before publish resolves', async () => {
    const bus = new EventBus();
    let done = 0;
    for (let i = 0; i < 3; i++) {
      bus.subscribe('CREATED', async () => {
        await new Promise<void>((resolve) => setImmediate(resolve));
        done += 1;
      });
    }
    await bus.publish(created);
    expect(done).toBe(3);
  });

  it('isolates a failing handler: the others run, onError hears it and publish reports it', async () => {
    const onError = vi.fn<(failure: HandlerFailure, event: Message) => void>();
    const bus = new EventBus({ onError });
    const ran: string[] = [];
    const boom = new Error('boom');
    const rejected = new Error('rejected');
    bus.subscribe('CREATED', () => void ran.push('before'), 'before');
    bus.subscribe(
      'CREATED',
      () => {
        throw boom;
      },
      'throws',
    );
    bus.subscribe('CREATED', async () => Promise.reject(rejected), 'rejects');
    bus.subscribeAll(() => void ran.push('after'), 'after');

    const result = await bus.publish(created);

    expect(ran.sort()).toEqual(['after', 'before']);
    expect(result.failures).toEqual([
      { subscriber: 'throws', error: boom },
      { subscriber: 'rejects', error: rejected },
    ]);
    expect(onError).toHaveBeenCalledTimes(2);
    expect(onError).toHaveBeenCalledWith({ subscriber: 'throws', error: boom }, created);
    expect(onError).toHaveBeenCalledWith({ subscriber: 'rejects', error: rejected }, created);
  });

  it('reports failures even without an onError hook, naming anonymous handlers by type', async () => {
    const bus = new EventBus();
    bus.subscribe('REMOVED', () => {
      throw new Error('x');
    });
    bus.subscribeAll(() => {
      throw new Error('y');
    });
    const { failures } = await bus.publish(removed);
    expect(failures.map((f) => f.subscriber)).toEqual(['REMOVED#1', '*#2']);
  });

  it('reports no failure when every handler succeeds, or none matches', async () => {
    const bus = new EventBus({ onError: () => expect.fail('no failure expected') });
    bus.subscribe('CREATED', () => undefined);
    expect(await bus.publish(created)).toEqual({ failures: [] });
    expect(await bus.publish(removed)).toEqual({ failures: [] });
  });

  it('stops delivering after unsubscribe', async () => {
    const bus = new EventBus();
    const handler = vi.fn();
    const unsubscribe = bus.subscribe('CREATED', handler);
    const unsubscribeAll = bus.subscribeAll(handler);
    await bus.publish(created);
    unsubscribe();
    unsubscribeAll();
    await bus.publish(created);
    expect(handler).toHaveBeenCalledTimes(2);
  });
});
