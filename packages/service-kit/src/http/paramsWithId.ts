import { z } from 'zod';

/**
 * A path-params schema with one id, a UUID by default: `paramsWithId('orderId')` for
 * `/orders/:orderId`. A malformed id is a 400 naming the param, before any lookup.
 */
export function paramsWithId<const K extends string>(name: K): z.ZodObject<{ [P in K]: z.ZodUUID }>;
export function paramsWithId<const K extends string, S extends z.ZodType>(
  name: K,
  schema: S,
): z.ZodObject<{ [P in K]: S }>;
export function paramsWithId(name: string, schema: z.ZodType = z.uuid()): z.ZodObject {
  return z.object({ [name]: schema });
}
