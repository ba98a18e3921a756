import type { Principal } from '../app/authPlugin.js';
import { OPERATOR_ROLE } from './authOptions.js';

/** Whether the caller holds the operator role (reads every customer's orders). */
export const isOperator = (principal: Principal | undefined): boolean =>
  principal?.roles.includes(OPERATOR_ROLE) ?? false;

/**
 * Whether the caller may read what `ownerId` owns: its owner or an operator. An anonymous caller
 * (authentication disabled) may read everything.
 */
export const mayRead = (principal: Principal | undefined, ownerId: string): boolean =>
  principal === undefined || principal.userId === ownerId || isOperator(principal);

/** Whether the caller may change what `ownerId` owns: only its owner (operators read, never act for others). */
export const mayChange = (principal: Principal | undefined, ownerId: string): boolean =>
  principal === undefined || principal.userId === ownerId;
