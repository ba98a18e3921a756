-- Replaces causeway_append with a batch form: the store sends every append waiting while its
-- previous call was in flight as one call (one round trip, one commit), while each append keeps
-- its own outcome. p_appends: a JSON array of {"streamId", "expected", "events"} where expected
-- is NULL = any, -1 = the stream must exist, n >= 0 = the stream must be at version n (0 = must
-- not exist), and events are envelopes without version, validated by the caller. One row per
-- append, in order: outcome 'written' (its last event's version and position), 'duplicate'
-- (every id was stored by an earlier identical append: that append's last version and
-- position; nothing written), 'conflict' (the stream's actual version; nothing written) or
-- 'id_conflict' (some ids are stored, but not as this append; nothing written).
--
-- Ordering argument: every stream lock of the call is taken first, in key order (so two calls
-- cannot deadlock), and takes no transaction id; the id is assigned by the first write, after
-- all of them. Whoever appended to one of these streams before committed before we got its lock,
-- with a smaller transaction id; whoever appends after waits for our commit, and gets a larger
-- one. So readers ordering by (transaction_id, seq) see each stream's versions in order. The
-- function refuses to run in a transaction that has written already (its id could predate the
-- locks). Being VOLATILE, each statement takes a fresh snapshot under READ COMMITTED, so the
-- versions read after the locks include every append that held them before.
DROP FUNCTION causeway_append(text, integer, jsonb);
--> statement-breakpoint
CREATE FUNCTION causeway_append_batch(p_appends jsonb)
RETURNS TABLE (r_outcome text, r_version integer, r_transaction_id xid8, r_seq bigint)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_key bigint;
  v_append jsonb;
  v_stream text;
  v_expected integer;
  v_events jsonb;
  v_count integer;
  v_current integer;
  v_first_version integer;
  v_first_stream text;
  v_matches integer;
BEGIN
  IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION 'append must come before any other write of its transaction'
      USING ERRCODE = 'object_not_in_prerequisite_state',
            HINT = 'Append first, then write the rest (a transaction id taken before the stream lock could reorder the stream).';
  END IF;
  FOR v_key IN
    SELECT DISTINCT hashtextextended(a->>'streamId', 0) FROM jsonb_array_elements(p_appends) a ORDER BY 1
  LOOP
    PERFORM pg_advisory_xact_lock(v_key);
  END LOOP;

  FOR v_append IN SELECT a FROM jsonb_array_elements(p_appends) WITH ORDINALITY AS x(a, ord) ORDER BY x.ord LOOP
    v_stream := v_append->>'streamId';
    v_expected := (v_append->>'expected')::integer;
    v_events := v_append->'events';
    v_count := jsonb_array_length(v_events);

    -- Idempotent retry: probing the first id is enough on the happy path; a later id stored
    -- elsewhere fails the insert below on events_id_key (and the caller retries the batch's
    -- appends one by one, so only that append fails).
    SELECT e.stream_id, e.version INTO v_first_stream, v_first_version
      FROM events e WHERE e.id = (v_events->0->>'id')::uuid;
    IF FOUND THEN
      SELECT count(*) INTO v_matches
        FROM jsonb_array_elements(v_events) WITH ORDINALITY AS x(value, ord)
        JOIN events e ON e.id = (x.value->>'id')::uuid
       WHERE e.stream_id = v_stream AND e.version = v_first_version + x.ord::integer - 1;
      IF v_first_stream = v_stream AND v_matches = v_count THEN
        RETURN QUERY SELECT 'duplicate'::text, e.version, e.transaction_id, e.seq
          FROM events e WHERE e.stream_id = v_stream AND e.version = v_first_version + v_count - 1;
      ELSE
        RETURN QUERY SELECT 'id_conflict'::text, NULL::integer, NULL::xid8, NULL::bigint;
      END IF;
      CONTINUE;
    END IF;

    SELECT s.version INTO v_current FROM streams s WHERE s.stream_id = v_stream;
    v_current := coalesce(v_current, 0);
    IF (v_expected = -1 AND v_current = 0) OR (v_expected >= 0 AND v_expected <> v_current) THEN
      RETURN QUERY SELECT 'conflict'::text, v_current, NULL::xid8, NULL::bigint;
      CONTINUE;
    END IF;

    INSERT INTO streams AS s (stream_id, version) VALUES (v_stream, v_current + v_count)
      ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version;
    -- Sequence values are drawn in ORDER BY order, so a stream's versions ascend with seq.
    INSERT INTO events (stream_id, version, id, type, aggregate_type, aggregate_id, schema_version,
                        "timestamp", payload, metadata)
    SELECT v_stream, v_current + x.ord::integer, (x.value->>'id')::uuid, x.value->>'type',
           x.value->>'aggregateType', x.value->>'aggregateId', (x.value->>'schemaVersion')::integer,
           (x.value->>'timestamp')::timestamptz, x.value->'payload', x.value->'metadata'
      FROM jsonb_array_elements(v_events) WITH ORDINALITY AS x(value, ord)
     ORDER BY x.ord;
    RETURN QUERY SELECT 'written'::text, v_current + v_count, pg_current_xact_id(), currval('events_seq_seq'::regclass);
  END LOOP;
END
$$;
