import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold } from '../decider/decider.js';
import { DomainRuleError } from '../errors/domainRuleError.js';
import { AddItem, CheckedOut, CheckOut, cartDecider, ItemAdded, RemoveItem } from '../fixtures/cart.js';
import { cartCommands, cartHistory } from '../fixtures/cartArbitraries.js';
import { Aggregate } from './aggregate.js';

const apple = { sku: 'apple', quantity: 2, price: 10 };

describe('Aggregate', () => {
  it('starts empty at version 0', () => {
    const cart = Aggregate.load(cartDecider, []);
    expect(cart.state).toEqual(cartDecider.initialState());
    expect(cart.version).toBe(0);
    expect(cart.persistedVersion).toBe(0);
    expect(cart.uncommittedEvents).toEqual([]);
  });

  it('executes a command: applies its events, keeps them uncommitted and counts them in version', () => {
    const cart = Aggregate.load(cartDecider, [ItemAdded.of(apple)]);
    const events = cart.execute(CheckOut.of({}));
    expect(events).toEqual([CheckedOut.of({ total: 20 })]);
    expect(cart.state.checkedOut).toBe(true);
    expect(cart.uncommittedEvents).toEqual(events);
    expect(cart.version).toBe(2);
    expect(cart.persistedVersion).toBe(1);
  });

  it('markCommitted moves the uncommitted events into the persisted version', () => {
    const cart = Aggregate.load(cartDecider, []);
    cart.execute(AddItem.of(apple));
    cart.execute(AddItem.of({ ...apple, sku: 'pear' }));
    cart.markCommitted();
    expect(cart.uncommittedEvents).toEqual([]);
    expect(cart.persistedVersion).toBe(2);
    expect(cart.version).toBe(2);
  });

  it('leaves state, version and uncommitted events untouched when a command is refused', () => {
    const cart = Aggregate.load(cartDecider, [ItemAdded.of(apple)]);
    cart.execute(CheckOut.of({}));
    const before = { state: cart.state, version: cart.version, pending: [...cart.uncommittedEvents] };
    expect(() => cart.execute(AddItem.of(apple))).toThrow(DomainRuleError);
    expect({ state: cart.state, version: cart.version, pending: [...cart.uncommittedEvents] }).toEqual(
      before,
    );
  });

  it('a command that decides nothing changes nothing', () => {
    const cart = Aggregate.load(cartDecider, []);
    expect(cart.execute(RemoveItem.of({ sku: 'apple' }))).toEqual([]);
    expect(cart.version).toBe(0);
  });

  it('loading a snapshot plus the events after it equals full rehydration (property)', () => {
    fc.assert(
      fc.property(
        cartHistory.chain((history) => fc.tuple(fc.constant(history), fc.nat({ max: history.length }))),
        ([history, cut]) => {
          const snapshot = { state: fold(cartDecider, history.slice(0, cut)), version: cut };
          const fromSnapshot = Aggregate.load(cartDecider, history.slice(cut), snapshot);
          const full = Aggregate.load(cartDecider, history);
          expect(fromSnapshot.state).toEqual(full.state);
          expect(fromSnapshot.version).toBe(full.version);
          expect(fromSnapshot.persistedVersion).toBe(history.length);
        },
      ),
    );
  });

  it('the state after executing commands equals rehydrating the events they produced (property)', () => {
    fc.assert(
      fc.property(cartHistory, cartCommands, (history, commands) => {
        const cart = Aggregate.load(cartDecider, history);
        for (const command of commands) {
          try {
            cart.execute(command);
          } catch (error) {
            if (!(error instanceof DomainRuleError)) throw error;
          }
        }
        const reloaded = Aggregate.load(cartDecider, [...history, ...cart.uncommittedEvents]);
        expect(reloaded.state).toEqual(cart.state);
        expect(reloaded.version).toBe(cart.version);
      }),
    );
  });
});
