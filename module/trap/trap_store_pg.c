/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trap_store_pg.c: the fleet store in PostgreSQL (libpq), shared by several
 * receivers on different hosts (see trap_store.h for the meaning of a
 * record; this file keeps it across concurrent writers).
 *
 * One round trip per batch: the batch goes to the server function
 * printdev_record_batch() (trap_store_pg_schema.c) as one JSON array (json
 * text written here by hand, parsed once on the server), which applies the
 * events with the meaning of applying them in order, inside the
 * statement's transaction (set-based when that gives the same result),
 * and returns one row per event (status, event id, what a removal cleared).
 *
 * Concurrency: the function first takes a transaction-level advisory lock
 * per distinct source of the batch, in sorted order (no deadlock between
 * two batches).  Storm control and alert rows are per source, so two
 * receivers recording the same printer take turns exactly as SQLite's
 * single writer does, while receivers with different printers proceed in
 * parallel.  Pruning and ageing skip rows another writer holds (FOR UPDATE
 * SKIP LOCKED).
 *
 * Idempotency: every event carries a key (receiver, seq): the receiver
 * name plus a random incarnation id of this process, and a counter.
 * Events of one incarnation reach the server in seq order (a spooled batch
 * is replayed before anything newer is sent), so the server keeps one
 * high-water mark per incarnation (table receivers, updated with the
 * batch) and skips an event at or below it: an event is applied once even
 * when a batch was committed but its answer was lost and the batch is sent
 * again from the spool.
 *
 * While PostgreSQL cannot take writes (unreachable, shutting down, read
 * only, out of disk), a batch goes to the local spool (trap_store_spool.h)
 * durably and is acknowledged from there; the first batch after PostgreSQL
 * is back replays the spool, oldest first, before its own events.
 * Reconnects are tried at most every TRAP_STORE_PG_RETRY_MS.
 *
 * Schema versioning: table schema_version; trap_store_pg_migrations[]
 * bring a database up to TRAP_STORE_PG_SCHEMA, under an advisory lock, in
 * one transaction.  Readers (printdev-alerts) need the current version.
 */
#include "prt_text.h"
#include "config.h"

#include "trap_store.h"
#include "trap_store_impl.h"
#include "trap_store_pg_schema.h"
#include "trap_store_spool.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include <libpq-fe.h>

#define PG_SCHEMA_LOCK 0x70726e7464657631LL /* advisory lock key of migrations */
#define PG_REPLAY_CHUNK 1000

struct pg_store {
    struct trap_store b;
    PGconn *conn;
    int64_t retry_at_ms; /* no PostgreSQL attempt before (monotonic) */
    int spooling;        /* the last batch went to the spool */
    int last_transient;  /* the last failed statement may work later */
    int64_t aged_at_ms;  /* next alert ageing (monotonic) */
    char why[320];       /* the last PostgreSQL failure, for the spool's notice */
    char key[160];       /* receiver "/" incarnation */
    int64_t seq;
    struct trap_spool *spool;
    char *spool_path;
    char conninfo[];
};

static int64_t mono_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The server's message, one line. */
static void set_err(struct pg_store *s, const char *what, const PGresult *r)
{
    const char *m = r ? PQresultErrorMessage(r) : "";
    char *nl;

    if (!m || !*m)
        m = s->conn ? PQerrorMessage(s->conn) : "no connection";
    snprintf(s->b.err, sizeof(s->b.err), "PostgreSQL: %s: %s", what, m);
    if ((nl = strchr(s->b.err, '\n')) != NULL) /* the first line says it */
        *nl = '\0';
    snprintf(s->why, sizeof(s->why), "%.300s", s->b.err);
}

static void quiet(void *arg, const char *message)
{
    (void)arg;
    (void)message; /* NOTICEs of our own DDL ("already exists, skipping") */
}

/* Will PostgreSQL take this later (connection, shutdown, read only, disk
 * full, lock conflict)?  Then the batch is spooled instead of failing. */
