import type { CommandBus } from '@causeway/jetstream';

type Send = CommandBus['send'];

export interface DelayedSend {
  send: Send;
  /** Sends every command still waiting at once (at shutdown, before the bus drains). */
  flush(): Promise<void>;
}

/**
 * Holds commands for `service` for `delayMs` before they reach the bus; others go at once.
 * Embedded mode applies the simulated payment gateway's delay here instead of inside the payment
 * handler: a handler runs inside its command's transaction, and on PGlite's single connection a
 * two-second wait in there would stall every request of every service for two seconds.
 */
export const delayedSend = (bus: Pick<CommandBus, 'send'>, service: string, delayMs: number): DelayedSend => {
  const waiting = new Map<NodeJS.Timeout, () => Promise<void>>();
  return {
    send: (command, options) => {
      if (options.service !== service || delayMs <= 0) return bus.send(command, options);
      const go = () => bus.send(command, options);
      const timer = setTimeout(() => {
        waiting.delete(timer);
        void go();
      }, delayMs);
      waiting.set(timer, go);
      return Promise.resolve();
    },
    flush: async () => {
      const now = [...waiting];
      waiting.clear();
      for (const [timer, go] of now) {
        clearTimeout(timer);
        await go();
      }
    },
  };
};
