import { ValidationError } from '@causeway/kernel';
import { and, eq, sql } from 'drizzle-orm';
import { assertStreamId } from '../append/validateAppend.js';
import { type StoreDatabase, unwrapQueryError } from '../db.js';
import type { StoredSnapshot } from '../eventStore.js';
import { snapshots } from '../schema/snapshots.js';

const assertVersion = (value: unknown, path: string, min: number) => {
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > 2_147_483_647) {
    throw new ValidationError('snapshot', [{ path, message: `must be an integer >= ${min}` }]);
  }
};

/** Keeps the newest snapshot per (stream, state schema version): an older one never replaces a newer. */
export const saveSnapshot = async <State>(
  db: StoreDatabase,
  streamId: string,
  snapshot: StoredSnapshot<State>,
): Promise<void> => {
  assertStreamId(streamId, 'snapshot');
  assertVersion(snapshot.version, 'version', 1);
  assertVersion(snapshot.schemaVersion, 'schemaVersion', 1);
  if (snapshot.state === undefined) {
    throw new ValidationError('snapshot', [{ path: 'state', message: 'is required' }]);
  }
  await db
    .insert(snapshots)
    .values({
      streamId,
      schemaVersion: snapshot.schemaVersion,
      version: snapshot.version,
      state: snapshot.state,
    })
    .onConflictDoUpdate({
      target: [snapshots.streamId, snapshots.schemaVersion],
      set: { version: sql`excluded.version`, state: sql`excluded.state`, createdAt: sql`now()` },
      setWhere: sql`${snapshots.version} <= excluded.version`,
    })
    .prepare('causeway_save_snapshot')
    .execute()
    .catch(unwrapQueryError);
};

/** The stream's snapshot for this state schema version; one taken with another schema version is not returned. */
export const loadSnapshot = async <State>(
  db: StoreDatabase,
  streamId: string,
  schemaVersion: number,
): Promise<StoredSnapshot<State> | undefined> => {
  assertStreamId(streamId, 'snapshot');
  assertVersion(schemaVersion, 'schemaVersion', 1);
  const [row] = await db
    .select({ version: snapshots.version, state: snapshots.state })
    .from(snapshots)
    .where(and(eq(snapshots.streamId, streamId), eq(snapshots.schemaVersion, schemaVersion)))
    .prepare('causeway_load_snapshot')
    .execute()
    .catch(unwrapQueryError);
  return row ? { state: row.state as State, version: row.version, schemaVersion } : undefined;
};
