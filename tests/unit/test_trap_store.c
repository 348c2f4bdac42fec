/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_trap_store.c: unit tests of the fleet-state store (trap_store.c)
 * against a real SQLite file in a private temp directory: schema creation
 * and versioning, file modes, alert add/refresh/remove (1801 removal by
 * index, trailing edge by group/code), storm control, and concurrent
 * writers (fork()ed processes recording at the same time lose nothing and
 * storm control holds across them).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "cu_runner.h"
#include "store_fixture.h"
#include "trap_store.h"

static char tmpdir[256];
static char dbpath[512];
static int db_seq;

static int suite_init(void)
{
    umask(022);
    return sfx_tmpdir(tmpdir, sizeof(tmpdir), "test_trap_store");
}

static int suite_clean(void)
{
    return sfx_rmtree(tmpdir);
}

/* A fresh database path for each test. */
static const char *new_db(void)
{
    snprintf(dbpath, sizeof(dbpath), "%s/db%d/traps.db", tmpdir, ++db_seq);
    return dbpath;
}

static struct trap_store *open_rw(const char *path)
{
    struct trap_store *s = NULL;
    char err[256];
    int rc = trap_store_open(path, 0, &s, err, sizeof(err));

    if (rc != 0)
        fprintf(stderr, "open %s: %s\n", path, err);
    CU_ASSERT_EQUAL_FATAL(rc, 0);
    return s;
}

struct collect {
    int n;
    long idx[16];
    long devidx[16];
    char dev[16][32];
    int64_t since[16], last[16];
    long repeats[16];
};

static int collect_alert(void *arg, const struct trap_store_alert_row *r)
{
    struct collect *c = arg;

    if (c->n < 16) {
        c->idx[c->n] = r->alert_index;
        c->devidx[c->n] = r->dev_index;
        snprintf(c->dev[c->n], sizeof(c->dev[0]), "%s", r->device);
        c->since[c->n] = r->since_ms;
        c->last[c->n] = r->last_seen_ms;
    }
    c->n++;
    return 0;
}

static int collect_event(void *arg, const struct trap_store_event_row *r)
{
    struct collect *c = arg;

    if (c->n < 16) {
        c->idx[c->n] = (long)r->id;
        c->repeats[c->n] = r->repeats;
        c->since[c->n] = r->time_ms;
        c->last[c->n] = r->last_seen_ms;
    }
    c->n++;
    return 0;
}

static const char *nz_notice(struct trap_store *s)
{
    const char *n = trap_store_notice(s);
    return n ? n : "";
}

/* The text of events row id ("" when none). */
static const char *event_text(const char *path, int64_t id)
{
    static char text[512];
    sqlite3 *db;
    sqlite3_stmt *st;

    text[0] = '\0';
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        return text;
    if (sqlite3_prepare_v2(db, "SELECT text FROM events WHERE id = ?", -1, &st, NULL) ==
        SQLITE_OK) {
        sqlite3_bind_int64(st, 1, id);
        if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
            snprintf(text, sizeof(text), "%s", (const char *)sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return text;
}

static long count_rows(const char *path, const char *table)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    char sql[128];
    long n = -1;

    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        return -1;
    snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", table);
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            n = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return n;
}

static void test_schema_and_modes(void)
{
    const char *path = new_db();
    struct trap_store *s = open_rw(path);
    struct trap_store_event e = sfx_alert(1000, 5, 8);
    struct stat st;
    char dir[512], wal[600], err[256];
    sqlite3 *db;
    sqlite3_stmt *q;
    int v = -1;
    char mode[16] = "";

    CU_ASSERT_EQUAL(trap_store_record(s, &e, NULL, NULL), TRAP_STORE_OK);
    /* file 0640, directory created 0750, WAL file same mode as the db */
    CU_ASSERT_EQUAL_FATAL(stat(path, &st), 0);
    CU_ASSERT_EQUAL(st.st_mode & 0777, 0640);
    snprintf(dir, sizeof(dir), "%s", path);
    *strrchr(dir, '/') = '\0';
    CU_ASSERT_EQUAL_FATAL(stat(dir, &st), 0);
    CU_ASSERT_EQUAL(st.st_mode & 0777, 0750);
    snprintf(wal, sizeof(wal), "%s-wal", path);
    if (stat(wal, &st) == 0)
        CU_ASSERT_EQUAL(st.st_mode & 0777, 0640);
    trap_store_close(s);

    CU_ASSERT_EQUAL_FATAL(sqlite3_open(path, &db), SQLITE_OK);
    CU_ASSERT_EQUAL(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &q, NULL), SQLITE_OK);
    if (sqlite3_step(q) == SQLITE_ROW)
        v = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    CU_ASSERT_EQUAL(v, TRAP_STORE_SCHEMA);
    CU_ASSERT_EQUAL(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &q, NULL), SQLITE_OK);
    if (sqlite3_step(q) == SQLITE_ROW)
        snprintf(mode, sizeof(mode), "%s", (const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    CU_ASSERT_STRING_EQUAL(mode, "wal");
    /* a newer schema is refused, and nothing is written */
    CU_ASSERT_EQUAL(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    s = NULL;
    CU_ASSERT_EQUAL(trap_store_open(path, 0, &s, err, sizeof(err)), TRAP_STORE_ESCHEMA);
    CU_ASSERT_PTR_NULL(s);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "newer"));
    CU_ASSERT_EQUAL(trap_store_open(path, 1, &s, err, sizeof(err)), TRAP_STORE_ESCHEMA);

    /* read-only open of a missing file fails and creates nothing */
    snprintf(wal, sizeof(wal), "%s/missing/traps.db", tmpdir);
    CU_ASSERT_EQUAL(trap_store_open(wal, 1, &s, err, sizeof(err)), TRAP_STORE_EIO);
    CU_ASSERT_NOT_EQUAL(stat(wal, &st), 0);
}

static void test_schema_reopen(void)
{
    const char *path = new_db();
    struct trap_store *s = open_rw(path);
    struct trap_store_event e = sfx_alert(1000, 5, 8);

    CU_ASSERT_EQUAL(trap_store_record(s, &e, NULL, NULL), TRAP_STORE_OK);
    trap_store_close(s);
    s = open_rw(path); /* existing schema: kept, data kept */
    e.alert_index = 6;
    CU_ASSERT_EQUAL(trap_store_record(s, &e, NULL, NULL), TRAP_STORE_OK);
    trap_store_close(s);
    CU_ASSERT_EQUAL(count_rows(path, "events"), 2);
    CU_ASSERT_EQUAL(count_rows(path, "active_alerts"), 2);
}

