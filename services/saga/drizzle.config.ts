import { defineConfig } from 'drizzle-kit';

/**
 * Generates the SQL migrations committed under ./migrations: the saga service's own tables (saga state and history),
 * tracked in a migrations table of their own so they never collide with the event store's (or
 * another service's) in a shared database.
 */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  out: './migrations',
  strict: true,
  verbose: true,
  migrations: { schema: 'drizzle', table: '__causeway_saga_migrations' },
});