static int transient(const struct pg_store *s, const PGresult *r)
{
    const char *st = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;

    if (!s->conn || PQstatus(s->conn) != CONNECTION_OK || !st)
        return 1;
    return strncmp(st, "08", 2) == 0 || strncmp(st, "53", 2) == 0 || strncmp(st, "57", 2) == 0 ||
           strncmp(st, "58", 2) == 0 || strcmp(st, "25006") == 0 || strcmp(st, "40001") == 0 ||
           strcmp(st, "40P01") == 0;
}

static int exec_ok(struct pg_store *s, const char *sql, const char *what)
{
    PGresult *r = PQexec(s->conn, sql);
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;

    if (!ok) {
        set_err(s, what, r);
        s->last_transient = transient(s, r);
    }
    PQclear(r);
    return ok ? 0 : -1;
}

/* Reads schema_version: 0 when the table or its row is missing. */
static int schema_version(struct pg_store *s, int *v)
{
    PGresult *r = PQexec(s->conn, "SELECT max(version) FROM schema_version");
    int rc = 0;

    *v = 0;
    if (PQresultStatus(r) == PGRES_TUPLES_OK) {
        if (!PQgetisnull(r, 0, 0))
            *v = atoi(PQgetvalue(r, 0, 0));
    } else {
        const char *st = PQresultErrorField(r, PG_DIAG_SQLSTATE);
        if (!st || strcmp(st, "42P01") != 0) { /* undefined_table: no schema */
            set_err(s, "reading schema version", r);
            s->last_transient = transient(s, r);
            rc = -1;
        }
    }
    PQclear(r);
    return rc;
}

static int setup_schema(struct pg_store *s)
{
    char sql[96];
    int v, rc = TRAP_STORE_ESCHEMA;

    /* the usual case first, read-only: it also works on a read-only
     * database or standby (writes are spooled then) */
    if (schema_version(s, &v) < 0)
        return TRAP_STORE_EDB;
    if (v == TRAP_STORE_PG_SCHEMA)
        return TRAP_STORE_OK;
    if (v > TRAP_STORE_PG_SCHEMA || s->b.readonly) {
        snprintf(s->b.err, sizeof(s->b.err),
                 v > TRAP_STORE_PG_SCHEMA
                     ? "PostgreSQL schema version %d is newer than this program's (%d)"
                 : v ? "PostgreSQL schema version %d is older than this program's (%d);"
                       " the next receiver that writes migrates it"
                     : "PostgreSQL database has no printdev schema",
                 v, TRAP_STORE_PG_SCHEMA);
        return TRAP_STORE_ESCHEMA;
    }
    snprintf(sql, sizeof(sql), "BEGIN; SELECT pg_advisory_xact_lock(%lld)",
             (long long)PG_SCHEMA_LOCK);
    if (exec_ok(s, sql, "schema") < 0 ||
        exec_ok(s, "CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)",
                "schema") < 0 ||
        schema_version(s, &v) < 0) { /* again, under the lock */
        rc = TRAP_STORE_EDB;
        goto out;
    }
    if (v > TRAP_STORE_PG_SCHEMA) {
        snprintf(s->b.err, sizeof(s->b.err),
                 "PostgreSQL schema version %d is newer than this program's (%d)", v,
                 TRAP_STORE_PG_SCHEMA);
        goto out;
    }
    for (; v < TRAP_STORE_PG_SCHEMA; v++) {
        if (exec_ok(s, trap_store_pg_migrations[v], "migrating the schema") < 0) {
            rc = TRAP_STORE_EDB;
            goto out;
        }
        snprintf(sql, sizeof(sql),
                 "DELETE FROM schema_version; INSERT INTO schema_version"
                 " VALUES (%d)",
                 v + 1);
        if (exec_ok(s, sql, "schema") < 0) {
            rc = TRAP_STORE_EDB;
            goto out;
        }
    }
    if (exec_ok(s, "COMMIT", "schema") == 0)
        return TRAP_STORE_OK;
    rc = TRAP_STORE_EDB;
out:
    exec_ok(s, "ROLLBACK", "schema");
    return rc;
}

