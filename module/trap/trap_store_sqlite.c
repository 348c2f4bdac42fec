/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trap_store_sqlite.c: the SQLite fleet store (see trap_store.h).
 *
 * Start-up cost matters: snmptrapd forks one handler per trap and waits for
 * it, so opening costs one open(2), one sqlite3_open_v2 and one
 * "PRAGMA user_version" read; the schema is created only when that is 0,
 * inside BEGIN IMMEDIATE so two first-time handlers cannot both create it.
 * Each batch is one BEGIN IMMEDIATE ... COMMIT (per trap: storm check,
 * insert, alert operation; then prune and age), with the statements
 * prepared once per connection, and synchronous=NORMAL (WAL: durable on
 * commit except across power loss, never corrupt).
 */
#include "config.h"

#include "trap_store.h"
#include "trap_store_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>


/* The statements of a record, prepared once per connection and reused. */
enum {
    ST_STORM,
    ST_REPEAT,
    ST_RETEXT,
    ST_INSERT,
    ST_ADD,
    ST_REMOVE_INDEX,
    ST_REMOVE_CODE,
    ST_CLEAR,
    ST_PRUNE,
    ST_AGE,
    ST_COUNT_
};

struct sqlite_store {
    struct trap_store b; /* first: the store handle */
    sqlite3 *db;
    int wal_frames; /* WAL size after the last commit */
    sqlite3_stmt *st[ST_COUNT_]; /* prepared statements of a record (stmt()) */
    dev_t dev;  /* identity of the file opened, to notice its removal */
    ino_t ino;
    char path[];
};

static int wal_hook(void *arg, sqlite3 *db, const char *name, int frames)
{
    struct sqlite_store *s = arg;

    (void)db;
    (void)name;
    s->wal_frames = frames;
    return SQLITE_OK;
}

static int fail(struct sqlite_store *s, int rc, const char *what)
{
    snprintf(s->b.err, sizeof(s->b.err), "%s: %s", what, s->db ? sqlite3_errmsg(s->db) : "no database");
    return rc;
}

static int exec_sql(struct sqlite_store *s, const char *sql)
{
    char *msg = NULL;

    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(s->b.err, sizeof(s->b.err), "%s", msg ? msg : sqlite3_errmsg(s->db));
        sqlite3_free(msg);
        return TRAP_STORE_EDB;
    }
    return TRAP_STORE_OK;
}

/* Opens s->path into s->db (schema created or migrated as needed) and
 * records which file that is.  On failure s->db may be set (closed by the
 * caller) and the message is in s->b.err. */