static void test_alert_add_remove(void)
{
    const char *path = new_db();
    struct trap_store *s = open_rw(path);
    struct trap_store_event e;
    struct collect c;

    e = sfx_alert(1000, 5, 8); /* jam, alert 5 */
    CU_ASSERT_EQUAL(trap_store_record(s, &e, NULL, NULL), 0);
    e = sfx_alert(2000, 6, 3); /* coverOpen, alert 6 */
    e.group = 6;
    e.dedup_key = "k-cover";
    CU_ASSERT_EQUAL(trap_store_record(s, &e, NULL, NULL), 0);
    e = sfx_alert(2500, 7, 808);
    e.source = "192.0.2.8";
    e.device = "prod-2";
    CU_ASSERT_EQUAL(trap_store_record(s, &e, NULL, NULL), 0);

    memset(&c, 0, sizeof(c));
    CU_ASSERT_EQUAL(trap_store_alerts(s, NULL, collect_alert, &c), 0);
    CU_ASSERT_EQUAL_FATAL(c.n, 3);
    CU_ASSERT_STRING_EQUAL(c.dev[0], "prod-1");
    CU_ASSERT_EQUAL(c.idx[0], 5);
    CU_ASSERT_EQUAL(c.idx[1], 6);
    CU_ASSERT_STRING_EQUAL(c.dev[2], "prod-2");

    /* the same alert again refreshes last_seen, keeps since */
    e = sfx_alert(3000, 5, 8);
    CU_ASSERT_EQUAL(trap_store_record(s, &e, NULL, NULL), 0);
    memset(&c, 0, sizeof(c));
    trap_store_alerts(s, "prod-1", collect_alert, &c);
    CU_ASSERT_EQUAL_FATAL(c.n, 2);
    CU_ASSERT_EQUAL(c.since[0], 1000);
    CU_ASSERT_EQUAL(c.last[0], 3000);

    /* 1801 removal: removes only the row with that index, on that source */
    e = sfx_alert(4000, 5, 1801);
    e.alert_op = TRAP_STORE_ALERT_REMOVE;
    e.source = "192.0.2.8"; /* other printer: must not touch prod-1's alert 5 */
    CU_ASSERT_EQUAL(trap_store_record(s, &e, NULL, NULL), 0);
    memset(&c, 0, sizeof(c));
    trap_store_alerts(s, NULL, collect_alert, &c);
    CU_ASSERT_EQUAL(c.n, 3);
    e.source = "192.0.2.7";
    CU_ASSERT_EQUAL(trap_store_record(s, &e, NULL, NULL), 0);
    memset(&c, 0, sizeof(c));
    trap_store_alerts(s, "prod-1", collect_alert, &c);
    CU_ASSERT_EQUAL_FATAL(c.n, 1);
    CU_ASSERT_EQUAL(c.idx[0], 6);

    /* trailing edge without index: by device/group/group index/code */
    e = sfx_alert(5000, -1, 3);
    e.alert_op = TRAP_STORE_ALERT_REMOVE;
    e.group = 6;
    CU_ASSERT_EQUAL(trap_store_record(s, &e, NULL, NULL), 0);
    memset(&c, 0, sizeof(c));
    trap_store_alerts(s, "prod-1", collect_alert, &c);
    CU_ASSERT_EQUAL(c.n, 0);
    /* device filter also matches the source address */
    memset(&c, 0, sizeof(c));
    trap_store_alerts(s, "192.0.2.8", collect_alert, &c);
    CU_ASSERT_EQUAL(c.n, 1);
    /* coldStart of another source clears only that source's alerts */
    e = sfx_alert(6000, 1, 8);
    e.alert_op = TRAP_STORE_ALERT_ADD;
    CU_ASSERT_EQUAL(trap_store_record(s, &e, NULL, NULL), 0);
    e.alert_op = TRAP_STORE_ALERT_CLEAR;
    e.source = "192.0.2.8";
    CU_ASSERT_EQUAL(trap_store_record(s, &e, NULL, NULL), 0);
    memset(&c, 0, sizeof(c));
    trap_store_alerts(s, NULL, collect_alert, &c);
    CU_ASSERT_EQUAL(c.n, 1);
    CU_ASSERT_STRING_EQUAL(c.dev[0], "prod-1");
    trap_store_close(s);
    CU_ASSERT_EQUAL(count_rows(path, "events"), 9);
}

/* One agent address serving two printers (hrDeviceIndex 1 and 2), both with
 * an alert 1: two rows; a removal or a trailing edge of one printer leaves
 * the other's row alone, named or not. */