/* Connects when not connected and the retry time has come.  1 connected,
 * 0 not (yet), negative: connected, but the schema is unusable. */
static int ensure_connected(struct pg_store *s)
{
    static const char *const keys[] = {"connect_timeout", "application_name", "dbname", NULL};
    const char *vals[] = {"5", "printdev", s->conninfo, NULL};
    int rc;

    if (s->conn && PQstatus(s->conn) == CONNECTION_OK)
        return mono_ms() >= s->retry_at_ms || !s->spooling;
    if (mono_ms() < s->retry_at_ms)
        return 0;
    PQfinish(s->conn);
    s->conn = PQconnectdbParams(keys, vals, 1);
    if (!s->conn || PQstatus(s->conn) != CONNECTION_OK) {
        set_err(s, "connect", NULL);
        s->retry_at_ms = mono_ms() + TRAP_STORE_PG_RETRY_MS;
        return 0;
    }
    PQsetNoticeProcessor(s->conn, quiet, NULL);
    s->last_transient = 0;
    if ((rc = setup_schema(s)) < 0) {
        if (rc == TRAP_STORE_EDB && s->last_transient) {
            PQfinish(s->conn); /* connect (and migrate) again later */
            s->conn = NULL;
            s->retry_at_ms = mono_ms() + TRAP_STORE_PG_RETRY_MS;
            return 0;
        }
        return rc;
    }
    return 1;
}

/* The JSON text of a batch item, built by hand: with 1000 events per
 * batch a JSON library's object tree cost more than the rest of the
 * client. */
struct jbuf {
    char *p;
    size_t len, cap;
    int oom;
};

