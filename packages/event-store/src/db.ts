import { DrizzleQueryError, type ExtractTablesWithRelations, type SQL } from 'drizzle-orm';
import { type PgDatabase, PgDialect, type PgQueryResultHKT, type PgTransaction } from 'drizzle-orm/pg-core';

/** The drizzle database behind either driver. */
export type StoreDatabase = PgDatabase<PgQueryResultHKT>;

/**
 * The open transaction handed to `transaction` and `withCheckpoint` callbacks: a drizzle
 * transaction, so a projection writes its own tables with it (`tx.insert(myTable)...`) and those
 * writes commit or roll back with the checkpoint.
 */
export type StoreTransaction = PgTransaction<
  PgQueryResultHKT,
  Record<string, never>,
  ExtractTablesWithRelations<Record<string, never>>
>;

const dialect = new PgDialect();

/**
 * Runs raw SQL as a named prepared statement and returns its rows whichever driver answers
 * (postgres.js: an array; PGlite: `{ rows }`). Not `db.execute`: drizzle runs that unprepared,
 * and postgres.js then describes the statement in a round trip of its own before every single
 * execution; prepared, the description is cached per connection and the query is one round trip
 * (and can be pipelined). `name` only marks the query as prepared; statements are keyed by text.
 */
export const queryRows = async <Row>(db: StoreDatabase, query: SQL, name = 'causeway'): Promise<Row[]> => {
  const prepared = db._.session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false);
  const result: unknown = await prepared.execute().catch(unwrapQueryError);
  return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
};

/**
 * Rethrows the database's own error instead of drizzle's `DrizzleQueryError`, whose message is
 * the query and all its parameters (whole event payloads, on an append).
 */
export const unwrapQueryError = (error: unknown): never => {
  if (error instanceof DrizzleQueryError && error.cause instanceof Error) throw error.cause;
  throw error;
};

export interface PgErrorInfo {
  code?: string;
  constraint?: string;
}

/** SQLSTATE and constraint of a database error, unwrapped from drizzle's `DrizzleQueryError`. */
export const pgErrorOf = (error: unknown): PgErrorInfo => {
  let current: unknown = error;
  for (let depth = 0; depth < 3 && current instanceof Error; depth++) {
    const candidate = current as Error & { code?: unknown; constraint_name?: unknown; constraint?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      const constraint = candidate.constraint_name ?? candidate.constraint;
      return typeof constraint === 'string' ? { code: candidate.code, constraint } : { code: candidate.code };
    }
    current = candidate.cause;
  }
  return {};
};
