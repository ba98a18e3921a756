import type { FastifySchemaValidationError } from 'fastify';
import type { FieldIssue } from './problem.js';

/**
 * Fastify validation errors (from the zod compiler or ajv) as one issue per field. An unknown
 * field is named by its own path, not its parent's, so `items.0.colour: unknown field`.
 */
export const fieldIssues = (
  validation: readonly FastifySchemaValidationError[],
  part: string | undefined,
): FieldIssue[] =>
  validation.flatMap((error) => {
    const parent = pathOf(error.instancePath);
    const params = error.params as Record<string, unknown>;
    const unknown =
      error.keyword === 'unrecognized_keys' && Array.isArray(params.keys)
        ? params.keys.map(String)
        : error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string'
          ? [params.additionalProperty]
          : undefined;
    if (unknown) return unknown.map((key) => issue(part, join(parent, key), 'unknown field'));
    return [issue(part, parent, error.message ?? 'is invalid')];
  });

const issue = (part: string | undefined, path: string, message: string): FieldIssue =>
  part === undefined ? { path, message } : { in: part, path, message };

const pathOf = (instancePath: string): string =>
  instancePath
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
    .join('.');

const join = (parent: string, key: string): string => (parent === '' ? key : `${parent}.${key}`);
