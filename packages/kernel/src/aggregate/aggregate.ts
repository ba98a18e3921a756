import type { Decider } from '../decider/decider.js';
import { fold } from '../decider/decider.js';
import type { Message } from '../envelope/envelope.js';

export interface Snapshot<State> {
  state: State;
  /** The stream version the state includes. */
  version: number;
}

/**
 * A decider with its loaded state: history (optionally after a snapshot) folded into `state`,
 * commands executed against it, and the events they produced kept as uncommitted until saved.
 */
export class Aggregate<State, Command extends Message, Event extends Message> {
  #state: State;
  #persistedVersion: number;
  #uncommitted: Event[] = [];

  private constructor(
    readonly decider: Decider<State, Command, Event>,
    state: State,
    version: number,
  ) {
    this.#state = state;
    this.#persistedVersion = version;
  }

  /** Rehydrates from `events`, which follow `snapshot` (or start the stream when there is none). */
  static load<State, Command extends Message, Event extends Message>(
    decider: Decider<State, Command, Event>,
    events: readonly Event[],
    snapshot?: Snapshot<State>,
  ): Aggregate<State, Command, Event> {
    const state = fold(decider, events, snapshot ? snapshot.state : decider.initialState());
    return new Aggregate(decider, state, (snapshot?.version ?? 0) + events.length);
  }

  get state(): State {
    return this.#state;
  }

  /** Version including uncommitted events. */
  get version(): number {
    return this.#persistedVersion + this.#uncommitted.length;
  }

  /** Version as stored: the expected version for saving the uncommitted events. */
  get persistedVersion(): number {
    return this.#persistedVersion;
  }

  get uncommittedEvents(): readonly Event[] {
    return this.#uncommitted;
  }

  /** Decides `command` against the current state, applies the resulting events and returns them. */
  execute(command: Command): Event[] {
    const events = this.decider.decide(command, this.#state);
    this.#state = fold(this.decider, events, this.#state);
    this.#uncommitted.push(...events);
    return events;
  }

  /** Marks the uncommitted events as stored. */
  markCommitted(): void {
    this.#persistedVersion += this.#uncommitted.length;
    this.#uncommitted = [];
  }
}
