import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { NotFoundError } from './httpErrors.js';
import { sendProblem } from './sendProblem.js';
import { type ProblemMappingOptions, toProblemError } from './toProblem.js';

export interface ProblemsPluginOptions {
  /** `DomainRuleError` codes answered with 422 instead of 409. */
  unprocessableRuleCodes?: Iterable<string>;
}

/** Handles an error of any origin: maps it, logs what was unexpected, answers problem+json. */
export const handleError = (
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  options: ProblemMappingOptions = {},
): FastifyReply => {
  const { problem, expected } = toProblemError(error, options);
  if (!expected) request.log.error({ err: error }, 'unexpected error');
  else request.log.info({ problem: problem.type, status: problem.status }, problem.detail);
  return sendProblem(request, reply, problem);
};

/** The error handler and the 404 handler of the app: every error response is problem+json. */
export const problemsPlugin = fp<ProblemsPluginOptions>(
  async (app, options) => {
    const mapping = { unprocessableRuleCodes: new Set(options.unprocessableRuleCodes ?? []) };
    app.setErrorHandler((error: FastifyError, request, reply) => handleError(error, request, reply, mapping));
    app.setNotFoundHandler(
      // Unknown paths count against the rate limit too: probing for routes is not free.
      { preHandler: app.hasDecorator('rateLimit') ? app.rateLimit() : [] },
      (request, reply) =>
        sendProblem(
          request,
          reply,
          new NotFoundError(`No route for ${request.method} ${request.url.split('?', 1)[0]}`),
        ),
    );
  },
  { name: '@causeway/service-kit/problems', fastify: '5.x' },
);
