-- causeway_append_batch as in 0003, plus an optional idempotency record per append, written in the
-- same statement as its events: a command handled in one round trip (no BEGIN, no COMMIT, no
-- separate INSERT) still commits its events and its record together or not at all.
-- An append's "record" is {"key", "requestHash", "response"} with response a JSON object; the
-- stored response gets the append's position (as the store formats it: two 20-digit numbers
-- joined by "-") under "position". New outcome 'key_taken': the key is recorded already; nothing
-- of that append is written. The check runs after the stream locks, so a twin writing the same
-- key to the same stream has committed by then; a twin on another stream may race past it, and
-- then the INSERT's unique violation (idempotency_keys_pkey) fails the whole call, nothing
-- written, and the caller reads the winner's record.
CREATE OR REPLACE FUNCTION causeway_append_batch(p_appends jsonb)
RETURNS TABLE (r_outcome text, r_version integer, r_transaction_id xid8, r_seq bigint)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_key bigint;
  v_append jsonb;
  v_stream text;
  v_expected integer;
  v_events jsonb;
  v_record jsonb;
  v_count integer;
  v_current integer;
  v_first_version integer;
  v_first_stream text;
  v_matches integer;
  v_seq bigint;
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
    v_record := v_append->'record';
    v_count := jsonb_array_length(v_events);

    IF v_record IS NOT NULL AND jsonb_typeof(v_record) = 'object' THEN
      PERFORM 1 FROM idempotency_keys k WHERE k.key = v_record->>'key';
      IF FOUND THEN
        RETURN QUERY SELECT 'key_taken'::text, NULL::integer, NULL::xid8, NULL::bigint;
        CONTINUE;
      END IF;
    END IF;

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
    v_seq := currval('events_seq_seq'::regclass);
    IF v_record IS NOT NULL AND jsonb_typeof(v_record) = 'object' THEN
      INSERT INTO idempotency_keys (key, request_hash, response)
      VALUES (v_record->>'key', v_record->>'requestHash',
              (v_record->'response') || jsonb_build_object('position',
                lpad(pg_current_xact_id()::text, 20, '0') || '-' || lpad(v_seq::text, 20, '0')));
    END IF;
    RETURN QUERY SELECT 'written'::text, v_current + v_count, pg_current_xact_id(), v_seq;
  END LOOP;
END
$$;
