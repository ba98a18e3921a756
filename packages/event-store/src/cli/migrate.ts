#!/usr/bin/env node
import { migrate } from '../migrate.js';

/**
 * `pnpm --filter @causeway/event-store db:migrate` (or the `causeway-event-store-migrate` bin):
 * applies the migrations to `DATABASE_URL` (or the URL given as the first argument) and exits
 * non-zero on any failure.
 */
const url = process.argv[2] ?? process.env.DATABASE_URL;
if (!url) {
  console.error(
    'causeway-event-store-migrate: set DATABASE_URL or pass the database URL as the first argument',
  );
  process.exit(2);
}
try {
  await migrate({ url });
  console.log(`event store migrations applied to ${new URL(url).host}${new URL(url).pathname}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