static void jb_put(struct jbuf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 1024;
        char *p;

        while (b->len + n + 1 > cap)
            cap *= 2;
        if (!(p = realloc(b->p, cap))) {
            b->oom = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

/* s as a JSON string; when s is not UTF-8, every byte >= 0x80 becomes
 * the text \xHH (PostgreSQL text must be UTF-8). */
static void jb_strval(struct jbuf *b, const char *s)
{
    const unsigned char *p, *run;
    int raw;
    char esc[8];

    s = trap_store_nz(s);
    raw = prt_text_utf8_valid(s, strlen(s));
    jb_put(b, "\"", 1);
    for (p = run = (const unsigned char *)s;; p++) {
        int plain = *p >= 0x20 && *p != '"' && *p != '\\' && (raw || *p < 0x80);
        if (*p && plain)
            continue;
        jb_put(b, (const char *)run, (size_t)(p - run));
        if (!*p)
            break;
        if (*p == '"' || *p == '\\')
            snprintf(esc, sizeof(esc), "\\%c", *p);
        else if (*p < 0x20)
            snprintf(esc, sizeof(esc), "\\u%04x", *p);
        else
            snprintf(esc, sizeof(esc), "\\\\x%02x", *p);
        jb_put(b, esc, strlen(esc));
        run = p + 1;
    }
    jb_put(b, "\"", 1);
}

/* ,"key":"s" */
static void jb_str(struct jbuf *b, const char *key, const char *s)
{
    jb_put(b, ",\"", 2);
    jb_put(b, key, strlen(key));
    jb_put(b, "\":", 2);
    jb_strval(b, s);
}

static void jb_int(struct jbuf *b, const char *key, int64_t v)
{
    char num[48];
    int n = snprintf(num, sizeof(num), ",\"%s\":%" PRId64, key, v);

    jb_put(b, num, (size_t)n);
}

/* One event as the server function's JSON object (with its key). */
static char *event_item(struct pg_store *s, const struct trap_store_event *ev)
{
    struct jbuf b = {0};

    jb_put(&b, "{\"receiver\":", 12);
    jb_strval(&b, s->key);
    jb_int(&b, "seq", ++s->seq);
    jb_int(&b, "time", ev->time_ms);
    jb_str(&b, "source", ev->source);
    jb_str(&b, "agent", trap_store_agent_of(ev));
    jb_str(&b, "device", ev->device ? ev->device : ev->source);
    jb_str(&b, "severity", ev->severity);
    jb_str(&b, "category", ev->category);
    jb_str(&b, "text", ev->text);
    jb_str(&b, "trap_oid", ev->trap_oid);
    jb_str(&b, "version", ev->version);
    jb_str(&b, "auth", ev->auth);
    jb_str(&b, "varbinds", ev->varbinds ? ev->varbinds : "[]");
    if (ev->dedup_key && *ev->dedup_key)
        jb_str(&b, "dedup_key", ev->dedup_key);
    else
        jb_put(&b, ",\"dedup_key\":null", 17);
    jb_int(&b, "op", ev->alert_op);
    jb_int(&b, "dev_index", ev->dev_index);
    jb_int(&b, "alert_index", ev->alert_index);
    jb_str(&b, "alert_severity", ev->alert_severity ? ev->alert_severity : ev->severity);
    jb_int(&b, "alert_group", ev->group);
    jb_int(&b, "group_index", ev->group_index);
    jb_int(&b, "location", ev->location);
    jb_int(&b, "code", ev->code);
    jb_str(&b, "alert_text", ev->alert_text ? ev->alert_text : ev->text);
    if (ev->name_cleared)
        jb_put(&b, ",\"nc\":true", 10);
    jb_put(&b, "}", 1);
    if (b.oom) {
        free(b.p);
        return NULL;
    }
    return b.p;
}

static char *join_items(char *const *items, size_t n)
{
    size_t len = 2, i, at = 1;
    char *buf;

    for (i = 0; i < n; i++)
        len += strlen(items[i]) + 1;
    if (!(buf = malloc(len + 1)))
        return NULL;
    buf[0] = '[';
    for (i = 0; i < n; i++) {
        size_t l = strlen(items[i]);
        if (i)
            buf[at++] = ',';
        memcpy(buf + at, items[i], l);
        at += l;
    }
    buf[at++] = ']';
    buf[at] = '\0';
    return buf;
}

struct send_ctx {
    struct pg_store *s;
    const struct trap_store_opts *o;
    struct trap_store_result *res;
    size_t n;
};

/* Sends one JSON array.  0 committed; 1 PostgreSQL cannot take it now;
 * TRAP_STORE_EDB otherwise (message in the store). */
static int send_json(void *arg, const char *json)
{
    struct send_ctx *c = arg;
    struct pg_store *s = c->s;
    char p[4][16];
    const char *vals[5] = {json, p[0], p[1], p[2], p[3]};
    PGresult *r;
    int i, rows;

    snprintf(p[0], sizeof(p[0]), "%d", c->o->storm_window);
    snprintf(p[1], sizeof(p[1]), "%d", c->o->storm_limit);
    snprintf(p[2], sizeof(p[2]), "%d",
             c->o->retention_days ? c->o->retention_days : TRAP_STORE_DEFAULT_RETENTION);
    /* ageing scans active_alerts (no index on last_seen keeps refreshes
     * cheap): at most once a second per connection */
    snprintf(p[3], sizeof(p[3]), "%d", mono_ms() >= s->aged_at_ms ? c->o->alert_max_age : 0);
    r = PQexecParams(s->conn,
                     "SELECT i, status, event_id, cleared FROM"
                     " printdev_record_batch($1::json, $2::int, $3::int, $4::int, $5::int)",
                     5, NULL, vals, NULL, NULL, 0);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        int t = transient(s, r);
        set_err(s, "recording", r);
        PQclear(r);
        return t ? 1 : TRAP_STORE_EDB;
    }
    if (c->o->alert_max_age > 0 && mono_ms() >= s->aged_at_ms)
        s->aged_at_ms = mono_ms() + 1000;
    rows = PQntuples(r);
    for (i = 0; c->res && i < rows; i++) {
        long k = atol(PQgetvalue(r, i, 0)) - 1;
        if (k < 0 || (size_t)k >= c->n)
            continue;
        c->res[k].status = atoi(PQgetvalue(r, i, 1));
        c->res[k].event_id = strtoll(PQgetvalue(r, i, 2), NULL, 10);
        snprintf(c->res[k].cleared, sizeof(c->res[k].cleared), "%s", PQgetvalue(r, i, 3));
        if (strlen(PQgetvalue(r, i, 3)) >= sizeof(c->res[k].cleared))
            memcpy(c->res[k].cleared + sizeof(c->res[k].cleared) - 4, "...", 4);
    }
    PQclear(r);
    return 0;
}

/* Replays the spool when it has anything.  0 done (or nothing), 1
 * PostgreSQL went away meanwhile, negative on errors. */
static int replay(struct pg_store *s, const struct trap_store_opts *o)
{
    struct send_ctx c = {s, o, NULL, 0};
    char err[256];
    long done = 0;
    int rc;

    if (!s->spool) {
        rc = trap_spool_open(s->spool_path, 0, &s->spool, err, sizeof(err));
        if (rc == 1)
            return 0; /* no spool file: nothing was ever spooled */
        if (rc < 0) {
            snprintf(s->b.err, sizeof(s->b.err), "%s", err);
            return TRAP_STORE_EIO;
        }
    }
    rc = trap_spool_replay(s->spool, PG_REPLAY_CHUNK, send_json, &c, &done, err, sizeof(err));
    if (rc == -1) {
        /* The spool cannot be read or cannot forget what was replayed
         * (full disk): PostgreSQL itself is fine, so the batch goes there;
         * anything left in the spool is sent again later, and the keys
         * make that a no-op. */
        snprintf(s->b.notice, sizeof(s->b.notice),
                 "%.200s (%ld events replayed; the rest is tried again later)", err, done);
        return 0;
    }
    if (done > 0 || s->spooling)
        snprintf(s->b.notice, sizeof(s->b.notice),
                 "PostgreSQL takes writes again: %ld spooled events replayed", done);
    if (rc == 0)
        s->spooling = 0;
    return rc;
}

static int spool_batch(struct pg_store *s, char *const *items, size_t n,
                       struct trap_store_result *res)
{
    const char *why = s->why[0] ? s->why : "PostgreSQL unavailable";
    char err[256];
    size_t i;

    if (!s->spool && trap_spool_open(s->spool_path, 1, &s->spool, err, sizeof(err)) < 0)
        goto bad;
    if (trap_spool_append(s->spool, (const char *const *)items, n, err, sizeof(err)) < 0)
        goto bad;
    for (i = 0; res && i < n; i++) {
        res[i].status = TRAP_STORE_OK; /* storm control runs at replay */
        res[i].event_id = 0;
        res[i].cleared[0] = '\0';
    }
    if (!s->spooling)
        snprintf(s->b.notice, sizeof(s->b.notice),
                 "%.150s; events kept in the spool %.100s until it is back", why, s->spool_path);
    s->spooling = 1;
    return TRAP_STORE_OK;
bad:
    snprintf(s->b.err, sizeof(s->b.err), "%.200s, and the spool cannot take the batch: %.200s", why,
             err);
    return TRAP_STORE_EIO;
}

static int pg_record_batch(struct trap_store *b, const struct trap_store_event *evs, size_t n,
                           const struct trap_store_opts *o, struct trap_store_result *res)
{
    struct pg_store *s = (struct pg_store *)b;
    struct send_ctx c = {s, o, res, n};
    char **items = calloc(n, sizeof(*items));
    char *json = NULL;
    size_t i;
    int rc = TRAP_STORE_EIO;

    if (!items) {
        snprintf(s->b.err, sizeof(s->b.err), "out of memory");
        return TRAP_STORE_EIO;
    }
    for (i = 0; i < n; i++) {
        if (!(items[i] = event_item(s, &evs[i]))) {
            snprintf(s->b.err, sizeof(s->b.err), "out of memory");
            goto out;
        }
    }
    rc = ensure_connected(s);
    if (rc < 0)
        goto out;
    if (rc == 1)
        rc = replay(s, o);
    else
        rc = 1;
    if (rc == 0) {
        if (!(json = join_items(items, n))) {
            snprintf(s->b.err, sizeof(s->b.err), "out of memory");
            rc = TRAP_STORE_EIO;
            goto out;
        }
        rc = send_json(&c, json);
    }
    if (rc == 1) {
        /* an attempt failed now (or none was due): the next one in a while,
         * not pushed further by every spooled batch */
        if (mono_ms() >= s->retry_at_ms)
            s->retry_at_ms = mono_ms() + TRAP_STORE_PG_RETRY_MS;
        rc = spool_batch(s, items, n, res);
    }
out:
    for (i = 0; i < n; i++)
        free(items[i]);
    free(items);
    free(json);
    return rc;
}

static int pg_flush(struct trap_store *b, const struct trap_store_opts *o)
{
    struct pg_store *s = (struct pg_store *)b;
    int rc = ensure_connected(s);

    if (rc <= 0)
        return rc < 0 ? rc : TRAP_STORE_OK;
    rc = replay(s, o);
    if (rc == 1) { /* went away again: the spool keeps it */
        s->spooling = 1;
        s->retry_at_ms = mono_ms() + TRAP_STORE_PG_RETRY_MS;
        return TRAP_STORE_OK;
    }
    return rc;
}

static void pg_close(struct trap_store *b)
{
    struct pg_store *s = (struct pg_store *)b;

    PQfinish(s->conn);
    trap_spool_close(s->spool);
    free(s->spool_path);
    free(s);
}

/* ---- queries (printdev-alerts) ---- */

static int pg_alerts(struct trap_store *b, const char *device,
                     int (*fn)(void *arg, const struct trap_store_alert_row *row), void *arg)
{
    struct pg_store *s = (struct pg_store *)b;
    const char *vals[1] = {device};
    PGresult *r;
    int i, ret = 0;

    r = PQexecParams(s->conn,
                     "SELECT source, device, severity, text, dev_index, alert_index,"
                     " alert_group, group_index, location, code, since, last_seen, agent"
                     " FROM active_alerts WHERE $1::text IS NULL OR device = $1 OR source = $1"
                     " ORDER BY device COLLATE \"C\", source COLLATE \"C\", dev_index,"
                     " alert_index",
                     1, NULL, vals, NULL, NULL, 0);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        set_err(s, "reading alerts", r);
        PQclear(r);
        return TRAP_STORE_EDB;
    }
    for (i = 0; i < PQntuples(r) && ret == 0; i++) {
        struct trap_store_alert_row a = {
            .source = PQgetvalue(r, i, 0),
            .device = PQgetvalue(r, i, 1),
            .severity = PQgetvalue(r, i, 2),
            .text = PQgetvalue(r, i, 3),
            .dev_index = atol(PQgetvalue(r, i, 4)),
            .alert_index = atol(PQgetvalue(r, i, 5)),
            .group = atol(PQgetvalue(r, i, 6)),
            .group_index = atol(PQgetvalue(r, i, 7)),
            .location = atol(PQgetvalue(r, i, 8)),
            .code = atol(PQgetvalue(r, i, 9)),
            .since_ms = strtoll(PQgetvalue(r, i, 10), NULL, 10),
            .last_seen_ms = strtoll(PQgetvalue(r, i, 11), NULL, 10),
            .agent = PQgetvalue(r, i, 12),
        };
        ret = fn(arg, &a);
    }
    PQclear(r);
    return ret;
}