static int connect_db(struct sqlite_store *s)
{
    struct stat sb;
    int flags, rc, tries;

    if (s->b.readonly) {
        if (access(s->path, R_OK) < 0) {
            snprintf(s->b.err, sizeof(s->b.err), "%s", strerror(errno));
            return TRAP_STORE_EIO;
        }
        flags = SQLITE_OPEN_READONLY;
    } else {
        int fd;

        if (trap_store_make_parent(s->path, s->b.err, sizeof(s->b.err)) < 0)
            return TRAP_STORE_EIO;
        /* Create with the final mode ourselves: SQLite would use 0644. */
        fd = open(s->path, O_RDWR | O_CREAT | O_CLOEXEC, 0640);
        if (fd < 0) {
            snprintf(s->b.err, sizeof(s->b.err), "%s", strerror(errno));
            return TRAP_STORE_EIO;
        }
        close(fd);
        flags = SQLITE_OPEN_READWRITE;
    }
    rc = sqlite3_open_v2(s->path, &s->db, flags | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        snprintf(s->b.err, sizeof(s->b.err), "%s", s->db ? sqlite3_errmsg(s->db) : "cannot open");
        return TRAP_STORE_EDB;
    }
    sqlite3_busy_timeout(s->db, TRAP_STORE_BUSY_MS);
    if (!s->b.readonly) {
        /* One process per trap: a checkpoint (with fsyncs) and deleting
         * and re-creating the WAL at every close would cost more than the
         * trap itself; see the checkpoint in trap_store_record_batch(). */
        int persist = 1;

        sqlite3_db_config(s->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
        sqlite3_file_control(s->db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
        sqlite3_wal_hook(s->db, wal_hook, s);
        if ((rc = exec_sql(s, "PRAGMA synchronous=NORMAL")) < 0)
            return rc;
    }
    /* While a first opener switches a new file to WAL, others can get
     * SQLITE_BUSY without the busy handler being called: retry. */
    for (tries = 0;; tries++) {
        rc = trap_store_sqlite_schema(s->db, s->b.readonly, s->b.err, sizeof(s->b.err));
        if (rc >= 0)
            break;
        if (tries >= TRAP_STORE_BUSY_MS / 10 || (sqlite3_errcode(s->db) & 0xff) != SQLITE_BUSY)
            return rc;
        usleep(10000);
    }
    /* SQLite holds the file open now: this is the file its writes reach */
    if (stat(s->path, &sb) < 0) {
        snprintf(s->b.err, sizeof(s->b.err), "%s", strerror(errno));
        return TRAP_STORE_EIO;
    }
    s->dev = sb.st_dev;
    s->ino = sb.st_ino;
    return TRAP_STORE_OK;
}

static const struct trap_store_ops sqlite_ops;
static void sqlite_close(struct trap_store *b);

int trap_store_sqlite_open(const char *path, int readonly, struct trap_store **out, char *err,
                           size_t errlen)
{
    struct sqlite_store *s;
    int rc;

    s = calloc(1, sizeof(*s) + strlen(path) + 1);
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return TRAP_STORE_EIO;
    }
    strcpy(s->path, path);
    s->b.ops = &sqlite_ops;
    s->b.readonly = readonly;
    if ((rc = connect_db(s)) < 0) {
        snprintf(err, errlen, "%s: %s", path, s->b.err);
        sqlite_close(&s->b);
        return rc;
    }
    *out = &s->b;
    return TRAP_STORE_OK;
}

static void finalize_all(struct sqlite_store *s);

static void sqlite_close(struct trap_store *b)
{
    struct sqlite_store *s = (struct sqlite_store *)b;

    finalize_all(s);
    if (s->db)
        sqlite3_close_v2(s->db);
    free(s);
}

static const char *const stmt_sql[ST_COUNT_] = {
    [ST_STORM] = "SELECT count(*), max(id) FROM events"
                 " WHERE source = ?1 AND dedup_key = ?2 AND time > ?3",
    [ST_REPEAT] = "UPDATE events SET repeats = repeats + 1, last_seen = max(last_seen, ?1)"
                  " WHERE id = ?2",
    [ST_RETEXT] = "UPDATE events SET text = ?1 WHERE id = ?2",
    [ST_INSERT] = "INSERT INTO events (time, source, device, severity, category, text, trap_oid,"
                  " version, auth, varbinds, dedup_key, last_seen, agent)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, NULLIF(?11, ''), ?1, ?12)",
    [ST_ADD] = "INSERT INTO active_alerts (source, device, dev_index, alert_index, severity,"
               " alert_group, group_index, location, code, text, since, last_seen, agent)"
               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12)"
               " ON CONFLICT (source, agent, dev_index, alert_index) DO UPDATE SET"
               " device = excluded.device, severity = excluded.severity,"
               " alert_group = excluded.alert_group, group_index = excluded.group_index,"
               " location = excluded.location, code = excluded.code, text = excluded.text,"
               " since = CASE WHEN active_alerts.code = excluded.code"
               "   AND active_alerts.alert_group = excluded.alert_group"
               "   THEN active_alerts.since ELSE excluded.since END,"
               " last_seen = excluded.last_seen",
    [ST_REMOVE_INDEX] = "DELETE FROM active_alerts WHERE source = ?1 AND agent = ?4"
                        " AND dev_index = ?2 AND alert_index = ?3 RETURNING text, alert_index",
    [ST_REMOVE_CODE] = "DELETE FROM active_alerts WHERE source = ?1 AND agent = ?6"
                       " AND dev_index = ?2 AND alert_group = ?3 AND group_index = ?4"
                       " AND code = ?5 RETURNING text, alert_index",
    [ST_CLEAR] = "DELETE FROM active_alerts WHERE source = ?1 AND agent = ?2"
                 " RETURNING text, alert_index",
    [ST_PRUNE] = "DELETE FROM events WHERE time < ?1",
    [ST_AGE] = "DELETE FROM active_alerts WHERE last_seen < ?1",
};

/* The cached statement id, reset and unbound; NULL (error in s->b.err) when
 * it cannot be prepared. */
