import { isValidationError } from '@causeway/kernel';
import { describe, expect, it } from 'vitest';
import { topologyNames } from './names.js';

describe('topologyNames', () => {
  it('uses the architecture names without a prefix', () => {
    const names = topologyNames();
    expect(names.eventsStream).toBe('CAUSEWAY_EVENTS');
    expect(names.commandsStream).toBe('CAUSEWAY_COMMANDS');
    expect(names.eventSubject('order', 'ORDER_CREATED')).toBe('events.order.ORDER_CREATED');
    expect(names.commandSubject('payment', 'PROCESS_PAYMENT')).toBe('commands.payment.PROCESS_PAYMENT');
    expect(names.allEvents).toBe('events.>');
    expect(names.allCommands).toBe('commands.>');
  });

  it('puts a prefix in front of stream names and as the first subject token', () => {
    const names = topologyNames('staging');
    expect(names.eventsStream).toBe('staging_CAUSEWAY_EVENTS');
    expect(names.commandsStream).toBe('staging_CAUSEWAY_COMMANDS');
    expect(names.eventSubject('order', 'ORDER_CREATED')).toBe('staging.events.order.ORDER_CREATED');
    expect(names.serviceCommands('payment')).toBe('staging.commands.payment.>');
    expect(names.allCommands).toBe('staging.commands.>');
  });

  it('builds single-subject filters for an aggregate type, an event type, or both', () => {
    const names = topologyNames('p');
    expect(names.eventFilter()).toBe('p.events.>');
    expect(names.eventFilter({ aggregateType: 'order' })).toBe('p.events.order.>');
    expect(names.eventFilter({ eventType: 'ORDER_CREATED' })).toBe('p.events.*.ORDER_CREATED');
    expect(names.eventFilter({ aggregateType: 'order', eventType: 'ORDER_CREATED' })).toBe(
      'p.events.order.ORDER_CREATED',
    );
  });

  it.each(['a.b', 'a b', '>', '*', '-lead', 'x'.repeat(49)])(
    'refuses the prefix %j, naming the field',
    (prefix) => {
      expect(() => topologyNames(prefix)).toThrowError(/prefix/);
    },
  );

  it('refuses subject tokens that would change the subject shape', () => {
    const names = topologyNames();
    for (const bad of ['a.b', '*', '>', '']) {
      try {
        names.eventSubject(bad, 'X');
        expect.unreachable();
      } catch (error) {
        expect(isValidationError(error) && error.issues[0]?.path).toBe('aggregateType');
      }
    }
    expect(() => names.commandSubject('pay ment', 'X')).toThrowError(/service/);
  });
});
