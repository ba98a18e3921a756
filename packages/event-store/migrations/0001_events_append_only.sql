-- The log is append-only: the database itself refuses to change or remove an event, whoever asks.
CREATE FUNCTION causeway_refuse_event_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'events are append-only: % on %.% is refused', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
    USING ERRCODE = 'restrict_violation',
          HINT = 'Correct a past event by appending a new one.';
END
$$;
--> statement-breakpoint
-- Statement-level, so an UPDATE or DELETE matching no row is refused too (and TRUNCATE has no rows).
CREATE TRIGGER events_refuse_update_delete
  BEFORE UPDATE OR DELETE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION causeway_refuse_event_change();
--> statement-breakpoint
CREATE TRIGGER events_refuse_truncate
  BEFORE TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION causeway_refuse_event_change();
