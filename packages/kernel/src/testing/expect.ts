import { deepStrictEqual } from 'node:assert/strict';

/** Framework-neutral deep equality, so the helpers work under vitest, jest or node:test alike. */
export const expect = (actual: unknown, expected: unknown): void => deepStrictEqual(actual, expected);