static int pg_events(struct trap_store *b, const struct trap_store_filter *f,
                     int (*fn)(void *arg, const struct trap_store_event_row *row), void *arg)
{
    struct pg_store *s = (struct pg_store *)b;
    char p[3][24];
    const char *vals[4] = {p[0], f && f->device ? f->device : NULL, p[1], p[2]};
    PGresult *r;
    int i, ret = 0;

    snprintf(p[0], sizeof(p[0]), "%" PRId64, f ? f->since_ms : 0);
    snprintf(p[1], sizeof(p[1]), "%d", f ? f->min_severity : 0);
    snprintf(p[2], sizeof(p[2]), "%ld", f && f->limit > 0 ? f->limit : 100);
    r = PQexecParams(s->conn,
                     "SELECT * FROM (SELECT id, time, source, device, severity, category, text,"
                     " trap_oid, version, auth, varbinds, coalesce(dedup_key, ''), repeats,"
                     " last_seen, agent FROM events"
                     " WHERE time >= $1::bigint AND ($2::text IS NULL OR device = $2 OR"
                     " source = $2) AND (CASE severity WHEN 'info' THEN 1 WHEN 'notice' THEN 2"
                     " WHEN 'warning' THEN 3 WHEN 'critical' THEN 4 ELSE 0 END) >= $3::int"
                     " ORDER BY time DESC, id DESC LIMIT $4::bigint) e ORDER BY time, id",
                     4, NULL, vals, NULL, NULL, 0);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        set_err(s, "reading events", r);
        PQclear(r);
        return TRAP_STORE_EDB;
    }
    for (i = 0; i < PQntuples(r) && ret == 0; i++) {
        struct trap_store_event_row e = {
            .id = strtoll(PQgetvalue(r, i, 0), NULL, 10),
            .time_ms = strtoll(PQgetvalue(r, i, 1), NULL, 10),
            .source = PQgetvalue(r, i, 2),
            .device = PQgetvalue(r, i, 3),
            .severity = PQgetvalue(r, i, 4),
            .category = PQgetvalue(r, i, 5),
            .text = PQgetvalue(r, i, 6),
            .trap_oid = PQgetvalue(r, i, 7),
            .version = PQgetvalue(r, i, 8),
            .auth = PQgetvalue(r, i, 9),
            .varbinds = PQgetvalue(r, i, 10),
            .dedup_key = PQgetvalue(r, i, 11),
            .repeats = atol(PQgetvalue(r, i, 12)),
            .last_seen_ms = strtoll(PQgetvalue(r, i, 13), NULL, 10),
            .agent = PQgetvalue(r, i, 14),
        };
        ret = fn(arg, &e);
    }
    PQclear(r);
    return ret;
}

