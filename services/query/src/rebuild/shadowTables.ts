import { queryRows, type StoreDatabase, type StoreTransaction } from '@causeway/event-store';
import { CausewayError } from '@causeway/kernel';
import { sql } from 'drizzle-orm';

/** The read model's tables; each is rebuilt into `<name>_next` and swapped in. */
export const READ_MODEL_TABLES = ['order_summaries', 'order_payments'] as const;
export type ReadModelTable = (typeof READ_MODEL_TABLES)[number];

export const shadowName = (table: ReadModelTable): string => `${table}_next`;

export class RebuildInProgressError extends CausewayError {
  readonly code = 'REBUILD_IN_PROGRESS';

  constructor(table: string) {
    super(
      `${table} exists: another rebuild is running, or one was killed. Run again with --force to discard it.`,
    );
  }
}

interface IndexRow {
  name: string;
  definition: string;
  primary: boolean;
}

const indexesOf = (db: StoreDatabase, table: string): Promise<IndexRow[]> =>
  queryRows<IndexRow>(
    db,
    sql`SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition, x.indisprimary AS primary
          FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
         WHERE x.indrelid = to_regclass(${table})
         ORDER BY i.relname`,
  );

/** `CREATE [UNIQUE] INDEX name ON table USING ...` rewritten for the shadow table, named `<name>_next`. */
const shadowIndex = (index: IndexRow, shadow: string) => {
  const match = /^CREATE (UNIQUE )?INDEX \S+ ON \S+ (USING .+)$/.exec(index.definition);
  if (!match) throw new Error(`Unexpected index definition: ${index.definition}`);
  return sql.raw(`CREATE ${match[1] ?? ''}INDEX "${index.name}_next" ON "${shadow}" ${match[2]}`);
};

/**
 * Creates the empty shadow tables: columns, defaults and CHECKs copied from the live tables, with
 * only the primary key (upserts need it). Secondary indexes come after the load (`indexShadowTables`),
 * which is faster than maintaining them row by row.
 */
export const createShadowTables = async (db: StoreDatabase, options: { force?: boolean } = {}) => {
  // All checked before anything is created: a refused rebuild leaves no table of its own behind.
  for (const table of READ_MODEL_TABLES) {
    const shadow = shadowName(table);
    const [existing] = await queryRows<{ found: string | null }>(
      db,
      sql`SELECT to_regclass(${shadow})::text AS found`,
    );
    if (existing?.found && !options.force) throw new RebuildInProgressError(shadow);
  }
  await dropShadowTables(db);
  for (const table of READ_MODEL_TABLES) {
    const shadow = shadowName(table);
    await db.execute(sql.raw(`CREATE TABLE "${shadow}" (LIKE "${table}" INCLUDING ALL EXCLUDING INDEXES)`));
    for (const index of await indexesOf(db, table)) {
      if (!index.primary) continue;
      await db.execute(shadowIndex(index, shadow));
      await db.execute(
        sql.raw(
          `ALTER TABLE "${shadow}" ADD CONSTRAINT "${index.name}_next" PRIMARY KEY USING INDEX "${index.name}_next"`,
        ),
      );
    }
  }
};

export const indexShadowTables = async (db: StoreDatabase) => {
  for (const table of READ_MODEL_TABLES) {
    for (const index of await indexesOf(db, table)) {
      if (!index.primary) await db.execute(shadowIndex(index, shadowName(table)));
    }
  }
};

export const dropShadowTables = async (db: StoreDatabase) => {
  for (const table of READ_MODEL_TABLES)
    await db.execute(sql.raw(`DROP TABLE IF EXISTS "${shadowName(table)}"`));
};

/**
 * Replaces each live table by its shadow, inside the caller's transaction: drop, rename, and give
 * every index (and the primary key constraint, which follows its index) its canonical name back,
 * so later migrations find the names they expect. Readers wait for the locks only for this moment.
 */
export const swapInShadowTables = async (tx: StoreTransaction) => {
  await tx.execute(sql`SET LOCAL lock_timeout = '10s'`);
  for (const table of READ_MODEL_TABLES) {
    const shadow = shadowName(table);
    const indexes = await indexesOf(tx, shadow);
    await tx.execute(sql.raw(`DROP TABLE "${table}"`));
    await tx.execute(sql.raw(`ALTER TABLE "${shadow}" RENAME TO "${table}"`));
    for (const index of indexes) {
      await tx.execute(
        sql.raw(`ALTER INDEX "${index.name}" RENAME TO "${index.name.replace(/_next$/, '')}"`),
      );
    }
  }
};
