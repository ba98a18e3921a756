import { CausewayError } from '@causeway/kernel';

/** A stream or consumer exists with a setting that cannot be changed in place. */
export class TopologyConflictError extends CausewayError {
  readonly code = 'TOPOLOGY_CONFLICT';

  constructor(
    readonly resource: string,
    readonly field: string,
    readonly actual: unknown,
    readonly wanted: unknown,
    advice: string,
  ) {
    super(
      `${resource}: ${field} is ${JSON.stringify(actual)}, the definition says ${JSON.stringify(wanted)}; ${advice}`,
    );
  }
}