static void test_printers_on_one_host(void)
{
    const char *path = new_db();
    struct trap_store *s = open_rw(path);
    struct trap_store_event e;
    struct collect c;
    int named;

    for (named = 0; named < 2; named++) {
        const char *n1 = named ? "prod-1" : "127.0.0.1";
        const char *n2 = named ? "office-1" : "127.0.0.1";

        e = sfx_alert(1000, 1, 8); /* printer 1, alert 1: jam */
        e.source = "127.0.0.1";
        e.device = n1;
        CU_ASSERT_EQUAL(trap_store_record(s, &e, NULL, NULL), 0);
        e = sfx_alert(2000, 1, 8); /* printer 2, alert 1: jam */
        e.source = "127.0.0.1";
        e.device = n2;
        e.dev_index = 2;
        e.dedup_key = named ? "k-jam-office" : "k-jam-2";
        CU_ASSERT_EQUAL(trap_store_record(s, &e, NULL, NULL), 0);
        memset(&c, 0, sizeof(c));
        trap_store_alerts(s, "127.0.0.1", collect_alert, &c);
        CU_ASSERT_EQUAL_FATAL(c.n, 2);
        CU_ASSERT_EQUAL(c.idx[0], 1);
        CU_ASSERT_EQUAL(c.idx[1], 1);
        CU_ASSERT_EQUAL(c.devidx[0] + c.devidx[1], 3);
        if (named) {
            memset(&c, 0, sizeof(c));
            trap_store_alerts(s, "office-1", collect_alert, &c);
            CU_ASSERT_EQUAL_FATAL(c.n, 1);
            CU_ASSERT_EQUAL(c.devidx[0], 2);
            CU_ASSERT_STRING_EQUAL(c.dev[0], "office-1");
        }

        /* printer 2 repeats its alert 1: printer 1's row is not refreshed */
        e.time_ms = 2500;
        CU_ASSERT_EQUAL(trap_store_record(s, &e, NULL, NULL), 0);
        memset(&c, 0, sizeof(c));
        trap_store_alerts(s, "127.0.0.1", collect_alert, &c);
        CU_ASSERT_EQUAL_FATAL(c.n, 2);
        CU_ASSERT_EQUAL(c.last[c.devidx[0] == 1 ? 0 : 1], 1000);
        CU_ASSERT_EQUAL(c.last[c.devidx[0] == 2 ? 0 : 1], 2500);

        /* printer 2 removes its alert 1 (1801): printer 1's alert 1 stays */
        e = sfx_alert(3000, 1, 1801);
        e.alert_op = TRAP_STORE_ALERT_REMOVE;
        e.source = "127.0.0.1";
        e.device = n2;
        e.dev_index = 2;
        CU_ASSERT_EQUAL(trap_store_record(s, &e, NULL, NULL), 0);
        memset(&c, 0, sizeof(c));
        trap_store_alerts(s, "127.0.0.1", collect_alert, &c);
        CU_ASSERT_EQUAL_FATAL(c.n, 1);
        CU_ASSERT_EQUAL(c.devidx[0], 1);
        CU_ASSERT_EQUAL(c.idx[0], 1);
        CU_ASSERT_STRING_EQUAL(c.dev[0], n1);

        /* a trailing edge on printer 2 (same group/index/code) leaves it too */
        e = sfx_alert(4000, -1, 8);
        e.alert_op = TRAP_STORE_ALERT_REMOVE;
        e.source = "127.0.0.1";
        e.device = n2;
        e.dev_index = 2;
        CU_ASSERT_EQUAL(trap_store_record(s, &e, NULL, NULL), 0);
        memset(&c, 0, sizeof(c));
        trap_store_alerts(s, "127.0.0.1", collect_alert, &c);
        CU_ASSERT_EQUAL(c.n, 1);

        /* printer 1 removes its alert 1: none left */
        e = sfx_alert(5000, 1, 1801);
        e.alert_op = TRAP_STORE_ALERT_REMOVE;
        e.source = "127.0.0.1";
        e.device = n1;
        CU_ASSERT_EQUAL(trap_store_record(s, &e, NULL, NULL), 0);
        memset(&c, 0, sizeof(c));
        trap_store_alerts(s, NULL, collect_alert, &c);
        CU_ASSERT_EQUAL(c.n, 0);
    }
    trap_store_close(s);
}

static void test_storm(void)
{
    const char *path = new_db();
    struct trap_store *s = open_rw(path);
    struct trap_store_opts so = {.storm_window = 60, .storm_limit = 1};
    struct trap_store_event e = sfx_alert(100000, 5, 8);
    struct trap_store_filter f = {0};
    struct collect c;
    int64_t id1 = 0, id2 = 0;

    e.alert_op = TRAP_STORE_ALERT_NONE;
    CU_ASSERT_EQUAL(trap_store_record(s, &e, &so, &id1), TRAP_STORE_OK);
    e.time_ms += 1000;
    CU_ASSERT_EQUAL(trap_store_record(s, &e, &so, &id2), TRAP_STORE_SUPPRESSED);
    CU_ASSERT_EQUAL(id1, id2);
    e.time_ms += 1000;
    CU_ASSERT_EQUAL(trap_store_record(s, &e, &so, NULL), TRAP_STORE_SUPPRESSED);
    /* another source with the same key is not suppressed */
    e.source = "192.0.2.99";
    CU_ASSERT_EQUAL(trap_store_record(s, &e, &so, NULL), TRAP_STORE_OK);
    e.source = "192.0.2.7";
    /* another key from the same source is not suppressed */
    e.dedup_key = "other";
    CU_ASSERT_EQUAL(trap_store_record(s, &e, &so, NULL), TRAP_STORE_OK);
    e.dedup_key = "k-jam";
    /* after the window, stored again */
    e.time_ms = 100000 + 61000;
    CU_ASSERT_EQUAL(trap_store_record(s, &e, &so, NULL), TRAP_STORE_OK);
    /* no window: never suppressed */
    so.storm_window = 0;
    CU_ASSERT_EQUAL(trap_store_record(s, &e, &so, NULL), TRAP_STORE_OK);
    /* limit 3: three stored, the fourth suppressed */
    so.storm_window = 60;
    so.storm_limit = 3;
    e.dedup_key = "k3";
    e.time_ms = 200000;
    CU_ASSERT_EQUAL(trap_store_record(s, &e, &so, NULL), TRAP_STORE_OK);
    CU_ASSERT_EQUAL(trap_store_record(s, &e, &so, NULL), TRAP_STORE_OK);
    CU_ASSERT_EQUAL(trap_store_record(s, &e, &so, NULL), TRAP_STORE_OK);
    CU_ASSERT_EQUAL(trap_store_record(s, &e, &so, NULL), TRAP_STORE_SUPPRESSED);

    f.limit = 100;
    memset(&c, 0, sizeof(c));
    CU_ASSERT_EQUAL(trap_store_events(s, &f, collect_event, &c), 0);
    CU_ASSERT_EQUAL_FATAL(c.n, 8);
    CU_ASSERT_EQUAL(c.idx[0], id1);
    CU_ASSERT_EQUAL(c.repeats[0], 2);   /* two suppressed copies counted */
    CU_ASSERT_EQUAL(c.last[0], 102000); /* last_seen moved with them */
    trap_store_close(s);
}

static void test_storm_alert_still_applied(void)
{
    const char *path = new_db();
    struct trap_store *s = open_rw(path);
    struct trap_store_opts so = {.storm_window = 60, .storm_limit = 1};
    struct trap_store_event e = sfx_alert(1000, 5, 8);
    struct collect c;

    CU_ASSERT_EQUAL(trap_store_record(s, &e, &so, NULL), TRAP_STORE_OK);
    e.alert_index = 9; /* new alert row, identical text: suppressed log */
    e.time_ms = 2000;
    CU_ASSERT_EQUAL(trap_store_record(s, &e, &so, NULL), TRAP_STORE_SUPPRESSED);
    memset(&c, 0, sizeof(c));
    trap_store_alerts(s, NULL, collect_alert, &c);
    CU_ASSERT_EQUAL(c.n, 2);
    trap_store_close(s);
    CU_ASSERT_EQUAL(count_rows(path, "events"), 1);
}