static sqlite3_stmt *stmt(struct sqlite_store *s, int id)
{
    if (!s->st[id] &&
        sqlite3_prepare_v3(s->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT, &s->st[id],
                           NULL) != SQLITE_OK) {
        fail(s, TRAP_STORE_EDB, "prepare");
        s->st[id] = NULL;
        return NULL;
    }
    sqlite3_reset(s->st[id]);
    sqlite3_clear_bindings(s->st[id]);
    return s->st[id];
}

static void finalize_all(struct sqlite_store *s)
{
    int i;

    for (i = 0; i < ST_COUNT_; i++) {
        sqlite3_finalize(s->st[i]);
        s->st[i] = NULL;
    }
}

/* Binds parameters described by fmt ('t' text, 'i' int64, in order from
 * ?1) to the cached statement id and steps once.  Returns the statement
 * (stepped, SQLITE_ROW or SQLITE_DONE in *rc) or NULL on error. */
static sqlite3_stmt *run(struct sqlite_store *s, int id, int *rc, const char *fmt, ...)
{
    sqlite3_stmt *st = stmt(s, id);
    va_list ap;
    int i;

    if (!st)
        return NULL;
    va_start(ap, fmt);
    for (i = 0; fmt[i]; i++) {
        if (fmt[i] == 't')
            sqlite3_bind_text(st, i + 1, trap_store_nz(va_arg(ap, const char *)), -1, SQLITE_STATIC);
        else
            sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t));
    }
    va_end(ap);
    *rc = sqlite3_step(st);
    if (*rc != SQLITE_DONE && *rc != SQLITE_ROW) {
        fail(s, TRAP_STORE_EDB, "write");
        sqlite3_reset(st);
        return NULL;
    }
    return st;
}

/* Storm check: the newest stored event of (source, key) inside the window
 * and how many there are.  Returns 1 when the event must be suppressed. */
static int storm_check(struct sqlite_store *s, const struct trap_store_event *ev,
                       const struct trap_store_opts *o, int64_t *dup_id)
{
    int limit = o->storm_limit < 1 ? 1 : o->storm_limit;
    int64_t since = ev->time_ms - (int64_t)o->storm_window * 1000;
    sqlite3_stmt *st;
    int rc, n;

    st = run(s, ST_STORM, &rc, "tti", ev->source, ev->dedup_key, since);
    if (!st || rc != SQLITE_ROW)
        return fail(s, TRAP_STORE_EDB, "storm check");
    n = sqlite3_column_int(st, 0);
    *dup_id = sqlite3_column_int64(st, 1);
    sqlite3_reset(st);
    return n >= limit;
}

