export {
  ForbiddenError,
  IdempotencyKeyReusedError,
  NotFoundError,
  PreconditionFailedError,
  RateLimitedError,
  RequestValidationError,
  ServiceUnavailableError,
  UnauthorizedError,
  UnprocessableContentError,
} from './httpErrors.js';
export {
  type FieldIssue,
  type Problem,
  problemContentType,
  problemResponses,
  problemSchema,
} from './problem.js';
export { isProblemError, ProblemError, type ProblemInit } from './problemError.js';
export { handleError, type ProblemsPluginOptions, problemsPlugin } from './problemsPlugin.js';
export { aboutBlank, type ProblemTypeName, problemBaseUri, problemTypes } from './problemTypes.js';
export { sendProblem } from './sendProblem.js';
export { type ProblemMappingOptions, toProblemError } from './toProblem.js';
