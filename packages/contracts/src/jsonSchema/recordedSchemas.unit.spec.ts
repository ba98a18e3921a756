import { describe, expect, it } from 'vitest';
import { readRecordedSchemas } from '../../scripts/schemaDirectory.js';
import { allCommands, allEvents } from '../registries.js';
import { planSchemaFiles, schemaFileName } from './schemaFiles.js';

// The committed files in schemas/ are the published contracts. These tests fail when they are
// stale (run `pnpm --filter @causeway/contracts schemas`) or when a definition changed in a way
// a recorded schema's readers cannot follow (bump schemaVersion and add an upcaster instead).

const definitions = [...allEvents.definitions, ...allCommands.definitions];
const recorded = readRecordedSchemas();
const plan = planSchemaFiles(definitions, recorded);

describe('recorded JSON Schemas (schemas/)', () => {
  it('no definition changed a recorded schema incompatibly, and none was dropped', () => {
    expect(plan.problems).toEqual([]);
  });

  it('are up to date with the definitions (else run `pnpm --filter @causeway/contracts schemas`)', () => {
    expect(plan.writes.map((file) => file.name)).toEqual([]);
  });

  it('cover every event and command of the domain', () => {
    for (const definition of definitions) {
      expect(recorded.has(schemaFileName(definition.type, definition.schemaVersion))).toBe(true);
    }
    expect(definitions.map((d) => d.type).sort()).toEqual([
      'ADD_ORDER_ITEM',
      'CANCEL_ORDER',
      'CONFIRM_ORDER',
      'CREATE_ORDER',
      'ORDER_CANCELLED',
      'ORDER_CONFIRMED',
      'ORDER_CREATED',
      'ORDER_ITEM_ADDED',
      'PAYMENT_FAILED',
      'PAYMENT_PROCESSED',
      'PAYMENT_REFUNDED',
      'PROCESS_PAYMENT',
      'REFUND_PAYMENT',
    ]);
  });
});
