import { defineConfig } from 'drizzle-kit';

/**
 * Generates the SQL migrations committed under ./migrations: the tables this package keeps beside
 * the event store's, tracked in a migrations table of their own.
 */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  out: './migrations',
  strict: true,
  verbose: true,
  migrations: { schema: 'drizzle', table: '__causeway_jetstream_migrations' },
});
