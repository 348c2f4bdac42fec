/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trap_store_pg_schema.c: the PostgreSQL fleet store's schema and its
 * migrations (trap_store_pg.c applies them, in one transaction under an
 * advisory lock, and records the version in schema_version).
 * migrations[v] brings version v to v + 1; append, never edit a released
 * one.
 *
 * Version 1: events, event_keys (idempotency: one row per event ever
 * applied, (receiver, seq)), active_alerts (keyed by source, agent,
 * dev_index, alert_index as in SQLite), and the server side of a batch:
 *   printdev_record_batch(batch, storm_window, storm_limit, retention_days,
 *                         alert_max_age) -> (i, status, event_id, cleared)
 * applies a JSON array of events with the meaning of trap_store.h.  It
 * locks the batch's sources (advisory, sorted), records all keys with one
 * statement, applies the events in order (printdev_record_seq: the storm
 * check is part of the insert; suppressed copies are counted on their
 * stored event with one UPDATE at the end), then prunes history and ages
 * alerts, skipping rows other writers hold.  (A set-based variant for
 * batches where order cannot matter measured no faster: the cost is the
 * index work per row, not the loop.)
 */
#include "config.h"

#include "trap_store_pg_schema.h"

const char *const trap_store_pg_migrations[TRAP_STORE_PG_SCHEMA] = {
    /* 1 */
    "CREATE TABLE events (\n"
    " id bigserial PRIMARY KEY, time bigint NOT NULL, source text NOT NULL,\n"
    " agent text NOT NULL DEFAULT '', device text NOT NULL, severity text NOT NULL,\n"
    " category text NOT NULL, text text NOT NULL, trap_oid text NOT NULL,\n"
    " version text NOT NULL, auth text NOT NULL, varbinds text NOT NULL, dedup_key text,\n"
    " repeats integer NOT NULL DEFAULT 0, last_seen bigint NOT NULL,\n"
    " receiver text NOT NULL, seq bigint NOT NULL) WITH (fillfactor = 80);\n"
    "CREATE INDEX events_time ON events(time);\n"
    "CREATE INDEX events_dedup ON events(source, dedup_key, time);\n"
    "CREATE TABLE event_keys (receiver text NOT NULL, seq bigint NOT NULL,\n"
    " time bigint NOT NULL, PRIMARY KEY (receiver, seq));\n"
    "CREATE INDEX event_keys_time ON event_keys(time);\n"
    "CREATE TABLE active_alerts (\n"
    " source text NOT NULL, agent text NOT NULL DEFAULT '', device text NOT NULL,\n"
    " dev_index bigint NOT NULL, alert_index bigint NOT NULL, severity text NOT NULL,\n"
    " alert_group bigint NOT NULL, group_index bigint NOT NULL, location bigint NOT NULL,\n"
    " code bigint NOT NULL, text text NOT NULL, since bigint NOT NULL,\n"
    " last_seen bigint NOT NULL, PRIMARY KEY (source, agent, dev_index, alert_index))\n"
    " WITH (fillfactor = 80);\n"
    "CREATE INDEX active_alerts_seen ON active_alerts(last_seen);\n"
    "CREATE FUNCTION printdev_batch(b jsonb) RETURNS TABLE (o int, receiver text, seq bigint,\n"
    " \"time\" bigint, source text, agent text, device text, severity text, category text,\n"
    " text text, trap_oid text, version text, auth text, varbinds text, dedup_key text,\n"
    " op int, dev_index bigint, alert_index bigint, alert_severity text, alert_group bigint,\n"
    " group_index bigint, location bigint, code bigint, alert_text text)\n"
    " LANGUAGE sql IMMUTABLE AS $f$\n"
    " SELECT x.o::int, t.* FROM jsonb_array_elements(b) WITH ORDINALITY AS x(j, o),\n"
    "  jsonb_to_record(x.j) AS t(receiver text, seq bigint, time bigint, source text,\n"
    "  agent text, device text, severity text, category text, text text, trap_oid text,\n"
    "  version text, auth text, varbinds text, dedup_key text, op int, dev_index bigint,\n"
    "  alert_index bigint, alert_severity text, alert_group bigint, group_index bigint,\n"
    "  location bigint, code bigint, alert_text text)\n"
    "$f$;\n"
    "CREATE FUNCTION printdev_record_seq(b jsonb, storm_window int, lim int, fresh text[],\n"
    " all_fresh boolean) RETURNS TABLE (i int, status int, event_id bigint, cleared text)\n"
    " LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $f$\n"
    "DECLARE e record; rep_id bigint[] := '{}'; rep_t bigint[] := '{}';\n"
    "BEGIN\n"
    " FOR e IN SELECT * FROM printdev_batch(b) ORDER BY 1 LOOP\n"
    "  i := e.o; cleared := ''; event_id := 0; status := 1;\n"
    "  IF NOT all_fresh AND NOT (e.receiver || '/' || e.seq = ANY (fresh)) THEN\n"
    "   RETURN NEXT; CONTINUE; -- applied before\n"
    "  END IF;\n"
    "  INSERT INTO events (time, source, agent, device, severity, category, text,\n"
    "   trap_oid, version, auth, varbinds, dedup_key, last_seen, receiver, seq)\n"
    "   SELECT e.time, e.source, e.agent, e.device, e.severity, e.category, e.text,\n"
    "   e.trap_oid, e.version, e.auth, e.varbinds, e.dedup_key, e.time, e.receiver, e.seq\n"
    "   WHERE storm_window <= 0 OR e.dedup_key IS NULL OR (SELECT count(*) FROM\n"
    "    (SELECT 1 FROM events v WHERE v.source = e.source AND v.dedup_key = e.dedup_key\n"
    "    AND v.time > e.time - storm_window * 1000::bigint LIMIT lim) w) < lim\n"
    "   RETURNING id INTO event_id;\n"
    "  IF FOUND THEN\n"
    "   status := 0;\n"
    "  ELSE -- counted on the newest stored copy, all at the end\n"
    "   SELECT max(v.id) INTO event_id FROM events v WHERE v.source = e.source\n"
    "    AND v.dedup_key = e.dedup_key AND v.time > e.time - storm_window * 1000::bigint;\n"
    "   rep_id := rep_id || event_id; rep_t := rep_t || e.time;\n"
    "  END IF;\n"
    "  IF e.op = 1 THEN\n"
    "   INSERT INTO active_alerts AS a VALUES (e.source, e.agent, e.device, e.dev_index,\n"
    "    e.alert_index, e.alert_severity, e.alert_group, e.group_index, e.location, e.code,\n"
    "    e.alert_text, e.time, e.time)\n"
    "    ON CONFLICT (source, agent, dev_index, alert_index) DO UPDATE SET\n"
    "    device = excluded.device, severity = excluded.severity,\n"
    "    alert_group = excluded.alert_group, group_index = excluded.group_index,\n"
    "    location = excluded.location, code = excluded.code, text = excluded.text,\n"
    "    since = CASE WHEN a.code = excluded.code AND a.alert_group = excluded.alert_group\n"
    "     THEN a.since ELSE excluded.since END, last_seen = excluded.last_seen;\n"
    "  ELSIF e.op IN (2, 3) THEN\n"
    "   WITH d AS (DELETE FROM active_alerts a WHERE a.source = e.source\n"
    "    AND a.agent = e.agent AND (e.op = 3 OR (a.dev_index = e.dev_index AND\n"
    "    CASE WHEN e.alert_index >= 0 THEN a.alert_index = e.alert_index\n"
    "    ELSE a.alert_group = e.alert_group AND a.group_index = e.group_index\n"
    "     AND a.code = e.code END))\n"
    "    RETURNING a.dev_index, a.alert_index, a.text)\n"
    "   SELECT coalesce(string_agg(d.text || ' (alert ' || d.alert_index || ')', '; '\n"
    "    ORDER BY d.dev_index, d.alert_index), '') INTO cleared FROM d;\n"
    "  END IF;\n"
    "  RETURN NEXT;\n"
    " END LOOP;\n"
    " UPDATE events v SET repeats = v.repeats + c.n, last_seen = greatest(v.last_seen, c.t)\n"
    "  FROM (SELECT u.id, count(*) AS n, max(u.t) AS t FROM unnest(rep_id, rep_t) AS u(id, t)\n"
    "  GROUP BY u.id) c WHERE v.id = c.id;\n"
    "END $f$;\n"
    "CREATE FUNCTION printdev_record_batch(b jsonb, storm_window int, storm_limit int,\n"
    " retention_days int, alert_max_age int)\n"
    " RETURNS TABLE (i int, status int, event_id bigint, cleared text)\n"
    " LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $f$\n"
    "DECLARE lim int := greatest(storm_limit, 1); n int := jsonb_array_length(b);\n"
    " newest bigint; fresh text[];\n"
    "BEGIN\n"
    " -- writers of the same printers take turns; sorted, so no deadlock\n"
    " PERFORM pg_advisory_xact_lock(k) FROM (SELECT DISTINCT\n"
    "  hashtextextended(x->>'source', 0) AS k FROM jsonb_array_elements(b) x ORDER BY 1) ks;\n"
    " -- idempotency: the keys of the batch at once; an event whose key is\n"
    " -- there already was applied before (a replay) and is skipped\n"
    " WITH k AS (INSERT INTO event_keys SELECT x->>'receiver', (x->>'seq')::bigint,\n"
    "  (x->>'time')::bigint FROM jsonb_array_elements(b) x ON CONFLICT DO NOTHING\n"
    "  RETURNING receiver || '/' || seq AS k)\n"
    "  SELECT coalesce(array_agg(k.k), '{}') INTO fresh FROM k;\n"
    " SELECT max(e.time) INTO newest FROM printdev_batch(b) e;\n"
    " RETURN QUERY SELECT * FROM printdev_record_seq(b, storm_window, lim, fresh,\n"
    "  cardinality(fresh) = n);\n"
    " IF retention_days > 0 AND newest IS NOT NULL THEN\n"
    "  DELETE FROM events WHERE id IN (SELECT id FROM events\n"
    "   WHERE time < newest - retention_days * 86400000::bigint FOR UPDATE SKIP LOCKED);\n"
    "  DELETE FROM event_keys WHERE (receiver, seq) IN (SELECT receiver, seq FROM event_keys\n"
    "   WHERE time < newest - retention_days * 86400000::bigint FOR UPDATE SKIP LOCKED);\n"
    " END IF;\n"
    " IF alert_max_age > 0 AND newest IS NOT NULL THEN\n"
    "  DELETE FROM active_alerts WHERE (source, agent, dev_index, alert_index) IN\n"
    "   (SELECT source, agent, dev_index, alert_index FROM active_alerts\n"
    "   WHERE last_seen < newest - alert_max_age * 1000::bigint FOR UPDATE SKIP LOCKED);\n"
    " END IF;\n"
    "END $f$;\n",
};
