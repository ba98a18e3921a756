-- append in one round trip. p_expected: NULL = any, -1 = the stream must exist, n >= 0 = the
-- stream must be at version n (0 = must not exist). p_events: a JSON array of envelopes without
-- version, already validated by the caller. Returns one row: outcome 'written' (the last event's
-- version and position), 'duplicate' (every id was stored by an earlier identical append: its
-- last event's version and position; nothing written), 'conflict' (the stream's actual version;
-- nothing written) or 'id_conflict' (some ids are stored, but not as this append).
--
-- Ordering argument: the per-stream advisory lock is the first thing taken and takes no
-- transaction id; the id is assigned by the first write, after it. So for two appends to one
-- stream, the one that writes first also has the smaller transaction id, and readers ordering
-- by (transaction_id, seq) see a stream's versions in order. The function refuses to run in a
-- transaction that has written already (its transaction id could predate the lock). Being
-- VOLATILE, each statement takes a fresh snapshot under READ COMMITTED, so the version read
-- after the lock includes every append that held it before.
CREATE FUNCTION causeway_append(p_stream_id text, p_expected integer, p_events jsonb)
RETURNS TABLE (r_outcome text, r_version integer, r_transaction_id xid8, r_seq bigint)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_count integer := jsonb_array_length(p_events);
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
  PERFORM pg_advisory_xact_lock(hashtextextended(p_stream_id, 0));

  -- Idempotent retry: probing the first id is enough on the happy path; a later id stored
  -- elsewhere fails the insert below on events_id_key.
  SELECT e.stream_id, e.version INTO v_first_stream, v_first_version
    FROM events e WHERE e.id = (p_events->0->>'id')::uuid;
  IF FOUND THEN
    SELECT count(*) INTO v_matches
      FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(value, ord)
      JOIN events e ON e.id = (x.value->>'id')::uuid
     WHERE e.stream_id = p_stream_id AND e.version = v_first_version + x.ord::integer - 1;
    IF v_first_stream = p_stream_id AND v_matches = v_count THEN
      RETURN QUERY SELECT 'duplicate'::text, e.version, e.transaction_id, e.seq
        FROM events e WHERE e.stream_id = p_stream_id AND e.version = v_first_version + v_count - 1;
    ELSE
      RETURN QUERY SELECT 'id_conflict'::text, NULL::integer, NULL::xid8, NULL::bigint;
    END IF;
    RETURN;
  END IF;

  SELECT s.version INTO v_current FROM streams s WHERE s.stream_id = p_stream_id;
  v_current := coalesce(v_current, 0);
  IF (p_expected = -1 AND v_current = 0) OR (p_expected >= 0 AND p_expected <> v_current) THEN
    RETURN QUERY SELECT 'conflict'::text, v_current, NULL::xid8, NULL::bigint;
    RETURN;
  END IF;

  INSERT INTO streams AS s (stream_id, version) VALUES (p_stream_id, v_current + v_count)
    ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version;

  RETURN QUERY
    WITH inserted AS (
      INSERT INTO events (stream_id, version, id, type, aggregate_type, aggregate_id, schema_version,
                          "timestamp", payload, metadata)
      SELECT p_stream_id, v_current + x.ord::integer, (x.value->>'id')::uuid, x.value->>'type',
             x.value->>'aggregateType', x.value->>'aggregateId', (x.value->>'schemaVersion')::integer,
             (x.value->>'timestamp')::timestamptz, x.value->'payload', x.value->'metadata'
        FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(value, ord)
       ORDER BY x.ord
      RETURNING events.version, events.transaction_id, events.seq
    )
    SELECT 'written'::text, i.version, i.transaction_id, i.seq FROM inserted i ORDER BY i.seq DESC LIMIT 1;
END
$$;
