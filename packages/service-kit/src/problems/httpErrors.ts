import type { ConcurrencyError } from '@causeway/kernel';
import type { FieldIssue } from './problem.js';
import { ProblemError } from './problemError.js';
import { problemTypes } from './problemTypes.js';

/** 400: input failed validation; `errors` names each failing field. Throw it for checks no schema covers. */
export class RequestValidationError extends ProblemError {
  constructor(
    readonly issues: readonly FieldIssue[],
    subject = 'request',
  ) {
    super({
      status: 400,
      type: problemTypes.validation,
      title: 'Invalid request',
      detail: `Invalid ${subject}: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`,
      extensions: { errors: issues },
    });
  }
}

/** 404: the resource does not exist (or the caller may not know it does). */
/** 401: no valid credentials. `WWW-Authenticate` tells the client to send a bearer token. */
export class UnauthorizedError extends ProblemError {
  constructor(
    detail = 'Authentication required: send a valid access token (Authorization header, Bearer scheme)',
    error?: 'invalid_token',
  ) {
    super({
      status: 401,
      type: problemTypes.unauthorized,
      title: 'Unauthorized',
      detail,
      headers: {
        'www-authenticate':
          error === undefined ? 'Bearer realm="causeway"' : `Bearer realm="causeway", error="${error}"`,
      },
    });
  }
}

/** 403: the caller is known but may not do this (and knowing that leaks nothing). */
export class ForbiddenError extends ProblemError {
  constructor(detail = 'Not allowed') {
    super({ status: 403, type: problemTypes.forbidden, title: 'Forbidden', detail });
  }
}

export class NotFoundError extends ProblemError {
  constructor(detail = 'The requested resource does not exist') {
    super({ status: 404, type: problemTypes.notFound, title: 'Not found', detail });
  }
}

/** 412: the `If-Match` version is not the resource's current version. */
export class PreconditionFailedError extends ProblemError {
  constructor(
    readonly expectedVersion: number,
    readonly currentVersion: number,
  ) {
    super({
      status: 412,
      type: problemTypes.preconditionFailed,
      title: 'Precondition failed',
      detail: `If-Match expected version ${expectedVersion}, the current version is ${currentVersion}`,
      extensions: { expectedVersion, currentVersion },
    });
  }

  /** For a conditional write whose append lost: the store's conflict becomes the client's 412. */
  static fromConcurrencyError(expectedVersion: number, error: ConcurrencyError): PreconditionFailedError {
    return new PreconditionFailedError(expectedVersion, error.actualVersion);
  }
}

/** 422: the request is well-formed but cannot be processed as asked. `code` is stable. */
export class UnprocessableContentError extends ProblemError {
  constructor(
    readonly code: string,
    detail: string,
    type: string = problemTypes.unprocessable,
  ) {
    super({ status: 422, type, title: 'Unprocessable content', detail, extensions: { code } });
  }
}

/** 422: an `Idempotency-Key` was used before with a different request body. */
export class IdempotencyKeyReusedError extends UnprocessableContentError {
  constructor(readonly key: string) {
    super(
      'IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was already used with a different request',
      problemTypes.idempotencyKeyReused,
    );
  }
}

/** 503 with `Retry-After`: e.g. a read model has not reached `minPosition` within the wait bound. */
export class ServiceUnavailableError extends ProblemError {
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super({
      status: 503,
      type: problemTypes.serviceUnavailable,
      title: 'Service unavailable',
      detail,
      extensions: { retryAfter: retryAfterSeconds },
      headers: { 'retry-after': String(Math.max(0, Math.ceil(retryAfterSeconds))) },
    });
  }
}

/** 429 with `Retry-After`: the client exceeded its request rate. */
export class RateLimitedError extends ProblemError {
  constructor(readonly retryAfterSeconds: number) {
    super({
      status: 429,
      type: problemTypes.rateLimited,
      title: 'Too many requests',
      detail: `Rate limit exceeded, retry in ${retryAfterSeconds} seconds`,
      extensions: { retryAfter: retryAfterSeconds },
      headers: { 'retry-after': String(retryAfterSeconds) },
    });
  }
}
