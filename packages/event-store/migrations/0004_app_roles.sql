-- Least privilege. Two NOLOGIN group roles: causeway_owner (runs migrations, owns the schema) and
-- causeway_app (what the services connect as). Login users join them:
--   CREATE ROLE command_svc LOGIN PASSWORD '…' IN ROLE causeway_app;
-- Roles are cluster-wide, so this runs once per database, possibly in many databases at once:
-- create if missing, and take a concurrent creation (duplicate_object / unique_violation) as done.
DO $$
DECLARE
  role_name text;
BEGIN
  FOREACH role_name IN ARRAY ARRAY['causeway_owner', 'causeway_app'] LOOP
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = role_name) THEN
      BEGIN
        EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL;
      END;
    END IF;
  END LOOP;
END
$$;
--> statement-breakpoint
-- The log: read and append, never rewrite. UPDATE, DELETE and TRUNCATE are not granted (and are
-- revoked should a default privilege have granted them), so they fail with permission denied
-- before the append-only triggers are even reached.
GRANT SELECT, INSERT ON events TO causeway_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON events FROM causeway_app;
--> statement-breakpoint
-- Stream heads are upserted by the append; snapshots, checkpoints, idempotency records and dead
-- letters are the services' working state.
GRANT SELECT, INSERT, UPDATE ON streams TO causeway_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON snapshots, checkpoints, idempotency_keys, dead_letters TO causeway_app;
--> statement-breakpoint
-- Sequences and the schema itself; then tables and sequences the migrating user creates later in
-- this schema (read models, saga state, subscriber streams: the services' own migrations) are
-- readable and writable by causeway_app without each migration granting them. Never TRUNCATE.
DO $$
BEGIN
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO causeway_app', current_schema());
  EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO causeway_app', current_schema());
  EXECUTE format(
    'ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO causeway_app',
    current_schema()
  );
  EXECUTE format(
    'ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO causeway_app',
    current_schema()
  );
END
$$;
