import postgres from 'postgres';

/** Creates the database named in `url` when it is missing, connecting to the server's `postgres` database. */
export const ensureDatabase = async (url: string): Promise<'created' | 'exists'> => {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!name) throw new Error('DATABASE_URL names no database');
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const sql = postgres(admin.toString(), { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    const [row] = await sql`SELECT 1 AS found FROM pg_database WHERE datname = ${name}`;
    if (row) return 'exists';
    await sql`CREATE DATABASE ${sql(name)}`.catch((error: { code?: string }) => {
      if (error.code !== '42P04') throw error; // created meanwhile by another process
    });
    return 'created';
  } finally {
    await sql.end({ timeout: 5 });
  }
};
