import type { Message } from '../envelope/envelope.js';

export type EventHandler<E extends Message = Message> = (event: E) => void | Promise<void>;

export interface HandlerFailure {
  subscriber: string;
  error: unknown;
}

export interface PublishResult {
  /** Handlers that threw or rejected; the others still ran. */
  failures: HandlerFailure[];
}

export interface EventBusOptions {
  /** Called for every failing handler; the owner decides whether to log, retry or alert. */
  onError?: (failure: HandlerFailure, event: Message) => void;
}

interface Subscription {
  name: string;
  type: string | '*';
  handler: EventHandler<Message>;
}

/**
 * In-process pub/sub. `publish` runs every matching handler concurrently and waits for all; one
 * failing handler neither stops the others nor disappears: it reaches `onError` and the result.
 */
export class EventBus {
  #subscriptions: Subscription[] = [];
  #anonymous = 0;

  constructor(private readonly options: EventBusOptions = {}) {}

  subscribe<E extends Message>(type: E['type'], handler: EventHandler<E>, name?: string): () => void {
    return this.#add({ type, handler: handler as EventHandler<Message>, name: name ?? this.#nameFor(type) });
  }

  subscribeAll(handler: EventHandler<Message>, name?: string): () => void {
    return this.#add({ type: '*', handler, name: name ?? this.#nameFor('*') });
  }

  async publish(event: Message): Promise<PublishResult> {
    const targets = this.#subscriptions.filter((s) => s.type === '*' || s.type === event.type);
    const settled = await Promise.allSettled(targets.map(async (s) => s.handler(event)));
    const failures: HandlerFailure[] = [];
    settled.forEach((outcome, index) => {
      if (outcome.status === 'fulfilled') return;
      const failure = { subscriber: (targets[index] as Subscription).name, error: outcome.reason };
      failures.push(failure);
      this.options.onError?.(failure, event);
    });
    return { failures };
  }

  #add(subscription: Subscription): () => void {
    this.#subscriptions.push(subscription);
    return () => {
      this.#subscriptions = this.#subscriptions.filter((s) => s !== subscription);
    };
  }

  #nameFor(type: string): string {
    this.#anonymous += 1;
    return `${type}#${this.#anonymous}`;
  }
}
