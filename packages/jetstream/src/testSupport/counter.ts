import type { Decider } from '@causeway/kernel';
import { createRegistry, DomainRuleError, defineCommand, defineEvent } from '@causeway/kernel';
import { z } from 'zod';

/** A tiny aggregate for command tests: a counter that refuses to go above its limit. */
export const Incremented = defineEvent({
  type: 'INCREMENTED',
  aggregateType: 'counter',
  payload: z.strictObject({ by: z.int() }),
});
export const Increment = defineCommand({
  type: 'INCREMENT',
  aggregateType: 'counter',
  payload: z.strictObject({ by: z.int() }),
});
export const counterEvents = createRegistry([Incremented]);
export const counterCommands = createRegistry([Increment]);

export const LIMIT = 100;

type Command = ReturnType<typeof Increment.of>;
type Event = ReturnType<typeof Incremented.of>;

export const counterDecider: Decider<number, Command, Event> = {
  initialState: () => 0,
  evolve: (total, event) => total + event.payload.by,
  decide: (command, total) => {
    if (total + command.payload.by > LIMIT)
      throw new DomainRuleError('COUNTER_LIMIT', `${total} + ${command.payload.by} > ${LIMIT}`);
    return [Incremented.of({ by: command.payload.by })];
  },
};

export const increment = (aggregateId: string, by: number, id?: string) =>
  Increment.create({
    aggregateId,
    payload: { by },
    metadata: { correlationId: `c-${aggregateId}`, causationId: `test` },
    ...(id ? { id } : {}),
  });