/* Drains the RETURNING rows of a DELETE into cleared. */
static int collect_cleared(struct sqlite_store *s, sqlite3_stmt *st, int rc, char *cleared,
                           size_t size)
{
    while (rc == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(st, 0);

        if (cleared)
            trap_store_add_cleared(cleared, size, t ? (const char *)t : "",
                        (long)sqlite3_column_int64(st, 1));
        rc = sqlite3_step(st);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return fail(s, TRAP_STORE_EDB, "write");
    return TRAP_STORE_OK;
}

static int apply_alert(struct sqlite_store *s, const struct trap_store_event *ev, char *cleared,
                       size_t size)
{
    sqlite3_stmt *st = NULL;
    int rc = SQLITE_DONE;

    switch (ev->alert_op) {
    case TRAP_STORE_ALERT_ADD:
        st = run(s, ST_ADD, &rc, "ttiitiiiitit", ev->source,
                 ev->device ? ev->device : ev->source, (int64_t)ev->dev_index,
                 (int64_t)ev->alert_index, ev->alert_severity ? ev->alert_severity : ev->severity,
                 (int64_t)ev->group, (int64_t)ev->group_index, (int64_t)ev->location,
                 (int64_t)ev->code, ev->alert_text ? ev->alert_text : ev->text, ev->time_ms,
                 trap_store_agent_of(ev));
        if (!st)
            return TRAP_STORE_EDB;
        sqlite3_reset(st);
        return TRAP_STORE_OK;
    case TRAP_STORE_ALERT_REMOVE:
        if (ev->alert_index >= 0)
            st = run(s, ST_REMOVE_INDEX, &rc, "tiit", ev->source, (int64_t)ev->dev_index,
                     (int64_t)ev->alert_index, trap_store_agent_of(ev));
        else
            st = run(s, ST_REMOVE_CODE, &rc, "tiiiit", ev->source, (int64_t)ev->dev_index,
                     (int64_t)ev->group, (int64_t)ev->group_index, (int64_t)ev->code,
                     trap_store_agent_of(ev));
        break;
    case TRAP_STORE_ALERT_CLEAR:
        st = run(s, ST_CLEAR, &rc, "tt", ev->source, trap_store_agent_of(ev));
        break;
    case TRAP_STORE_ALERT_NONE:
        return TRAP_STORE_OK;
    }
    if (!st)
        return TRAP_STORE_EDB;
    return collect_cleared(s, st, rc, cleared, size);
}

/* One event inside the open transaction. */
static int record_one(struct sqlite_store *s, const struct trap_store_event *ev,
                      const struct trap_store_opts *o, struct trap_store_result *res)
{
    sqlite3_stmt *st;
    int64_t id = 0;
    int rc, suppressed = 0;

    if (o->storm_window > 0 && ev->dedup_key) {
        if ((suppressed = storm_check(s, ev, o, &id)) < 0)
            return suppressed;
    }
    if (suppressed) {
        if (!run(s, ST_REPEAT, &rc, "ii", ev->time_ms, id))
            return TRAP_STORE_EDB;
    } else {
        st = run(s, ST_INSERT, &rc, "ittttttttttt", ev->time_ms, ev->source,
                 ev->device ? ev->device : ev->source, ev->severity, ev->category, ev->text,
                 ev->trap_oid, ev->version, ev->auth, ev->varbinds ? ev->varbinds : "[]",
                 ev->dedup_key, trap_store_agent_of(ev));
        if (!st)
            return TRAP_STORE_EDB;
        id = sqlite3_last_insert_rowid(s->db);
    }
    res->status = suppressed ? TRAP_STORE_SUPPRESSED : TRAP_STORE_OK;
    res->event_id = id;
    res->cleared[0] = '\0';
    if ((rc = apply_alert(s, ev, res->cleared, sizeof(res->cleared))) < 0)
        return rc;
    if (ev->name_cleared && !suppressed && ev->alert_op == TRAP_STORE_ALERT_REMOVE &&
        ev->alert_index >= 0 && res->cleared[0]) {
        char text[300];
        sqlite3_stmt *up;

        trap_store_cleared_sentence(text, sizeof(text), res->cleared);
        if (!(up = run(s, ST_RETEXT, &rc, "ti", text, id)))
            return TRAP_STORE_EDB;
        sqlite3_reset(up); /* text is bound SQLITE_STATIC */
    }
    return TRAP_STORE_OK;
}

/* 1 when the file at s->path is still the one open, 0 when it was removed
 * or replaced (a new file, another inode), -1 when it cannot be told. */
static int still_there(struct sqlite_store *s)
{
    struct stat sb;

    if (stat(s->path, &sb) < 0) {
        if (errno == ENOENT)
            return 0;
        snprintf(s->b.err, sizeof(s->b.err), "%s: %s", s->path, strerror(errno));
        return -1;
    }
    return sb.st_dev == s->dev && sb.st_ino == s->ino;
}

/* The database file was removed or replaced under us: writes would go to a
 * file nobody reads.  Folds our WAL into the old file and empties it (the
 * -wal and -shm files keep their names, and a new database at the path
 * must not replay old pages), closes, and opens the path afresh (schema
 * created).  Returns 0, or TRAP_STORE_EIO with the reason in s->b.err. */
static int reopen_db(struct sqlite_store *s)
{
    char msg[sizeof(s->b.err)];
    int rc;

    rc = sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
    if (rc != SQLITE_OK) {
        snprintf(msg, sizeof(msg), "%s", sqlite3_errmsg(s->db));
        snprintf(s->b.err, sizeof(s->b.err),
                 "database file %.100s was removed or replaced; not reopened (emptying the old"
                 " write-ahead log failed: %.80s)",
                 s->path, msg);
        return TRAP_STORE_EIO;
    }
    finalize_all(s);
    sqlite3_close_v2(s->db);
    s->db = NULL;
    s->wal_frames = 0;
    if ((rc = connect_db(s)) < 0) {
        snprintf(msg, sizeof(msg), "%s", s->b.err);
        snprintf(s->b.err, sizeof(s->b.err),
                 "database file %.100s was removed or replaced and cannot be reopened: %.120s",
                 s->path, msg);
        return TRAP_STORE_EIO;
    }
    snprintf(s->b.notice, sizeof(s->b.notice),
             "database file %.200s was removed or replaced while open; writing to a new file"
             " there",
             s->path);
    return TRAP_STORE_OK;
}

/* Begins the batch's write transaction on the file that is at the path:
 * checked with the write lock held, so no other writer can have put a new
 * database's pages into the shared WAL yet. */
static int begin_on_current_file(struct sqlite_store *s)
{
    int rc, tries;

    for (tries = 0; tries < 3; tries++) {
        if ((rc = exec_sql(s, "BEGIN IMMEDIATE")) < 0)
            return rc;
        rc = still_there(s);
        if (rc == 1)
            return TRAP_STORE_OK;
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        if (rc < 0)
            return TRAP_STORE_EIO;
        if ((rc = reopen_db(s)) < 0)
            return rc;
    }
    snprintf(s->b.err, sizeof(s->b.err), "database file %.200s keeps being replaced", s->path);
    return TRAP_STORE_EIO;
}

static int record_batch_once(struct sqlite_store *s, const struct trap_store_event *evs, size_t n,
                            const struct trap_store_opts *opts, struct trap_store_result *res)
{
    const struct trap_store_opts *o = opts;
    struct trap_store_result one;
    int64_t newest = INT64_MIN, first_id = -1, last_id = -1;
    size_t i;
    int rc, retention;

    if ((rc = begin_on_current_file(s)) < 0)
        return rc;
    for (i = 0; i < n; i++) {
        struct trap_store_result *r = res ? &res[i] : &one;

        if ((rc = record_one(s, &evs[i], o, r)) < 0)
            goto rollback;
        if (r->status == TRAP_STORE_OK) {
            if (first_id < 0)
                first_id = r->event_id;
            last_id = r->event_id;
        }
        if (evs[i].time_ms > newest)
            newest = evs[i].time_ms;
    }
    retention = o->retention_days ? o->retention_days : TRAP_STORE_DEFAULT_RETENTION;
    /* Pruning is an index range scan, not needed on every trap: once per
     * batch whose new ids reach a multiple of TRAP_STORE_PRUNE_EVERY. */
    if (retention > 0 && first_id >= 0 &&
        (last_id / TRAP_STORE_PRUNE_EVERY != (first_id - 1) / TRAP_STORE_PRUNE_EVERY) &&
        !run(s, ST_PRUNE, &rc, "i", newest - (int64_t)retention * 86400 * 1000)) {
        rc = TRAP_STORE_EDB;
        goto rollback;
    }
    /* Alerts nobody refreshed or removed for alert_max_age go: printers
     * that never send removals (or were switched off) do not keep them
     * forever.  Measured against the batch's newest event time. */
    if (o->alert_max_age > 0 &&
        !run(s, ST_AGE, &rc, "i", newest - (int64_t)o->alert_max_age * 1000)) {
        rc = TRAP_STORE_EDB;
        goto rollback;
    }
    if ((rc = exec_sql(s, "COMMIT")) < 0)
        goto rollback;
    /* Bounded WAL: the next process must scan it at open (each handler is
     * the first connection and rebuilds the WAL index), and checkpoint
     * progress is lost with that index; so fold the WAL into the database
     * and truncate it once it holds TRAP_STORE_WAL_PAGES frames.  A failure
     * here (busy reader) is harmless: the next writer tries again. */
    if (s->wal_frames >= TRAP_STORE_WAL_PAGES)
        sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
    return TRAP_STORE_OK;
rollback:
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

static int sqlite_record_batch(struct trap_store *b, const struct trap_store_event *evs,
                               size_t n, const struct trap_store_opts *opts,
                               struct trap_store_result *res)
{
    struct sqlite_store *s = (struct sqlite_store *)b;
    int rc, there;

    if ((rc = record_batch_once(s, evs, n, opts, res)) < 0)
        return rc;
    /* Removed or replaced between the check and the commit: the batch may
     * sit in the old file.  Record it again in the new one (the old file
     * is gone with whatever it held, so nothing is there twice). */
    if ((there = still_there(s)) != 1) {
        if (there < 0 || (rc = reopen_db(s)) < 0)
            return there < 0 ? TRAP_STORE_EIO : rc;
        return record_batch_once(s, evs, n, opts, res);
    }
    return TRAP_STORE_OK;
}

static const char *col_text(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? (const char *)t : "";
}

static int sqlite_alerts(struct trap_store *b, const char *device,
                         int (*fn)(void *arg, const struct trap_store_alert_row *row), void *arg)
{
    struct sqlite_store *s = (struct sqlite_store *)b;
    sqlite3_stmt *st;
    int rc, ret = 0;

    if (sqlite3_prepare_v2(s->db,
                           "SELECT source, device, severity, text, dev_index, alert_index,"
                           " alert_group, group_index, location, code, since, last_seen, agent"
                           " FROM active_alerts WHERE ?1 IS NULL OR device = ?1 OR source = ?1"
                           " ORDER BY device, source, dev_index, alert_index",
                           -1, &st, NULL) != SQLITE_OK)
        return fail(s, TRAP_STORE_EDB, "reading alerts");
    if (device)
        sqlite3_bind_text(st, 1, device, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct trap_store_alert_row r = {
            .source = col_text(st, 0),
            .device = col_text(st, 1),
            .severity = col_text(st, 2),
            .text = col_text(st, 3),
            .dev_index = (long)sqlite3_column_int64(st, 4),
            .alert_index = (long)sqlite3_column_int64(st, 5),
            .group = (long)sqlite3_column_int64(st, 6),
            .group_index = (long)sqlite3_column_int64(st, 7),
            .location = (long)sqlite3_column_int64(st, 8),
            .code = (long)sqlite3_column_int64(st, 9),
            .since_ms = sqlite3_column_int64(st, 10),
            .last_seen_ms = sqlite3_column_int64(st, 11),
            .agent = col_text(st, 12),
        };
        if ((ret = fn(arg, &r)) != 0)
            break;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        ret = fail(s, TRAP_STORE_EDB, "reading alerts");
    sqlite3_finalize(st);
    return ret;
}

static int sqlite_events(struct trap_store *b, const struct trap_store_filter *f,
                         int (*fn)(void *arg, const struct trap_store_event_row *row), void *arg)
{
    struct sqlite_store *s = (struct sqlite_store *)b;
    static const char sql[] =
        "SELECT * FROM (SELECT id, time, source, device, severity, category, text, trap_oid,"
        " version, auth, varbinds, dedup_key, repeats, last_seen, agent FROM events"
        " WHERE time >= ?1 AND (?2 IS NULL OR device = ?2 OR source = ?2)"
        " AND (CASE severity WHEN 'info' THEN 1 WHEN 'notice' THEN 2 WHEN 'warning' THEN 3"
        " WHEN 'critical' THEN 4 ELSE 0 END) >= ?3"
        " ORDER BY time DESC, id DESC LIMIT ?4) ORDER BY time, id";
    sqlite3_stmt *st;
    int rc, ret = 0;

    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return fail(s, TRAP_STORE_EDB, "reading events");
    sqlite3_bind_int64(st, 1, f ? f->since_ms : 0);
    if (f && f->device)
        sqlite3_bind_text(st, 2, f->device, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, f ? f->min_severity : 0);
    sqlite3_bind_int64(st, 4, f && f->limit > 0 ? f->limit : 100);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct trap_store_event_row r = {
            .id = sqlite3_column_int64(st, 0),
            .time_ms = sqlite3_column_int64(st, 1),
            .source = col_text(st, 2),
            .device = col_text(st, 3),
            .severity = col_text(st, 4),
            .category = col_text(st, 5),
            .text = col_text(st, 6),
            .trap_oid = col_text(st, 7),
            .version = col_text(st, 8),
            .auth = col_text(st, 9),
            .varbinds = col_text(st, 10),
            .dedup_key = col_text(st, 11),
            .repeats = (long)sqlite3_column_int64(st, 12),
            .last_seen_ms = sqlite3_column_int64(st, 13),
            .agent = col_text(st, 14),
        };
        if ((ret = fn(arg, &r)) != 0)
            break;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        ret = fail(s, TRAP_STORE_EDB, "reading events");
    sqlite3_finalize(st);
    return ret;
}

static const struct trap_store_ops sqlite_ops = {
    .record_batch = sqlite_record_batch,
    .alerts = sqlite_alerts,
    .events = sqlite_events,
    .close = sqlite_close,
};
