import { defineConfig } from 'drizzle-kit';

/**
 * Generates the read model's SQL migrations, committed under ./migrations. They share the database
 * with the event store's, so they are tracked in a migrations table of their own.
 */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  out: './migrations',
  strict: true,
  verbose: true,
  migrations: { schema: 'drizzle', table: '__query_migrations' },
});
