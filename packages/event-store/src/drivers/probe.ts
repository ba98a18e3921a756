import type postgres from 'postgres';
import { StoreUnavailableError } from '../errors/storeUnavailableError.js';

export const hostOf = (sql: postgres.Sql): string => {
  const { host, port, database } = sql.options;
  return `${host.map((h, i) => `${h}:${port[i] ?? port[0]}`).join(',')}/${database}`;
};

/**
 * Runs `SELECT 1`, failing with a `StoreUnavailableError` that names the host. Needed beyond
 * postgres.js's `connect_timeout`: when a connection attempt times out, postgres.js reconnects
 * for the queued query instead of failing it, so a silent host would hang the caller forever.
 * On failure the client is ended (when `owned`), so the reconnect loop stops.
 */
export const probe = async (sql: postgres.Sql, timeoutSeconds: number, owned = true): Promise<void> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no connection within ${timeoutSeconds} s (connect timeout)`)),
      timeoutSeconds * 1000 + 250,
    );
  });
  try {
    await Promise.race([sql`SELECT 1`, timeout]);
  } catch (error) {
    if (owned) await sql.end({ timeout: 0 }).catch(() => {});
    throw new StoreUnavailableError(hostOf(sql), error);
  } finally {
    clearTimeout(timer);
  }
};
