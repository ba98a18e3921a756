import type { Message } from '../envelope/envelope.js';

/**
 * The pure core of an aggregate. `decide` turns a command and the current state into the events
 * that record its outcome (or throws a `DomainRuleError`); `evolve` folds one event into state.
 */
export interface Decider<State, Command extends Message, Event extends Message> {
  initialState: () => State;
  evolve: (state: State, event: Event) => State;
  decide: (command: Command, state: State) => Event[];
}

/** Folds a history into state, starting from `state` (the initial state unless a snapshot is given). */
export const fold = <State, Event extends Message>(
  decider: Pick<Decider<State, Message, Event>, 'evolve' | 'initialState'>,
  events: Iterable<Event>,
  state: State = decider.initialState(),
): State => {
  let current = state;
  for (const event of events) current = decider.evolve(current, event);
  return current;
};
