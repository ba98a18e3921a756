import { DrizzleQueryError } from 'drizzle-orm';

/** Rethrows the database's own error rather than drizzle's wrapper, whose message is the whole query. */
export const unwrapQueryError = (error: unknown): never => {
  if (error instanceof DrizzleQueryError && error.cause instanceof Error) throw error.cause;
  throw error;
};
