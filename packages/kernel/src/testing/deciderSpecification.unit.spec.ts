import { AssertionError } from 'node:assert';
import { describe, expect, it } from 'vitest';
import { DomainRuleError } from '../errors/domainRuleError.js';
import { ValidationError } from '../errors/validationError.js';
import {
  AddItem,
  CheckedOut,
  CheckOut,
  cartDecider,
  ItemAdded,
  ItemRemoved,
  RemoveItem,
} from '../fixtures/cart.js';
import { DeciderSpecification } from './deciderSpecification.js';

const given = DeciderSpecification.for(cartDecider);
const apple = { sku: 'apple', quantity: 2, price: 10 };
const pear = { sku: 'pear', quantity: 1, price: 5 };

describe('DeciderSpecification, when the decider behaves as specified', () => {
  it('an empty cart takes an item', () =>
    given([])
      .when(AddItem.of(apple))
      .thenEvents([ItemAdded.of(apple)]));

  it('history defaults to none', () =>
    given()
      .when(AddItem.of(apple))
      .thenEvents([ItemAdded.of(apple)]));

  it('checking out totals every line of the history', () =>
    given([ItemAdded.of(apple), ItemAdded.of(pear)])
      .when(CheckOut.of({}))
      .thenEvents([CheckedOut.of({ total: 25 })]));

  it('removing an absent item decides nothing', () =>
    given([ItemAdded.of(pear)])
      .when(RemoveItem.of({ sku: 'apple' }))
      .thenNothing());

  it('a checked-out cart refuses items', () =>
    given([ItemAdded.of(apple), CheckedOut.of({ total: 20 })])
      .when(AddItem.of(pear))
      .thenThrows(DomainRuleError, 'CART_CHECKED_OUT'));

  it('the error class alone is enough', () => given([]).when(CheckOut.of({})).thenThrows(DomainRuleError));
});

describe('DeciderSpecification, when the decider does not behave as specified', () => {
  it('thenEvents fails on different events', () => {
    expect(() =>
      given([])
        .when(AddItem.of(apple))
        .thenEvents([ItemAdded.of(pear)]),
    ).toThrow(AssertionError);
  });

  it('thenEvents fails on missing or extra events', () => {
    expect(() => given([]).when(AddItem.of(apple)).thenEvents([])).toThrow(AssertionError);
    expect(() =>
      given([])
        .when(AddItem.of(apple))
        .thenEvents([ItemAdded.of(apple), ItemAdded.of(apple)]),
    ).toThrow(AssertionError);
  });

  it('thenEvents lets the refusal through when the command is refused', () => {
    expect(() => given([]).when(CheckOut.of({})).thenEvents([])).toThrow(DomainRuleError);
  });

  it('thenNothing fails when events are decided', () => {
    expect(() =>
      given([ItemAdded.of(apple)])
        .when(RemoveItem.of({ sku: 'apple' }))
        .thenNothing(),
    ).toThrow(AssertionError);
  });

  it('thenThrows fails when nothing is thrown', () => {
    expect(() => given([]).when(AddItem.of(apple)).thenThrows(DomainRuleError)).toThrow(
      'Expected DomainRuleError to be thrown, got no error',
    );
  });

  it('thenThrows fails on another error class', () => {
    expect(() => given([]).when(CheckOut.of({})).thenThrows(ValidationError)).toThrow(
      'Expected ValidationError to be thrown, got DomainRuleError: The cart is empty',
    );
  });

  it('thenThrows fails on another code', () => {
    expect(() => given([]).when(CheckOut.of({})).thenThrows(DomainRuleError, 'CART_CHECKED_OUT')).toThrow(
      'Expected code CART_CHECKED_OUT, got CART_EMPTY',
    );
  });

  it('events are compared by type and payload only', () => {
    const stored = { ...ItemAdded.of(apple), id: 'ignored', version: 9 };
    expect(() => given([]).when(AddItem.of(apple)).thenEvents([stored])).not.toThrow();
    expect(() =>
      given([])
        .when(AddItem.of(apple))
        .thenEvents([ItemRemoved.of({ sku: 'apple' })]),
    ).toThrow(AssertionError);
  });
});
