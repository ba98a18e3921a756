import { uuidv7 } from '@causeway/kernel';
import type { NewEvent } from '../eventStore.js';

export interface TestEventInput {
  aggregateType?: string;
  aggregateId?: string;
  type?: string;
  payload?: unknown;
  schemaVersion?: number;
  id?: string;
}

/** A valid `NewEvent` for tests (stream `<aggregateType>-<aggregateId>`, default `test-1`). */
export const newTestEvent = (input: TestEventInput = {}): NewEvent => ({
  id: input.id ?? uuidv7(),
  type: input.type ?? 'TEST_HAPPENED',
  aggregateType: input.aggregateType ?? 'test',
  aggregateId: input.aggregateId ?? '1',
  schemaVersion: input.schemaVersion ?? 1,
  timestamp: new Date().toISOString(),
  payload: input.payload ?? { n: 1 },
  metadata: { correlationId: 'test-correlation', causationId: 'test-causation' },
});
