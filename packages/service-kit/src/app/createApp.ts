import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import rateLimit from '@fastify/rate-limit';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyRequest,
  LogController,
} from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AuthOptions } from '../auth/authOptions.js';
import { jwtAuthenticate } from '../auth/jwtAuthenticate.js';
import { healthPlugin } from '../health/healthPlugin.js';
import type { ReadinessChecks } from '../health/runChecks.js';
import { createLogger } from '../logger/createLogger.js';
import { metricsPlugin } from '../metrics/metricsPlugin.js';
import { openApiPlugin } from '../openapi/openapiPlugin.js';
import { RateLimitedError } from '../problems/httpErrors.js';
import { handleError, problemsPlugin } from '../problems/problemsPlugin.js';
import { type Authenticate, authPlugin } from './authPlugin.js';
import { correlationIdOf, correlationIdPlugin } from './correlationId.js';
import { drainGuardPlugin } from './drainGuard.js';
import { securityHeadersPlugin } from './securityHeaders.js';

/** A Fastify instance typed by zod schemas: `app.post(url, { schema: { body: zodSchema } }, handler)`. */
export type App = FastifyInstance<
  Server,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface AppOptions {
  /** Service name: OpenAPI title, `service` label on metrics, `name` on log lines. */
  name: string;
  /** OpenAPI `info.version`; defaults to `0.0.0`. */
  version?: string;
  description?: string;
  /** A pino logger (see `createLogger`), or `false` for none. Defaults to JSON at `info`. */
  logger?: FastifyBaseLogger | false;
  /** Largest accepted request body; beyond it 413. Defaults to 100 KiB. */
  bodyLimitBytes?: number;
  /** Requests per client per window before 429, or `false` to disable. Defaults to 300 per minute. */
  rateLimit?:
    | { max: number; timeWindowMs: number; keyGenerator?: (request: FastifyRequest) => string }
    | false;
  /** Readiness checks by name, run by `/health/ready`. */
  readiness?: ReadinessChecks;
  readinessTimeoutMs?: number;
  /** `DomainRuleError` codes answered with 422 rather than 409. */
  unprocessableRuleCodes?: Iterable<string>;
  /**
   * Bearer JWT authentication of every non-public route (see `authOptionsFromConfig`);
   * `{ mode: 'disabled' }` logs a warning at start. Without it (or `authenticate`) callers are anonymous.
   */
  auth?: AuthOptions;
  /** A custom hook resolving `request.userId`/`request.principal`; `auth` takes precedence. */
  authenticate?: Authenticate;
  /** Take the client address from X-Forwarded-For (behind a reverse proxy). */
  trustProxy?: boolean;
  /** Process metrics in `/metrics`; on by default. */
  defaultMetrics?: boolean;
  /** Time a client has to send a whole request (slowloris defence; headers get the same). Defaults to 30 s. */
  requestTimeoutMs?: number;
}

/**
 * The Fastify app every Causeway HTTP service starts from: zod validation and serialization,
 * correlation ids, helmet, rate limiting, body limit and JSON-only bodies, problem+json errors,
 * OpenAPI at `/docs`, `/health/live`, `/health/ready` and `/metrics`. The caller registers its
 * routes and listens; `app.close()` is the only shutdown path.
 */
export const createApp = async (options: AppOptions): Promise<App> => {
  const logger = options.logger ?? createLogger({ level: 'info', name: options.name });
  const app = Fastify({
    ...(logger === false ? {} : { loggerInstance: logger }),
    bodyLimit: options.bodyLimitBytes ?? 100 * 1024,
    // Fastify's default 0 turns Node's request (and headers) timeout off: a slow client could hold sockets forever.
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    trustProxy: options.trustProxy ?? false,
    genReqId: correlationIdOf,
    requestIdHeader: false,
    return503OnClosing: false,
    logController: new LogController({ requestIdLogLabel: 'correlationId' }),
    // Errors raised before routing (a malformed URL) get the same problem+json as the rest.
    frameworkErrors: (error, request, reply) => {
      reply.header('x-correlation-id', request.id);
      handleError(error, request, reply);
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON is the only body type: without the default text/plain parser any other type is a 415.
  app.removeContentTypeParser('text/plain');

  await app.register(correlationIdPlugin);
  await app.register(drainGuardPlugin);
  await app.register(securityHeadersPlugin);
  if (options.rateLimit !== false) {
    const { max, timeWindowMs, keyGenerator } = options.rateLimit ?? { max: 300, timeWindowMs: 60_000 };
    await app.register(rateLimit, {
      global: true,
      max,
      timeWindow: timeWindowMs,
      ...(keyGenerator === undefined ? {} : { keyGenerator }),
      errorResponseBuilder: (_request, context) =>
        new RateLimitedError(Math.max(1, Math.ceil(context.ttl / 1000))),
    });
  }
  await app.register(problemsPlugin, {
    ...(options.unprocessableRuleCodes === undefined
      ? {}
      : { unprocessableRuleCodes: options.unprocessableRuleCodes }),
  });
  await app.register(authPlugin, { authenticate: await authenticateFor(app, options) });
  await app.register(openApiPlugin, {
    title: options.name,
    version: options.version ?? '0.0.0',
    ...(options.description === undefined ? {} : { description: options.description }),
  });
  await app.register(metricsPlugin, {
    serviceName: options.name,
    defaultMetrics: options.defaultMetrics ?? true,
  });
  await app.register(healthPlugin, {
    checks: options.readiness ?? {},
    ...(options.readinessTimeoutMs === undefined ? {} : { timeoutMs: options.readinessTimeoutMs }),
  });
  return app;
};

const authenticateFor = async (
  app: FastifyInstance,
  options: AppOptions,
): Promise<Authenticate | undefined> => {
  if (options.auth === undefined) return options.authenticate;
  if (options.auth.mode !== 'disabled') return jwtAuthenticate(app, options.auth);
  app.log.warn(
    { auth: 'disabled' },
    'AUTHENTICATION DISABLED (AUTH_DISABLED): every caller is anonymous and may read and change every order. Never run like this in production.',
  );
  return undefined;
};