static void test_event_filters(void)
{
    const char *path = new_db();
    struct trap_store *s = open_rw(path);
    struct trap_store_event e = sfx_alert(1000, 1, 8);
    struct trap_store_filter f = {0};
    struct collect c;
    static const char *const sev[] = {"info", "notice", "warning", "critical"};
    int i;

    e.alert_op = TRAP_STORE_ALERT_NONE;
    for (i = 0; i < 8; i++) {
        e.time_ms = 1000 * (i + 1);
        e.severity = sev[i % 4];
        e.device = i < 4 ? "a" : "b";
        CU_ASSERT_EQUAL(trap_store_record(s, &e, NULL, NULL), 0);
    }
    memset(&c, 0, sizeof(c));
    f.min_severity = trap_store_severity_rank("warning");
    trap_store_events(s, &f, collect_event, &c);
    CU_ASSERT_EQUAL(c.n, 4);
    memset(&c, 0, sizeof(c));
    f.device = "b";
    trap_store_events(s, &f, collect_event, &c);
    CU_ASSERT_EQUAL(c.n, 2);
    memset(&c, 0, sizeof(c));
    f.device = NULL;
    f.min_severity = 0;
    f.since_ms = 6000;
    trap_store_events(s, &f, collect_event, &c);
    CU_ASSERT_EQUAL(c.n, 3);
    /* limit keeps the newest, returned oldest first */
    memset(&c, 0, sizeof(c));
    f.since_ms = 0;
    f.limit = 2;
    trap_store_events(s, &f, collect_event, &c);
    CU_ASSERT_EQUAL_FATAL(c.n, 2);
    CU_ASSERT_EQUAL(c.since[0], 7000);
    CU_ASSERT_EQUAL(c.since[1], 8000);
    CU_ASSERT_EQUAL(trap_store_severity_rank("bogus"), 0);
    CU_ASSERT_EQUAL(trap_store_severity_rank("critical"), 4);
    trap_store_close(s);
}

static void test_retention(void)
{
    const char *path = new_db();
    struct trap_store *s = open_rw(path);
    struct trap_store_opts so = {.retention_days = 1};
    struct trap_store_event e = sfx_alert(1000, 1, 8);

    int i;

    e.alert_op = TRAP_STORE_ALERT_NONE;
    CU_ASSERT_EQUAL(trap_store_record(s, &e, &so, NULL), 0);
    e.time_ms = 1000 + 2 * 86400 * 1000LL;
    /* pruning runs on every TRAP_STORE_PRUNE_EVERY-th event */
    for (i = 1; i < TRAP_STORE_PRUNE_EVERY; i++)
        CU_ASSERT_EQUAL(trap_store_record(s, &e, &so, NULL), 0);
    trap_store_close(s);
    CU_ASSERT_EQUAL(count_rows(path, "events"), TRAP_STORE_PRUNE_EVERY - 1);
}

/* N processes × M records at once, storm control off: every record lands;
 * then the same with storm control on and one shared key: exactly
 * `limit` stored in total, across processes. */
#define PROCS 4
#define PER_PROC 50

struct writers {
    const char *path;
    const struct trap_store_opts *so;
    int same_key;
};

/* Writer i: PER_PROC records, a new open for each. */
static int writer(int i, void *arg)
{
    const struct writers *w = arg;
    int j, fails = 0;

    for (j = 0; j < PER_PROC; j++) {
        struct trap_store *s = NULL;
        char err[256], key[32];
        struct trap_store_event e = sfx_alert(100000 + j, 1000 * i + j, 8);

        snprintf(key, sizeof(key), "p%d-%d", i, j);
        if (!w->same_key)
            e.dedup_key = key;
        /* a new open per record, like one handler process per trap */
        if (trap_store_open(w->path, 0, &s, err, sizeof(err)) < 0) {
            fprintf(stderr, "child open: %s\n", err);
            fails++;
            continue;
        }
        if (trap_store_record(s, &e, w->so, NULL) < 0) {
            fprintf(stderr, "child record: %s\n", trap_store_errmsg(s));
            fails++;
        }
        trap_store_close(s);
    }
    return fails ? 1 : 0;
}

static void run_writers(const char *path, const struct trap_store_opts *so, int same_key)
{
    struct writers w = {path, so, same_key};

    CU_ASSERT(sfx_fork_writers(PROCS, writer, &w));
}

