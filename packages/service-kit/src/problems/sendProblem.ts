import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Problem, problemContentType } from './problem.js';
import type { ProblemError } from './problemError.js';

const standardMembers = new Set(['type', 'title', 'status', 'detail', 'instance', 'correlationId']);

/** Writes `error` as an `application/problem+json` response. */
export const sendProblem = (
  request: FastifyRequest,
  reply: FastifyReply,
  error: ProblemError,
): FastifyReply => {
  const extensions = Object.fromEntries(
    Object.entries(error.extensions).filter(([key]) => !standardMembers.has(key)),
  );
  const body: Problem = {
    type: error.type,
    title: error.title,
    status: error.status,
    detail: error.detail,
    // The path only: a query string may carry what should not be echoed back or logged.
    instance: request.url.split('?', 1)[0] ?? '/',
    correlationId: request.id,
    ...extensions,
  };
  return reply.code(error.status).headers(error.headers).type(problemContentType).send(body);
};
