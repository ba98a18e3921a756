/** Base of every Causeway error: a stable, machine-readable `code` beside the human message. */
export abstract class CausewayError extends Error {
  abstract readonly code: string;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

export const isCausewayError = (error: unknown): error is CausewayError => error instanceof CausewayError;
