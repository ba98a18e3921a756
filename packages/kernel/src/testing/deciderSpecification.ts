import type { Decider } from '../decider/decider.js';
import { fold } from '../decider/decider.js';
import type { Message } from '../envelope/envelope.js';
import { expect } from './expect.js';

// biome-ignore lint/suspicious/noExplicitAny: matches any error class constructor.
type ErrorClass = abstract new (...args: any[]) => Error;

export interface Then<Event> {
  /** The command produced exactly these events (compared by type and payload). */
  thenEvents(expected: readonly Event[]): void;
  /** The command produced no event. */
  thenNothing(): void;
  /** The command was refused with this error class and, when given, this stable `code`. */
  thenThrows(errorClass: ErrorClass, code?: string): void;
}

export interface When<Command, Event> {
  when(command: Command): Then<Event>;
}

const pick = (message: Message) => ({ type: message.type, payload: message.payload });

/**
 * Given-when-then for deciders:
 * `DeciderSpecification.for(decider)(history).when(command).thenEvents(events)`.
 */
export const DeciderSpecification = {
  for<State, Command extends Message, Event extends Message>(decider: Decider<State, Command, Event>) {
    return (history: readonly Event[] = []): When<Command, Event> => ({
      when(command) {
        const run = () => decider.decide(command, fold(decider, history));
        return {
          thenEvents(expected) {
            expect(run().map(pick), expected.map(pick));
          },
          thenNothing() {
            expect(run().map(pick), []);
          },
          thenThrows(errorClass, code) {
            let thrown: unknown;
            try {
              run();
            } catch (error) {
              thrown = error;
            }
            if (!(thrown instanceof errorClass)) {
              throw new Error(`Expected ${errorClass.name} to be thrown, got ${describe(thrown)}`);
            }
            if (code !== undefined && (thrown as { code?: unknown }).code !== code) {
              throw new Error(`Expected code ${code}, got ${String((thrown as { code?: unknown }).code)}`);
            }
          },
        };
      },
    });
  },
};

const describe = (value: unknown) =>
  value instanceof Error
    ? `${value.name}: ${value.message}`
    : value === undefined
      ? 'no error'
      : String(value);
