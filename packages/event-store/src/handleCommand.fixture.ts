import {
  type CommandEnvelope,
  createRegistry,
  type Decider,
  DomainRuleError,
  defineCommand,
  defineEvent,
  type MessageOf,
} from '@causeway/kernel';
import { z } from 'zod';

/** A counter for handleCommand's tests: ADD by n; reaching 100 caps it; a capped counter refuses; ADD 0 decides nothing. */
export const added = defineEvent({
  type: 'COUNTER_ADDED',
  aggregateType: 'counter',
  payload: z.object({ by: z.int() }),
});
export const capped = defineEvent({
  type: 'COUNTER_CAPPED',
  aggregateType: 'counter',
  payload: z.object({}),
});
export const add = defineCommand({
  type: 'ADD',
  aggregateType: 'counter',
  payload: z.object({ by: z.int() }),
});
export const registry = createRegistry([added, capped]);

export type Event = MessageOf<typeof added> | MessageOf<typeof capped>;
export type Command = MessageOf<typeof add>;
export interface State {
  total: number;
  capped: boolean;
}

export const counter: Decider<State, Command, Event> = {
  initialState: () => ({ total: 0, capped: false }),
  evolve: (state, event) =>
    event.type === 'COUNTER_ADDED'
      ? { ...state, total: state.total + event.payload.by }
      : { ...state, capped: true },
  decide: (command, state) => {
    if (state.capped) throw new DomainRuleError('COUNTER_CAPPED', 'the counter is capped');
    if (command.payload.by === 0) return [];
    const events: Event[] = [added.of({ by: command.payload.by })];
    if (state.total + command.payload.by >= 100) events.push(capped.of({}));
    return events;
  },
};

export const metadata = { correlationId: 'corr-1', causationId: 'cause-1', userId: 'u-1' };
export const addTo = (aggregateId: string, by: number, id?: string) =>
  add.create({ aggregateId, payload: { by }, metadata, ...(id ? { id } : {}) }) as CommandEnvelope<
    'ADD',
    { by: number }
  >;