static void test_concurrent_writers(void)
{
    const char *path = new_db();
    struct trap_store_opts off = {0};
    struct trap_store_opts storm = {.storm_window = 3600, .storm_limit = 3};
    char path2[600];

    run_writers(path, &off, 0);
    CU_ASSERT_EQUAL(count_rows(path, "events"), PROCS * PER_PROC);
    CU_ASSERT_EQUAL(count_rows(path, "active_alerts"), PROCS * PER_PROC);

    snprintf(path2, sizeof(path2), "%s", new_db());
    run_writers(path2, &storm, 1);
    CU_ASSERT_EQUAL(count_rows(path2, "events"), 3);
    CU_ASSERT_EQUAL(count_rows(path2, "active_alerts"), PROCS * PER_PROC);
    {
        sqlite3 *db;
        sqlite3_stmt *st;
        long total = -1;

        CU_ASSERT_EQUAL_FATAL(sqlite3_open_v2(path2, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
        CU_ASSERT_EQUAL(
            sqlite3_prepare_v2(db, "SELECT sum(repeats) + count(*) FROM events", -1, &st, NULL),
            SQLITE_OK);
        if (sqlite3_step(st) == SQLITE_ROW)
            total = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        sqlite3_close(db);
        CU_ASSERT_EQUAL(total, PROCS * PER_PROC); /* every trap counted once */
    }
}

/* One open per record (as one worker per burst) must not let the WAL grow
 * without bound: it is folded in and truncated every TRAP_STORE_WAL_PAGES. */
static void test_wal_bounded(void)
{
    const char *path = new_db();
    char wal[600];
    struct stat st;
    int i;

    for (i = 0; i < 300; i++) {
        struct trap_store *s = open_rw(path);
        struct trap_store_event e = sfx_alert(1000 + i, i, 8);
        CU_ASSERT_EQUAL(trap_store_record(s, &e, NULL, NULL), 0);
        trap_store_close(s);
    }
    snprintf(wal, sizeof(wal), "%s-wal", path);
    CU_ASSERT_EQUAL_FATAL(stat(wal, &st), 0);
    CU_ASSERT(st.st_size <= (off_t)(TRAP_STORE_WAL_PAGES + 8) * (4096 + 24) + 32);
    CU_ASSERT_EQUAL(count_rows(path, "events"), 300);
}

/* Every row of both tables as text, for comparing two databases. */
static char *dump_db(const char *path)
{
    static const char *const q[] = {
        "SELECT id, time, source, device, severity, category, text, trap_oid, version, auth,"
        " varbinds, dedup_key, repeats, last_seen FROM events ORDER BY id",
        "SELECT * FROM active_alerts ORDER BY source, dev_index, alert_index",
    };
    sqlite3 *db;
    sqlite3_stmt *st;
    size_t len = 0, cap = 1 << 16, i;
    char *out = calloc(1, cap);
    int c;

    if (!out || sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        return out;
    for (i = 0; i < 2; i++) {
        if (sqlite3_prepare_v2(db, q[i], -1, &st, NULL) != SQLITE_OK)
            continue;
        while (sqlite3_step(st) == SQLITE_ROW) {
            for (c = 0; c < sqlite3_column_count(st); c++) {
                const unsigned char *t = sqlite3_column_text(st, c);
                len += snprintf(out + len, cap - len, "%s|", t ? (const char *)t : "NULL");
                if (len >= cap - 256)
                    break;
            }
            len += snprintf(out + len, cap - len, "\n");
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return out;
}

/* A mixed sequence: adds, repeats under storm control, a removal by index,
 * a trailing edge, a clear of another source, plain events. */
static size_t mixed_events(struct trap_store_event *ev, size_t max)
{
    size_t n = 0;
    int i;

    for (i = 0; i < 6 && n < max; i++) {
        ev[n] = sfx_alert(1000 + 100 * i, 1 + i % 3, 8); /* repeats of alerts 1..3 */
        n++;
    }
    ev[n] = sfx_alert(2000, 4, 3);
    ev[n].group = 6;
    ev[n++].dedup_key = "k-cover";
    ev[n] = sfx_alert(2100, 2, 1801); /* removes alert 2 */
    ev[n++].alert_op = TRAP_STORE_ALERT_REMOVE;
    ev[n] = sfx_alert(2200, -1, 3); /* trailing edge of the cover */
    ev[n].alert_op = TRAP_STORE_ALERT_REMOVE;
    ev[n].group = 6;
    ev[n++].dedup_key = "k-close";
    ev[n] = sfx_alert(2300, 7, 808);
    ev[n].source = "192.0.2.8";
    ev[n++].device = "prod-2";
    ev[n] = sfx_alert(2400, 0, 0); /* coldStart of prod-2 */
    ev[n].source = "192.0.2.8";
    ev[n].device = "prod-2";
    ev[n].dedup_key = "k-cold";
    ev[n++].alert_op = TRAP_STORE_ALERT_CLEAR;
    ev[n] = sfx_alert(2500, 0, 0);
    ev[n].dedup_key = NULL;
    ev[n++].alert_op = TRAP_STORE_ALERT_NONE;
    return n;
}

static void test_batch_equals_sequential(void)
{
    struct trap_store_opts so = {.storm_window = 60, .storm_limit = 2};
    struct trap_store_event ev[32];
    struct trap_store_result res[32];
    char p1[600], p2[600];
    char *d1, *d2;
    size_t n = mixed_events(ev, 32), i;
    struct trap_store *s;
    int st[32];
    int64_t ids[32];

    snprintf(p1, sizeof(p1), "%s", new_db());
    snprintf(p2, sizeof(p2), "%s", new_db());
    s = open_rw(p1);
    for (i = 0; i < n; i++)
        st[i] = trap_store_record(s, &ev[i], &so, &ids[i]);
    trap_store_close(s);
    s = open_rw(p2);
    memset(res, 0x55, sizeof(res));
    CU_ASSERT_EQUAL(trap_store_record_batch(s, ev, n, &so, res), TRAP_STORE_OK);
    trap_store_close(s);
    for (i = 0; i < n; i++) {
        CU_ASSERT_EQUAL(res[i].status, st[i]);
        CU_ASSERT_EQUAL(res[i].event_id, ids[i]);
    }
    /* storm control saw the batch's own earlier events */
    CU_ASSERT_EQUAL(res[4].status, TRAP_STORE_SUPPRESSED);
    d1 = dump_db(p1);
    d2 = dump_db(p2);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d2);
    CU_ASSERT(strlen(d1) > 100);
    CU_ASSERT_STRING_EQUAL(d1, d2);
    free(d1);
    free(d2);
    /* an empty batch is a no-op */
    s = open_rw(p2);
    CU_ASSERT_EQUAL(trap_store_record_batch(s, ev, 0, &so, NULL), TRAP_STORE_OK);
    trap_store_close(s);
}

/* A database error on the 3rd event (a trigger refuses it) rolls the whole
 * batch back: nothing of it is stored, not even the alert operations. */
static void test_batch_rollback(void)
{
    const char *path = new_db();
    struct trap_store *s = open_rw(path);
    struct trap_store_event ev[4];
    struct trap_store_result res[4];
    sqlite3 *db;
    char *before, *after;
    int i;

    for (i = 0; i < 4; i++)
        ev[i] = sfx_alert(1000 + i, 10 + i, 8);
    CU_ASSERT_EQUAL(trap_store_record(s, &ev[0], NULL, NULL), TRAP_STORE_OK);
    before = dump_db(path);
    CU_ASSERT_EQUAL_FATAL(sqlite3_open(path, &db), SQLITE_OK);
    CU_ASSERT_EQUAL(sqlite3_exec(db,
                                 "CREATE TRIGGER refuse BEFORE INSERT ON events"
                                 " WHEN NEW.text = 'refuse me'"
                                 " BEGIN SELECT RAISE(ABORT, 'refused by test'); END",
                                 NULL, NULL, NULL),
                    SQLITE_OK);
    sqlite3_close(db);
    ev[0].alert_op = TRAP_STORE_ALERT_REMOVE; /* would delete alert 10 */
    ev[2].text = "refuse me";
    CU_ASSERT_EQUAL(trap_store_record_batch(s, ev, 4, NULL, res), TRAP_STORE_EDB);
    CU_ASSERT_PTR_NOT_NULL(strstr(trap_store_errmsg(s), "refused by test"));
    after = dump_db(path);
    CU_ASSERT_STRING_EQUAL(before, after);
    free(before);
    free(after);
    /* the store stays usable */
    ev[2].text = "fine";
    CU_ASSERT_EQUAL(trap_store_record_batch(s, ev, 4, NULL, res), TRAP_STORE_OK);
    trap_store_close(s);
    CU_ASSERT_EQUAL(count_rows(path, "events"), 5);
    CU_ASSERT_EQUAL(count_rows(path, "active_alerts"), 3);
}

/* A removal names what it cleared; a clear names every row it dropped. */
static void test_cleared_text(void)
{
    const char *path = new_db();
    struct trap_store *s = open_rw(path);
    struct trap_store_event ev[6];
    struct trap_store_result res[6];

    ev[0] = sfx_alert(1000, 3, 8);
    ev[0].alert_text = "jam in media path 1";
    ev[1] = sfx_alert(1001, 4, 3);
    ev[1].alert_text = "cover open";
    ev[1].dedup_key = "k-cover";
    ev[2] = sfx_alert(1002, 3, 1801); /* removal of alert 3 */
    ev[2].alert_op = TRAP_STORE_ALERT_REMOVE;
    ev[2].text = "cleared: alert 3 on prod-1";
    ev[2].dedup_key = "k-rm";
    ev[2].name_cleared = 1;
    ev[3] = sfx_alert(1003, 3, 1801); /* again: nothing left to clear */
    ev[3].alert_op = TRAP_STORE_ALERT_REMOVE;
    ev[3].text = "cleared: alert 3 on prod-1";
    ev[3].dedup_key = "k-rm2";
    ev[3].name_cleared = 1;
    ev[4] = sfx_alert(1004, 5, 8);
    ev[4].alert_text = "jam again";
    ev[5] = sfx_alert(1005, 0, 0);
    ev[5].alert_op = TRAP_STORE_ALERT_CLEAR;
    ev[5].dedup_key = "k-cold";
    CU_ASSERT_EQUAL(trap_store_record_batch(s, ev, 6, NULL, res), TRAP_STORE_OK);
    CU_ASSERT_STRING_EQUAL(res[0].cleared, "");
    CU_ASSERT_STRING_EQUAL(res[2].cleared, "jam in media path 1 (alert 3)");
    CU_ASSERT_STRING_EQUAL(res[3].cleared, "");
    CU_ASSERT_STRING_EQUAL(res[5].cleared, "cover open (alert 4); jam again (alert 5)");
    trap_store_close(s);
    /* name_cleared: the stored row of a removal says what it cleared (in
     * the same transaction); with nothing cleared it keeps its text */
    CU_ASSERT_STRING_EQUAL(event_text(path, res[2].event_id),
                           "cleared: jam in media path 1 (alert 3)");
    CU_ASSERT_STRING_EQUAL(event_text(path, res[3].event_id), "cleared: alert 3 on prod-1");
}

/* The sentence of a name_cleared removal: the severity lead goes. */
static void test_cleared_sentence(void)
{
    char out[64];

    trap_store_cleared_sentence(out, sizeof(out),
                                "critical: jam in mediaPath 1 on prod-1 (alert 3)");
    CU_ASSERT_STRING_EQUAL(out, "cleared: jam in mediaPath 1 on prod-1 (alert 3)");
    trap_store_cleared_sentence(out, sizeof(out), "warningBinaryChangeEvent: door (alert 1)");
    CU_ASSERT_STRING_EQUAL(out, "cleared: door (alert 1)");
    trap_store_cleared_sentence(out, sizeof(out), "toner low (alert 2)");
    CU_ASSERT_STRING_EQUAL(out, "cleared: toner low (alert 2)");
    trap_store_cleared_sentence(out, 16, "warning: a long text (alert 2)");
    CU_ASSERT_STRING_EQUAL(out, "cleared: a long");
}

/* Not a test of speed (nothing asserted): prints events/s for batches of 1
 * and of 1000 into the test log, for bench/RESULTS-store.md. */
static void test_batch_timing(void)
{
    enum { N = 4000 };
    struct trap_store_opts so = {.storm_window = 60, .storm_limit = 3};
    size_t sizes[2] = {1, 1000}, k;

    for (k = 0; k < 2; k++) {
        struct trap_store *s = open_rw(new_db());
        double secs = sfx_time_batches(s, N, sizes[k], &so);

        fprintf(stderr, "\ntrap_store sqlite: %d events in batches of %zu: %.0f events/s\n", N,
                sizes[k], N / secs);
        trap_store_close(s);
    }
}

/* A relay in front of two v1 agents (one source, two agent-addrs), each
 * serving two printers, and the relay's own agent: a coldStart of one
 * agent clears all of its printers' alerts and nothing of the others. */
static void test_clear_only_that_agent(void)
{
    const char *path = new_db();
    struct trap_store *s = open_rw(path);
    static const char *const agents[] = {"10.0.0.1", "10.0.0.2", NULL};
    struct trap_store_event ev[8], e;
    struct trap_store_result res;
    struct collect c;
    int i, n = 0;

    for (i = 0; i < 3; i++) {
        long d;
        for (d = 1; d <= (agents[i] ? 2 : 1); d++) {
            ev[n] = sfx_alert(1000 + n, 1, 8);
            ev[n].source = "192.0.2.50";
            ev[n].agent = agents[i];
            ev[n].dev_index = d;
            ev[n].dedup_key = NULL;
            n++;
        }
    }
    CU_ASSERT_EQUAL(trap_store_record_batch(s, ev, (size_t)n, NULL, NULL), 0);
    memset(&c, 0, sizeof(c));
    trap_store_alerts(s, NULL, collect_alert, &c);
    CU_ASSERT_EQUAL(c.n, 5); /* same (dev_index, alert_index), five rows */

    e = sfx_alert(2000, 0, 0);
    e.source = "192.0.2.50";
    e.agent = "10.0.0.1";
    e.alert_op = TRAP_STORE_ALERT_CLEAR;
    CU_ASSERT_EQUAL(trap_store_record_batch(s, &e, 1, NULL, &res), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(res.cleared, "(alert 1); "));
    memset(&c, 0, sizeof(c));
    trap_store_alerts(s, NULL, collect_alert, &c);
    CU_ASSERT_EQUAL(c.n, 3);
    /* a removal names the agent too: agent 2's alert, not the relay's */
    e = sfx_alert(3000, 1, 1801);
    e.source = "192.0.2.50";
    e.agent = "10.0.0.2";
    e.alert_op = TRAP_STORE_ALERT_REMOVE;
    CU_ASSERT_EQUAL(trap_store_record_batch(s, &e, 1, NULL, &res), 0);
    memset(&c, 0, sizeof(c));
    trap_store_alerts(s, NULL, collect_alert, &c);
    CU_ASSERT_EQUAL(c.n, 2);
    /* the relay's own coldStart (agent = source) leaves agent 2's row */
    e.agent = "192.0.2.50";
    e.alert_op = TRAP_STORE_ALERT_CLEAR;
    CU_ASSERT_EQUAL(trap_store_record_batch(s, &e, 1, NULL, &res), 0);
    CU_ASSERT_STRING_EQUAL(res.cleared, "critical: jam in mediaPath 1 on prod-1 (alert 1)");
    memset(&c, 0, sizeof(c));
    trap_store_alerts(s, NULL, collect_alert, &c);
    CU_ASSERT_EQUAL_FATAL(c.n, 1);
    CU_ASSERT_EQUAL(c.devidx[0], 2);
    trap_store_close(s);
}

/* Alerts not refreshed for alert_max_age go with the next batch. */
static void test_alert_max_age(void)
{
    const char *path = new_db();
    struct trap_store *s = open_rw(path);
    struct trap_store_opts so = {.alert_max_age = 60};
    struct trap_store_event e;
    struct collect c;

    e = sfx_alert(1000, 1, 8);
    CU_ASSERT_EQUAL(trap_store_record(s, &e, &so, NULL), 0);
    e = sfx_alert(50000, 2, 8);
    CU_ASSERT_EQUAL(trap_store_record(s, &e, &so, NULL), 0);
    e = sfx_alert(61000, 0, 0); /* 60 s after alert 1: not yet older */
    e.alert_op = TRAP_STORE_ALERT_NONE;
    CU_ASSERT_EQUAL(trap_store_record(s, &e, &so, NULL), 0);
    memset(&c, 0, sizeof(c));
    trap_store_alerts(s, NULL, collect_alert, &c);
    CU_ASSERT_EQUAL(c.n, 2);
    e.time_ms = 100000;
    CU_ASSERT_EQUAL(trap_store_record(s, &e, &so, NULL), 0);
    memset(&c, 0, sizeof(c));
    trap_store_alerts(s, NULL, collect_alert, &c);
    CU_ASSERT_EQUAL_FATAL(c.n, 1);
    CU_ASSERT_EQUAL(c.idx[0], 2);
    /* 0: never */
    so.alert_max_age = 0;
    e.time_ms = 10000000;
    CU_ASSERT_EQUAL(trap_store_record(s, &e, &so, NULL), 0);
    memset(&c, 0, sizeof(c));
    trap_store_alerts(s, NULL, collect_alert, &c);
    CU_ASSERT_EQUAL(c.n, 1);
    trap_store_close(s);
}

/* A file made by the first release's schema (verbatim) is migrated in place
 * by a read-write open, keeping its rows; read-only opens say why not. */
static void test_migrate_v1(void)
{
    static const char v1[] =
        "CREATE TABLE IF NOT EXISTS events ( id INTEGER PRIMARY KEY, time INTEGER NOT NULL,"
        " source TEXT NOT NULL, device TEXT NOT NULL, severity TEXT NOT NULL,"
        " category TEXT NOT NULL, text TEXT NOT NULL, trap_oid TEXT NOT NULL,"
        " version TEXT NOT NULL, auth TEXT NOT NULL, varbinds TEXT NOT NULL, dedup_key TEXT,"
        " repeats INTEGER NOT NULL DEFAULT 0, last_seen INTEGER NOT NULL);"
        "CREATE INDEX IF NOT EXISTS events_time ON events(time);"
        "CREATE INDEX IF NOT EXISTS events_dedup ON events(source, dedup_key, time);"
        "CREATE TABLE IF NOT EXISTS active_alerts ( source TEXT NOT NULL, device TEXT NOT NULL,"
        " dev_index INTEGER NOT NULL, alert_index INTEGER NOT NULL, severity TEXT NOT NULL,"
        " alert_group INTEGER NOT NULL, group_index INTEGER NOT NULL,"
        " location INTEGER NOT NULL, code INTEGER NOT NULL, text TEXT NOT NULL,"
        " since INTEGER NOT NULL, last_seen INTEGER NOT NULL,"
        " PRIMARY KEY (source, dev_index, alert_index));"
        "PRAGMA user_version = 1;"
        "PRAGMA journal_mode=WAL;"
        "INSERT INTO events (time, source, device, severity, category, text, trap_oid, version,"
        " auth, varbinds, dedup_key, last_seen) VALUES (500, '192.0.2.7', 'prod-1', 'critical',"
        " 'printer-alert', 'old jam', '1.3', 'v2c', 'public', '[]', 'k-jam', 500);"
        "INSERT INTO active_alerts VALUES ('192.0.2.7', 'prod-1', 1, 5, 'critical', 13, 1,"
        " 4001, 8, 'old jam', 500, 500);";
    const char *path = new_db();
    char dir[600], err[256];
    struct trap_store *s = NULL;
    struct trap_store_result res;
    struct trap_store_event e;
    struct collect c;
    sqlite3 *db;
    sqlite3_stmt *q;
    int v = -1;

    snprintf(dir, sizeof(dir), "%s", path);
    *strrchr(dir, '/') = '\0';
    CU_ASSERT_EQUAL_FATAL(mkdir(dir, 0750), 0);
    CU_ASSERT_EQUAL_FATAL(sqlite3_open(path, &db), SQLITE_OK);
    CU_ASSERT_EQUAL_FATAL(sqlite3_exec(db, v1, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);

    CU_ASSERT_EQUAL(trap_store_open(path, 1, &s, err, sizeof(err)), TRAP_STORE_ESCHEMA);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "older"));
    s = open_rw(path);
    memset(&c, 0, sizeof(c));
    trap_store_alerts(s, NULL, collect_alert, &c);
    CU_ASSERT_EQUAL_FATAL(c.n, 1);
    CU_ASSERT_EQUAL(c.idx[0], 5);
    CU_ASSERT_EQUAL(c.since[0], 500);
    /* the migrated row is the source's own agent: a removal finds it */
    e = sfx_alert(1000, 5, 1801);
    e.alert_op = TRAP_STORE_ALERT_REMOVE;
    CU_ASSERT_EQUAL(trap_store_record_batch(s, &e, 1, NULL, &res), 0);
    CU_ASSERT_STRING_EQUAL(res.cleared, "old jam (alert 5)");
    trap_store_close(s);
    CU_ASSERT_EQUAL(count_rows(path, "events"), 2);
    CU_ASSERT_EQUAL_FATAL(sqlite3_open(path, &db), SQLITE_OK);
    CU_ASSERT_EQUAL(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &q, NULL), SQLITE_OK);
    if (sqlite3_step(q) == SQLITE_ROW)
        v = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    sqlite3_close(db);
    CU_ASSERT_EQUAL(v, TRAP_STORE_SCHEMA);
    /* read-only works now */
    CU_ASSERT_EQUAL(trap_store_open(path, 1, &s, err, sizeof(err)), 0);
    trap_store_close(s);
}

/* The database file removed (rm, -wal and -shm left behind) or replaced
 * (mv) while the store is open: the next batch goes to a new file at the
 * path, with a notice; what the old file held stays there, complete. */
static void test_file_removed_or_replaced(void)
{
    const char *path = new_db();
    char old[600], other[600], err[256];
    struct trap_store *s = open_rw(path), *t = NULL;
    struct trap_store_event e = sfx_alert(1000, 1, 8);
    int i;

    for (i = 0; i < 5; i++) {
        e.time_ms = 1000 + i;
        CU_ASSERT_EQUAL(trap_store_record(s, &e, NULL, NULL), 0);
    }
    CU_ASSERT_PTR_NULL(trap_store_notice(s));
    /* keep the old inode reachable to look into it afterwards */
    snprintf(old, sizeof(old), "%s.old", path);
    CU_ASSERT_EQUAL_FATAL(link(path, old), 0);
    CU_ASSERT_EQUAL_FATAL(unlink(path), 0);
    e.time_ms = 2000;
    CU_ASSERT_EQUAL(trap_store_record(s, &e, NULL, NULL), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(nz_notice(s), "removed or replaced"));
    CU_ASSERT_PTR_NULL(trap_store_notice(s)); /* said once */
    CU_ASSERT_EQUAL(count_rows(path, "events"), 1);
    CU_ASSERT_EQUAL(count_rows(path, "active_alerts"), 1);
    CU_ASSERT_EQUAL(count_rows(old, "events"), 5); /* its WAL folded in */

    /* replaced by another database (a restore): written there */
    snprintf(other, sizeof(other), "%s.restore", path);
    CU_ASSERT_EQUAL_FATAL(trap_store_open(other, 0, &t, err, sizeof(err)), 0);
    CU_ASSERT_EQUAL(trap_store_record(t, &e, NULL, NULL), 0);
    CU_ASSERT_EQUAL(trap_store_record(t, &e, NULL, NULL), 0);
    trap_store_close(t);
    { /* a restore is of a whole file: fold its WAL in */
        sqlite3 *db;
        CU_ASSERT_EQUAL_FATAL(sqlite3_open(other, &db), SQLITE_OK);
        CU_ASSERT_EQUAL(sqlite3_exec(db, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL),
                        SQLITE_OK);
        sqlite3_close(db);
    }
    CU_ASSERT_EQUAL_FATAL(rename(other, path), 0);
    CU_ASSERT_EQUAL(trap_store_record(s, &e, NULL, NULL), 0);
    CU_ASSERT_PTR_NOT_NULL(trap_store_notice(s));
    CU_ASSERT_EQUAL(count_rows(path, "events"), 3);

    /* the path cannot be opened any more: a loud error, nothing written */
    CU_ASSERT_EQUAL_FATAL(unlink(path), 0);
    CU_ASSERT_EQUAL_FATAL(mkdir(path, 0700), 0);
    CU_ASSERT_EQUAL(trap_store_record(s, &e, NULL, NULL), TRAP_STORE_EIO);
    CU_ASSERT_PTR_NOT_NULL(strstr(trap_store_errmsg(s), "cannot be reopened"));
    trap_store_close(s);
    CU_ASSERT_EQUAL(rmdir(path), 0);
}

/* Target strings: which backend, and what a log may show of them. */
static void test_target_strings(void)
{
    char out[256];

    CU_ASSERT_EQUAL(trap_store_backend_of("postgresql://h/db", NULL), TRAP_STORE_POSTGRESQL);
    CU_ASSERT_EQUAL(trap_store_backend_of("pg:host=x", NULL), TRAP_STORE_POSTGRESQL);
    CU_ASSERT_EQUAL(trap_store_backend_of("sqlite:/x", NULL), TRAP_STORE_SQLITE);
    CU_ASSERT_EQUAL(trap_store_backend_of("/var/lib/x.db", NULL), TRAP_STORE_SQLITE);
    /* passwords never reach a log line */
    {
        CU_ASSERT_STRING_EQUAL(
            trap_store_target_redacted("pg:host=h password=s3cret dbname=x", out, sizeof(out)),
            "pg:host=h password=*** dbname=x");
        CU_ASSERT_STRING_EQUAL(
            trap_store_target_redacted("pg:password = 'a b\\' c' host=h", out, sizeof(out)),
            "pg:password=*** host=h");
        CU_ASSERT_STRING_EQUAL(
            trap_store_target_redacted("postgresql://u:s3cret@h:5432/db", out, sizeof(out)),
            "postgresql://u:***@h:5432/db");
        CU_ASSERT_STRING_EQUAL(
            trap_store_target_redacted("postgres://h/db?user=u&password=s3cret", out, sizeof(out)),
            "postgres://h/db?user=u&password=***");
        CU_ASSERT_STRING_EQUAL(
            trap_store_target_redacted("/var/lib/password=x.db", out, sizeof(out)),
            "/var/lib/password=x.db");
    }
}

static void test_invalid(void)
{
    struct trap_store *s = NULL;
    struct trap_store_event e = sfx_alert(1, 1, 1);
    char err[128];

    CU_ASSERT_EQUAL(trap_store_open("", 0, &s, err, sizeof(err)), TRAP_STORE_EINVAL);
    CU_ASSERT_EQUAL(trap_store_open("/proc/nonexistent-dir/x/traps.db", 0, &s, err, sizeof(err)),
                    TRAP_STORE_EIO);
    s = open_rw(new_db());
    e.source = NULL;
    CU_ASSERT_EQUAL(trap_store_record(s, &e, NULL, NULL), TRAP_STORE_EINVAL);
    trap_store_close(s);
    trap_store_close(NULL);
}

static void register_trap_store_suite(void)
{
    CU_pSuite s = cu_add_suite("trap_store", suite_init, suite_clean);

    CU_ADD(s, test_schema_and_modes);
    CU_ADD(s, test_schema_reopen);
    CU_ADD(s, test_alert_add_remove);
    CU_ADD(s, test_printers_on_one_host);
    CU_ADD(s, test_storm);
    CU_ADD(s, test_storm_alert_still_applied);
    CU_ADD(s, test_event_filters);
    CU_ADD(s, test_retention);
    CU_ADD(s, test_concurrent_writers);
    CU_ADD(s, test_wal_bounded);
    CU_ADD(s, test_batch_equals_sequential);
    CU_ADD(s, test_batch_rollback);
    CU_ADD(s, test_cleared_text);
    CU_ADD(s, test_cleared_sentence);
    CU_ADD(s, test_batch_timing);
    CU_ADD(s, test_clear_only_that_agent);
    CU_ADD(s, test_alert_max_age);
    CU_ADD(s, test_migrate_v1);
    CU_ADD(s, test_file_removed_or_replaced);
    CU_ADD(s, test_target_strings);
    CU_ADD(s, test_invalid);
}

const cu_registrar cu_suites[] = {register_trap_store_suite, NULL};
