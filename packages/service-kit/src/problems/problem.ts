import { z } from 'zod';

export const problemContentType = 'application/problem+json';

export interface FieldIssue {
  /** Where the field is: `body`, `querystring`, `params` or `headers`; absent when not from the request. */
  in?: string;
  /** Dotted path inside that part, e.g. `items.0.quantity`; empty for the part itself. */
  path: string;
  message: string;
}

/** An RFC 9457 problem details body. Extensions sit beside the standard members. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  correlationId?: string;
  errors?: FieldIssue[];
  [extension: string]: unknown;
}

/** The problem body as a zod schema, for documenting error responses in OpenAPI. */
export const problemSchema = z
  .looseObject({
    type: z.string().meta({ description: 'Stable URI identifying the problem type' }),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    instance: z.string().optional(),
    correlationId: z.string().optional(),
    errors: z
      .array(z.object({ in: z.string().optional(), path: z.string(), message: z.string() }))
      .optional()
      .meta({ description: 'Each failing field, for validation problems' }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

/**
 * Response schemas for the given error statuses, served as `application/problem+json`:
 * `schema: { body, response: { 201: created, ...problemResponses(400, 404, 409) } }`.
 */
export const problemResponses = <const S extends number>(...statuses: S[]) =>
  Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: `Problem (${status})`, content: { [problemContentType]: { schema: problemSchema } } },
    ]),
  ) as Record<
    S,
    { description: string; content: { [problemContentType]: { schema: typeof problemSchema } } }
  >;
