import { STATUS_CODES } from 'node:http';
import {
  isConcurrencyError,
  isDomainRuleError,
  isUnknownEventTypeError,
  isValidationError,
} from '@causeway/kernel';
import type { FastifyError } from 'fastify';
import { fieldIssues } from './fieldIssues.js';
import { RequestValidationError } from './httpErrors.js';
import { ProblemError } from './problemError.js';
import { problemTypes } from './problemTypes.js';

export interface ProblemMappingOptions {
  /** `DomainRuleError` codes answered with 422 instead of 409 (the request can never succeed as sent). */
  unprocessableRuleCodes?: ReadonlySet<string>;
}

/**
 * The one place that decides how an error reads over HTTP. Anything not recognised is a 500 whose
 * detail says nothing about the cause (`expected: false` tells the handler to log it in full).
 */
export const toProblemError = (
  error: unknown,
  options: ProblemMappingOptions = {},
): { problem: ProblemError; expected: boolean } => {
  const problem = knownProblem(error, options);
  if (problem) return { problem, expected: true };
  return {
    problem: new ProblemError({
      status: 500,
      type: problemTypes.internal,
      title: 'Internal server error',
      detail: 'An unexpected error occurred; quote the correlation id when reporting it',
    }),
    expected: false,
  };
};

const knownProblem = (error: unknown, options: ProblemMappingOptions): ProblemError | undefined => {
  if (error instanceof ProblemError) return error;
  if (isValidationError(error)) {
    return new RequestValidationError(error.issues, error.subject);
  }
  if (isConcurrencyError(error)) {
    return new ProblemError({
      status: 409,
      type: problemTypes.concurrencyConflict,
      title: 'Concurrency conflict',
      detail: `The resource was changed concurrently; its current version is ${error.actualVersion}`,
      extensions: { currentVersion: error.actualVersion },
    });
  }
  if (isDomainRuleError(error)) {
    return new ProblemError({
      status: options.unprocessableRuleCodes?.has(error.code) ? 422 : 409,
      type: problemTypes.ruleViolation,
      title: 'Business rule violated',
      detail: error.message,
      extensions: { code: error.code },
    });
  }
  if (isUnknownEventTypeError(error)) {
    return new ProblemError({
      status: 400,
      type: problemTypes.unknownMessageType,
      title: 'Unknown message type',
      detail: error.message,
      extensions: { messageType: error.type },
    });
  }
  if (isFastifyError(error)) return fastifyProblem(error);
  return undefined;
};

const fastifyProblem = (error: FastifyError): ProblemError | undefined => {
  if (error.validation) {
    return new RequestValidationError(
      fieldIssues(error.validation, error.validationContext),
      error.validationContext ?? 'request',
    );
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ProblemError({
        status: 413,
        type: problemTypes.payloadTooLarge,
        title: 'Payload too large',
        detail: 'The request body exceeds the size limit',
      });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ProblemError({
        status: 415,
        type: problemTypes.unsupportedMediaType,
        title: 'Unsupported media type',
        detail: 'Send the request body as application/json',
      });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return malformedBody(error.message);
  }
  const status = error.statusCode ?? 500;
  if (status >= 500) return undefined;
  // A body parser's own failure (e.g. a prototype-poisoning key) arrives as a bare 400.
  if (error instanceof SyntaxError) return malformedBody('The request body is not valid JSON');
  return new ProblemError({ status, title: STATUS_CODES[status] ?? 'Client error', detail: error.message });
};

const malformedBody = (detail: string) =>
  new ProblemError({
    status: 400,
    type: problemTypes.malformedBody,
    title: 'Malformed request body',
    detail,
  });

const isFastifyError = (error: unknown): error is FastifyError =>
  error instanceof Error &&
  (typeof (error as FastifyError).code === 'string' ||
    typeof (error as FastifyError).statusCode === 'number' ||
    Array.isArray((error as FastifyError).validation));
