import { STATUS_CODES } from 'node:http';
import { aboutBlank } from './problemTypes.js';

export interface ProblemInit {
  status: number;
  /** A type URI from `problemTypes`, or `about:blank` for a bare status. */
  type?: string;
  title?: string;
  detail: string;
  /** Extension members of the body, e.g. `{ currentVersion: 3 }`. */
  extensions?: Record<string, unknown>;
  /** Response headers that belong to the problem, e.g. `Retry-After`. */
  headers?: Record<string, string>;
}

/**
 * An error that already knows its HTTP answer. Throw one (or a subclass below) from a route; the
 * error handler turns it into problem+json. Services define their own the same way.
 */
export class ProblemError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  readonly extensions: Readonly<Record<string, unknown>>;
  readonly headers: Readonly<Record<string, string>>;

  constructor(init: ProblemInit, options?: ErrorOptions) {
    super(init.detail, options);
    this.name = new.target.name;
    this.status = init.status;
    this.type = init.type ?? aboutBlank;
    this.title = init.title ?? STATUS_CODES[init.status] ?? 'Error';
    this.detail = init.detail;
    this.extensions = init.extensions ?? {};
    this.headers = init.headers ?? {};
  }
}

export const isProblemError = (error: unknown): error is ProblemError => error instanceof ProblemError;
