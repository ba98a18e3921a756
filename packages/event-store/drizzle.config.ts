import { defineConfig } from 'drizzle-kit';

/**
 * Generates the SQL migrations committed under ./migrations. The migrations table is the store's
 * own, so services can keep their drizzle migrations in the same database without clashing.
 */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  out: './migrations',
  strict: true,
  verbose: true,
  migrations: { schema: 'drizzle', table: '__causeway_event_store_migrations' },
});