static const struct trap_store_ops pg_ops = {
    .record_batch = pg_record_batch,
    .alerts = pg_alerts,
    .events = pg_events,
    .flush = pg_flush,
    .close = pg_close,
};

int trap_store_pg_open(const char *conninfo, int readonly, const struct trap_store_config *cfg,
                       struct trap_store **out, char *err, size_t errlen)
{
    struct pg_store *s = calloc(1, sizeof(*s) + strlen(conninfo) + 1);
    char host[64] = "";
    uint64_t inc = 0;
    int rc;

    if (!s) {
        snprintf(err, errlen, "out of memory");
        return TRAP_STORE_EIO;
    }
    strcpy(s->conninfo, conninfo);
    s->b.ops = &pg_ops;
    s->b.readonly = readonly;
    s->spool_path = strdup(cfg->spool ? cfg->spool : TRAP_STORE_DEFAULT_SPOOL);
    if (!s->spool_path) {
        snprintf(err, errlen, "out of memory");
        pg_close(&s->b);
        return TRAP_STORE_EIO;
    }
    /* idempotency keys: this receiver's name and a random incarnation, so
     * a restarted process never reuses a key without storing a counter */
    if (!cfg->receiver && gethostname(host, sizeof(host) - 1) < 0)
        snprintf(host, sizeof(host), "receiver");
    if (getrandom(&inc, sizeof(inc), 0) != (ssize_t)sizeof(inc)) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        inc = ((uint64_t)ts.tv_sec << 32) ^ (uint64_t)ts.tv_nsec ^ ((uint64_t)getpid() << 16);
    }
    snprintf(s->key, sizeof(s->key), "%.120s/%016" PRIx64, cfg->receiver ? cfg->receiver : host,
             inc);
    rc = ensure_connected(s);
    if (rc < 0 || (rc == 0 && readonly)) {
        snprintf(err, errlen, "%s", s->b.err);
        pg_close(&s->b);
        return rc < 0 ? rc : TRAP_STORE_EDB;
    }
    *out = &s->b;
    return TRAP_STORE_OK;
}
