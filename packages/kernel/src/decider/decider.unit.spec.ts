import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Aggregate } from '../aggregate/aggregate.js';
import { cartDecider, ItemAdded, ItemRemoved } from '../fixtures/cart.js';
import { cartHistory } from '../fixtures/cartArbitraries.js';
import { fold } from './decider.js';

describe('fold', () => {
  it('starts from the initial state', () => {
    expect(fold(cartDecider, [])).toEqual({ checkedOut: false, lines: {} });
  });

  it('applies events in order', () => {
    const state = fold(cartDecider, [
      ItemAdded.of({ sku: 'apple', quantity: 2, price: 10 }),
      ItemAdded.of({ sku: 'pear', quantity: 1, price: 5 }),
      ItemRemoved.of({ sku: 'apple' }),
    ]);
    expect(state.lines).toEqual({ pear: { quantity: 1, price: 5 } });
  });

  it('continues from a given state instead of the initial one', () => {
    const start = fold(cartDecider, [ItemAdded.of({ sku: 'fig', quantity: 1, price: 3 })]);
    const state = fold(cartDecider, [ItemAdded.of({ sku: 'fig', quantity: 2, price: 4 })], start);
    expect(state.lines.fig).toEqual({ quantity: 3, price: 4 });
  });

  it('accepts any iterable, e.g. a generator', () => {
    function* events() {
      yield ItemAdded.of({ sku: 'plum', quantity: 1, price: 1 });
    }
    expect(fold(cartDecider, events()).lines.plum).toEqual({ quantity: 1, price: 1 });
  });
});

describe('rehydration', () => {
  it('equals evolving the history one event at a time (property)', () => {
    fc.assert(
      fc.property(cartHistory, (history) => {
        const stepwise = history.reduce(cartDecider.evolve, cartDecider.initialState());
        const aggregate = Aggregate.load(cartDecider, history);
        expect(aggregate.state).toEqual(stepwise);
        expect(aggregate.state).toEqual(fold(cartDecider, history));
        expect(aggregate.version).toBe(history.length);
      }),
    );
  });

  it('is a homomorphism over concatenation: fold(a ++ b) = fold(b, fold(a)) (property)', () => {
    fc.assert(
      fc.property(cartHistory, cartHistory, (a, b) => {
        expect(fold(cartDecider, [...a, ...b])).toEqual(fold(cartDecider, b, fold(cartDecider, a)));
      }),
    );
  });
});
