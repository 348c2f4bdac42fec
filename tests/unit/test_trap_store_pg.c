/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_trap_store_pg.c: the PostgreSQL fleet store (trap_store_pg.c)
 * against a real server, which tests/integration/store-pg.sh starts and
 * names in PRINTDEV_TEST_PG (libpq conninfo without dbname; exit 77 when
 * unset).  Each test gets a fresh database.  The same event sequences go to
 * SQLite and PostgreSQL and must give the same fleet state; a batch equals
 * the same events one by one; a removal names what it cleared; the
 * idempotency key makes a replayed batch a no-op; forked writers keep
 * storm control exact; while PostgreSQL is unreachable or read-only the
 * batch is acknowledged from the spool and replayed later, once.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "cu_runner.h"
#include "store_fixture.h"
#include "trap_store_pg_schema.h"
#include "trap_store.h"

static const char *base;
static char tmpdir[256];
static char target[1024], spool[512];
static int db_seq;

static PGconn *admin(const char *dbname)
{
    char ci[1024];
    PGconn *c;

    snprintf(ci, sizeof(ci), "%s dbname=%s", base, dbname);
    c = PQconnectdb(ci);
    if (PQstatus(c) != CONNECTION_OK)
        fprintf(stderr, "admin connect: %s", PQerrorMessage(c));
    return c;
}

/* Runs sql; returns the first value of the first row (static) or "". */
static const char *sql1(const char *dbname, const char *sql)
{
    static char out[256];
    PGconn *c = admin(dbname);
    PGresult *r = PQexec(c, sql);

    out[0] = '\0';
    if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0)
        snprintf(out, sizeof(out), "%s", PQgetvalue(r, 0, 0));
    else if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
        fprintf(stderr, "sql %s: %s", sql, PQresultErrorMessage(r));
    PQclear(r);
    PQfinish(c);
    return out;
}

static char dbname[32];

/* A fresh database; target and spool name it. */
static void new_db(void)
{
    char sql[96];

    snprintf(dbname, sizeof(dbname), "t%d_%d", (int)getpid(), ++db_seq);
    snprintf(sql, sizeof(sql), "CREATE DATABASE %s", dbname);
    sql1("postgres", sql);
    snprintf(target, sizeof(target), "pg:%s dbname=%s", base, dbname);
    snprintf(spool, sizeof(spool), "%s/spool-%d.db", tmpdir, db_seq);
}

static long count(const char *sql)
{
    return atol(sql1(dbname, sql));
}

static int suite_init(void)
{
    base = getenv("PRINTDEV_TEST_PG");
    return base ? sfx_tmpdir(tmpdir, sizeof(tmpdir), "test_trap_store_pg") : -1;
}

static int suite_clean(void)
{
    return sfx_rmtree(tmpdir);
}

static struct trap_store *open_target(const char *t, int readonly)
{
    struct trap_store_config cfg = {.spool = spool, .receiver = "test"};
    struct trap_store *s = NULL;
    char err[512];
    int rc = trap_store_open_ex(t, readonly, &cfg, &s, err, sizeof(err));

    if (rc != 0)
        fprintf(stderr, "open %s: %s\n", t, err);
    CU_ASSERT_EQUAL_FATAL(rc, 0);
    return s;
}

/* The fleet state and history as text (no ids), through the query API. */
struct dump {
    char buf[16384];
    size_t len;
};

static int dump_alert(void *arg, const struct trap_store_alert_row *r)
{
    struct dump *d = arg;

    d->len += snprintf(d->buf + d->len, sizeof(d->buf) - d->len,
                       "A %s|%s|%s|%s|%s|%ld|%ld|%ld|%ld|%ld|%ld|%lld|%lld\n", r->source, r->agent,
                       r->device, r->severity, r->text, r->dev_index, r->alert_index, r->group,
                       r->group_index, r->location, r->code, (long long)r->since_ms,
                       (long long)r->last_seen_ms);
    return d->len >= sizeof(d->buf) - 1;
}

static int dump_event(void *arg, const struct trap_store_event_row *r)
{
    struct dump *d = arg;

    d->len += snprintf(d->buf + d->len, sizeof(d->buf) - d->len,
                       "E %lld|%s|%s|%s|%s|%s|%s|%s|%s|%s|%ld|%lld\n", (long long)r->time_ms,
                       r->source, r->agent, r->device, r->severity, r->text, r->version, r->auth,
                       r->varbinds, r->dedup_key, r->repeats, (long long)r->last_seen_ms);
    return d->len >= sizeof(d->buf) - 1;
}

static void dump_store(struct trap_store *s, struct dump *d)
{
    struct trap_store_filter f = {.limit = 1000};

    d->len = 0;
    d->buf[0] = '\0';
    CU_ASSERT_EQUAL(trap_store_alerts(s, NULL, dump_alert, d), 0);
    CU_ASSERT_EQUAL(trap_store_events(s, &f, dump_event, d), 0);
}

/* Adds, storm repeats, removal by index, trailing edge, a relay's agents
 * and a clear of one of them, a plain event. */
static size_t mixed_events(struct trap_store_event *ev)
{
    size_t n = 0;
    int i;

    for (i = 0; i < 6; i++)
        ev[n++] = sfx_alert(1000 + 100 * i, 1 + i % 3, 8);
    ev[n] = sfx_alert(2000, 4, 3);
    ev[n].group = 6;
    ev[n].alert_text = "cover open";
    ev[n++].dedup_key = "k-cover";
    ev[n] = sfx_alert(2100, 2, 1801);
    ev[n].text = "cleared: alert 2 on prod-1";
    ev[n].dedup_key = "k-rm";
    ev[n].name_cleared = 1;
    ev[n++].alert_op = TRAP_STORE_ALERT_REMOVE;
    ev[n] = sfx_alert(2200, -1, 3);
    ev[n].alert_op = TRAP_STORE_ALERT_REMOVE;
    ev[n].group = 6;
    ev[n++].dedup_key = "k-close";
    for (i = 0; i < 2; i++) {
        ev[n] = sfx_alert(2300 + i, 7, 808);
        ev[n].source = "192.0.2.50";
        ev[n].agent = i ? "10.0.0.2" : "10.0.0.1";
        ev[n].device = "relay";
        ev[n++].dedup_key = NULL;
    }
    ev[n] = sfx_alert(2400, 0, 0);
    ev[n].source = "192.0.2.50";
    ev[n].agent = "10.0.0.1";
    ev[n].dedup_key = "k-cold";
    ev[n++].alert_op = TRAP_STORE_ALERT_CLEAR;
    ev[n] = sfx_alert(2500, 0, 0);
    ev[n].dedup_key = NULL;
    ev[n].text = "caf\xc3\xa9 \x01 \xff raw";
    ev[n++].alert_op = TRAP_STORE_ALERT_NONE;
    return n;
}

static void test_same_as_sqlite(void)
{
    struct trap_store_opts so = {.storm_window = 60, .storm_limit = 2};
    struct trap_store_event ev[32];
    struct trap_store_result rp[32], rq[32], rl[32];
    static struct dump dl, dp, dq;
    struct trap_store *lite, *pg;
    char path[600];
    size_t n = mixed_events(ev), i;

    ev[n - 1].text = "plain"; /* SQLite keeps raw bytes; PostgreSQL text is UTF-8 */
    snprintf(path, sizeof(path), "%s/same.db", tmpdir);
    lite = open_target(path, 0);
    CU_ASSERT_EQUAL(trap_store_record_batch(lite, ev, n, &so, rl), 0);
    new_db();
    pg = open_target(target, 0);
    CU_ASSERT_EQUAL(trap_store_record_batch(pg, ev, n, &so, rp), 0);
    for (i = 0; i < n; i++) {
        CU_ASSERT_EQUAL(rp[i].status, rl[i].status);
        CU_ASSERT_STRING_EQUAL(rp[i].cleared, rl[i].cleared);
    }
    CU_ASSERT_EQUAL(rp[4].status, TRAP_STORE_SUPPRESSED);
    CU_ASSERT_STRING_EQUAL(rp[7].cleared, rl[7].cleared);
    CU_ASSERT_PTR_NOT_NULL(strstr(rp[7].cleared, "(alert 2)"));
    CU_ASSERT_PTR_NOT_NULL(strstr(rp[11].cleared, "(alert 7)"));
    dump_store(lite, &dl);
    dump_store(pg, &dp);
    CU_ASSERT(dl.len > 200);
    CU_ASSERT_STRING_EQUAL(dp.buf, dl.buf);
    CU_ASSERT_PTR_NOT_NULL(strstr(dp.buf, "|cleared: jam in mediaPath 1 on prod-1 (alert 2)|"));
    trap_store_close(pg);

    /* one by one gives the same as the batch */
    new_db();
    pg = open_target(target, 0);
    for (i = 0; i < n; i++)
        CU_ASSERT_EQUAL(trap_store_record_batch(pg, &ev[i], 1, &so, &rq[i]), 0);
    for (i = 0; i < n; i++)
        CU_ASSERT_EQUAL(rq[i].status, rp[i].status);
    dump_store(pg, &dq);
    CU_ASSERT_STRING_EQUAL(dq.buf, dp.buf);
    trap_store_close(pg);
    trap_store_close(lite);

    /* bytes that are not UTF-8 are stored escaped, not refused */
    new_db();
    pg = open_target(target, 0);
    n = mixed_events(ev);
    CU_ASSERT_EQUAL(trap_store_record_batch(pg, &ev[n - 1], 1, &so, rp), 0);
    CU_ASSERT_STRING_EQUAL(sql1(dbname, "SELECT text FROM events"), "caf\\xc3\\xa9 \x01 \\xff raw");
    /* quotes, backslashes, controls and valid UTF-8 arrive as they are */
    ev[n - 1].text = "say \"hi\" \\ a\tb\nc caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x96\xa8";
    ev[n - 1].time_ms++;
    CU_ASSERT_EQUAL(trap_store_record_batch(pg, &ev[n - 1], 1, &so, rp), 0);
    CU_ASSERT_STRING_EQUAL(sql1(dbname, "SELECT text FROM events ORDER BY id DESC LIMIT 1"),
                           "say \"hi\" \\ a\tb\nc caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x96\xa8");
    /* a surrogate (ED A0 80) is not UTF-8: escaped */
    ev[n - 1].text = "x\xed\xa0\x80";
    ev[n - 1].time_ms++;
    CU_ASSERT_EQUAL(trap_store_record_batch(pg, &ev[n - 1], 1, &so, rp), 0);
    CU_ASSERT_STRING_EQUAL(sql1(dbname, "SELECT text FROM events ORDER BY id DESC LIMIT 1"),
                           "x\\xed\\xa0\\x80");
    trap_store_close(pg);
}

/* The usual batch (every event new, one operation per alert row, storm
 * groups with copies stored before and inside the batch) goes the
 * set-based way on the server: same results and state as SQLite. */
static void test_set_based_same_as_sqlite(void)
{
    static const char *const srcs[] = {"192.0.2.1", "192.0.2.2", "192.0.2.3"};
    static const char *const keys[] = {"k-a", "k-b"};
    struct trap_store_opts so = {.storm_window = 60, .storm_limit = 3};
    struct trap_store_event ev[64];
    struct trap_store_result rl[64], rp[64];
    static struct dump dl, dp;
    struct trap_store *lite, *pg;
    char path[600];
    int round, i, n;

    snprintf(path, sizeof(path), "%s/set.db", tmpdir);
    lite = open_target(path, 0);
    new_db();
    pg = open_target(target, 0);
    for (round = 0; round < 3; round++) {
        n = 0;
        for (i = 0; i < 24; i++) {
            ev[n] = sfx_alert(100000 + round * 1000 + i, 10 * round + i / 6, 8);
            ev[n].source = srcs[i % 3];
            ev[n].dedup_key = keys[i / 3 % 2];
            if (round == 2 && i % 6 == 5) { /* removes an alert of round 0 */
                ev[n].alert_op = TRAP_STORE_ALERT_REMOVE;
                ev[n].alert_index = i / 6;
                ev[n].name_cleared = i > 6; /* named or not: both backends alike */
            }
            n++;
        }
        CU_ASSERT_EQUAL(trap_store_record_batch(lite, ev, (size_t)n, &so, rl), 0);
        CU_ASSERT_EQUAL(trap_store_record_batch(pg, ev, (size_t)n, &so, rp), 0);
        for (i = 0; i < n; i++) {
            CU_ASSERT_EQUAL(rp[i].status, rl[i].status);
            CU_ASSERT_EQUAL(rp[i].event_id, rl[i].event_id);
            CU_ASSERT_STRING_EQUAL(rp[i].cleared, rl[i].cleared);
        }
    }
    CU_ASSERT_EQUAL(rp[0].status, TRAP_STORE_SUPPRESSED);
    CU_ASSERT_PTR_NOT_NULL(strstr(rp[5].cleared, "(alert 0)"));
    dump_store(lite, &dl);
    dump_store(pg, &dp);
    CU_ASSERT(dl.len > 200);
    CU_ASSERT_STRING_EQUAL(dp.buf, dl.buf);
    trap_store_close(pg);
    trap_store_close(lite);
}

/* The server function ignores events whose key it has seen. */
/* Several adds of one alert row in a batch (a repeating trap, storm
 * control off) go set-based too: the row ends as one by one leaves it,
 * "since" included, with the code changing inside and across batches. */
static void test_repeated_adds_same_as_sqlite(void)
{
    static const long codes[3][6] = {{8, 8, 8, 8, 8, 8}, {8, 8, 3, 3, 8, 8}, {8, 8, 8, 3, 3, 3}};
    struct trap_store_opts so = {0}; /* storm control off */
    struct trap_store_event ev[12];
    struct trap_store_result rl[12], rp[12];
    static struct dump dl, dp;
    struct trap_store *lite, *pg;
    char path[600];
    int round, i;

    snprintf(path, sizeof(path), "%s/adds.db", tmpdir);
    lite = open_target(path, 0);
    new_db();
    pg = open_target(target, 0);
    for (round = 0; round < 3; round++) {
        for (i = 0; i < 12; i++) {
            ev[i] = sfx_alert(300000 + round * 1000 + i * 10, 1 + i % 2, codes[round][i / 2]);
            ev[i].group = codes[round][i / 2] == 3 ? 6 : 13;
        }
        CU_ASSERT_EQUAL(trap_store_record_batch(lite, ev, 12, &so, rl), 0);
        CU_ASSERT_EQUAL(trap_store_record_batch(pg, ev, 12, &so, rp), 0);
        dump_store(lite, &dl);
        dump_store(pg, &dp);
        CU_ASSERT(dl.len > 100);
        CU_ASSERT_STRING_EQUAL(dp.buf, dl.buf);
    }
    trap_store_close(pg);
    trap_store_close(lite);
}

/* A name_cleared removal is stored naming what it cleared, on each of the
 * server's paths: one by one (a batch wider than the storm window), the
 * set-based one with one operation per alert row, and one by one inside
 * the set-based one (a clear in the batch). */
static void test_cleared_stored(void)
{
    struct trap_store_opts so = {.storm_window = 60, .storm_limit = 5};
    struct trap_store_event ev[3];
    struct trap_store_result res[3];
    struct trap_store *s;
    char sql[128];
    int i;

    new_db();
    s = open_target(target, 0);
    /* one by one: add alert 3, remove it 200 s later */
    ev[0] = sfx_alert(1000, 3, 8);
    ev[1] = sfx_alert(201000, 3, 1801);
    ev[1].alert_op = TRAP_STORE_ALERT_REMOVE;
    ev[1].text = "cleared: alert 3 on prod-1";
    ev[1].dedup_key = NULL;
    ev[1].name_cleared = 1;
    CU_ASSERT_EQUAL(trap_store_record_batch(s, ev, 2, &so, res), 0);
    snprintf(sql, sizeof(sql), "SELECT text FROM events WHERE id = %lld",
             (long long)res[1].event_id);
    CU_ASSERT_STRING_EQUAL(sql1(dbname, sql), "cleared: jam in mediaPath 1 on prod-1 (alert 3)");
    CU_ASSERT_STRING_EQUAL(res[1].cleared, "critical: jam in mediaPath 1 on prod-1 (alert 3)");
    /* set-based: add alert 4 and 5, then remove 4 (named), 5 (not) and 6
     * (nothing to clear) */
    ev[0] = sfx_alert(202000, 4, 8);
    ev[1] = sfx_alert(202001, 5, 8);
    ev[1].alert_text = "warning: cover open";
    CU_ASSERT_EQUAL(trap_store_record_batch(s, ev, 2, &so, res), 0);
    for (i = 0; i < 3; i++) {
        ev[i] = sfx_alert(203000 + i, 4 + i, 1801);
        ev[i].alert_op = TRAP_STORE_ALERT_REMOVE;
        ev[i].text = "cleared: alert N on prod-1";
        ev[i].dedup_key = NULL;
        ev[i].name_cleared = i != 1;
    }
    CU_ASSERT_EQUAL(trap_store_record_batch(s, ev, 3, &so, res), 0);
    snprintf(sql, sizeof(sql),
             "SELECT string_agg(text, '|' ORDER BY id) FROM events WHERE id >= %lld",
             (long long)res[0].event_id);
    CU_ASSERT_STRING_EQUAL(sql1(dbname, sql),
                           "cleared: jam in mediaPath 1 on prod-1 (alert 4)|"
                           "cleared: alert N on prod-1|cleared: alert N on prod-1");
    /* inside the set-based path, one by one (a clear comes later) */
    ev[0] = sfx_alert(204000, 7, 8);
    ev[0].alert_text = "warning: cover open";
    ev[0].dedup_key = NULL;
    ev[1] = sfx_alert(204001, 7, 1801);
    ev[1].alert_op = TRAP_STORE_ALERT_REMOVE;
    ev[1].text = "cleared: alert 7 on prod-1";
    ev[1].dedup_key = NULL;
    ev[1].name_cleared = 1;
    ev[2] = sfx_alert(204002, 0, 0);
    ev[2].alert_op = TRAP_STORE_ALERT_CLEAR;
    ev[2].dedup_key = NULL;
    CU_ASSERT_EQUAL(trap_store_record_batch(s, ev, 3, &so, res), 0);
    snprintf(sql, sizeof(sql), "SELECT text FROM events WHERE id = %lld",
             (long long)res[1].event_id);
    CU_ASSERT_STRING_EQUAL(sql1(dbname, sql), "cleared: cover open (alert 7)");
    trap_store_close(s);
}

static void test_idempotent(void)
{
    struct trap_store *s;
    struct trap_store_event e = sfx_alert(1000, 1, 8);
    char sql[640];

    new_db();
    s = open_target(target, 0);
    CU_ASSERT_EQUAL(trap_store_record(s, &e, NULL, NULL), 0);
    trap_store_close(s);
    CU_ASSERT_EQUAL(count("SELECT count(*) FROM events"), 1);
    /* the same key again (a batch whose answer was lost, sent again) */
    snprintf(sql, sizeof(sql),
             "SELECT string_agg(status::text, ',') FROM printdev_record_batch("
             "(SELECT jsonb_agg(jsonb_build_object('receiver', receiver, 'seq', seq, 'time',"
             " time, 'source', source, 'agent', agent, 'device', device, 'severity', severity,"
             " 'category', category, 'text', text, 'trap_oid', trap_oid, 'version', version,"
             " 'auth', auth, 'varbinds', varbinds, 'op', 3, 'dev_index', 1, 'alert_index', 1))"
             " FROM events)::json, 0, 1, 30, 0)");
    CU_ASSERT_STRING_EQUAL(sql1(dbname, sql), "1");
    CU_ASSERT_EQUAL(count("SELECT count(*) FROM events"), 1);
    CU_ASSERT_EQUAL(count("SELECT count(*) FROM active_alerts"), 1); /* clear not applied */
}

/* Forked writers, one connection each, storm control on one key: exactly
 * `limit` stored in all, every copy counted once. */
#define PROCS 4
#define PER_PROC 60

/* Writer i: PER_PROC events in batches of 10 on one connection. */
static int storm_writer(int i, void *arg)
{
    const struct trap_store_opts *so = arg;
    struct trap_store_config cfg = {.spool = spool};
    struct trap_store *s = NULL;
    struct trap_store_event ev[10];
    char err[512];
    int j, k, fails = 0;

    if (trap_store_open_ex(target, 0, &cfg, &s, err, sizeof(err)) < 0)
        return 2;
    for (j = 0; j < PER_PROC; j += 10) {
        for (k = 0; k < 10; k++)
            ev[k] = sfx_alert(100000 + j + k, 1000 * i + j + k, 8);
        if (trap_store_record_batch(s, ev, 10, so, NULL) < 0) {
            fprintf(stderr, "child: %s\n", trap_store_errmsg(s));
            fails++;
        }
    }
    if (trap_store_notice(s)) /* spooled: not what this test wants */
        fails++;
    trap_store_close(s);
    return fails ? 1 : 0;
}

static void test_concurrent_storm(void)
{
    struct trap_store_opts so = {.storm_window = 3600, .storm_limit = 3};

    new_db();
    trap_store_close(open_target(target, 0)); /* schema */
    CU_ASSERT(sfx_fork_writers(PROCS, storm_writer, &so));
    CU_ASSERT_EQUAL(count("SELECT count(*) FROM events"), 3);
    CU_ASSERT_EQUAL(count("SELECT sum(repeats) + count(*) FROM events"), PROCS * PER_PROC);
    CU_ASSERT_EQUAL(count("SELECT count(*) FROM active_alerts"), PROCS * PER_PROC);
    /* one high-water mark per writer, at its last event */
    CU_ASSERT_EQUAL(count("SELECT sum(last_seq) FROM receivers WHERE receiver LIKE 'test/%'"), 0);
    CU_ASSERT_EQUAL(count("SELECT sum(last_seq) FROM receivers"), PROCS * PER_PROC);
}

/* Unreachable at open and at write: acknowledged from the spool, replayed
 * by the next batch that reaches the server, once. */
static void test_spool_replay(void)
{
    struct trap_store_event e = sfx_alert(1000, 1, 8);
    struct trap_store_result r;
    struct trap_store *down, *up;
    char bad[1200];
    const char *note;
    struct stat st;

    new_db();
    trap_store_close(open_target(target, 0));
    /* a port nothing listens on, same socket directory */
    snprintf(bad, sizeof(bad), "%s port=1 dbname=%s", target, dbname);
    down = open_target(bad, 0);
    e.dedup_key = NULL;
    CU_ASSERT_EQUAL(trap_store_record_batch(down, &e, 1, NULL, &r), TRAP_STORE_OK);
    CU_ASSERT_EQUAL(r.status, TRAP_STORE_OK);
    note = trap_store_notice(down);
    CU_ASSERT_PTR_NOT_NULL(note);
    CU_ASSERT_PTR_NOT_NULL(note ? strstr(note, "spool") : NULL);
    e.time_ms = 1001;
    e.alert_index = 2;
    CU_ASSERT_EQUAL(trap_store_record_batch(down, &e, 1, NULL, &r), TRAP_STORE_OK);
    CU_ASSERT_PTR_NULL(trap_store_notice(down)); /* said once per outage */
    trap_store_close(down);
    CU_ASSERT_EQUAL(stat(spool, &st), 0);
    CU_ASSERT_EQUAL(st.st_mode & 0777, 0640);
    CU_ASSERT_EQUAL(count("SELECT count(*) FROM events"), 0);

    /* an idle receiver's flush replays it (the next batch would too) */
    down = open_target(bad, 0);
    CU_ASSERT_EQUAL(trap_store_flush(down, NULL), TRAP_STORE_OK); /* still away: kept */
    trap_store_close(down);
    CU_ASSERT_EQUAL(count("SELECT count(*) FROM events"), 0);
    up = open_target(target, 0);
    CU_ASSERT_EQUAL(trap_store_flush(up, NULL), TRAP_STORE_OK);
    CU_ASSERT_EQUAL(count("SELECT count(*) FROM events"), 2);
    note = trap_store_notice(up);
    CU_ASSERT_PTR_NOT_NULL(note ? strstr(note, "2 spooled events replayed") : NULL);
    e.time_ms = 1002;
    e.alert_index = 3;
    CU_ASSERT_EQUAL(trap_store_record_batch(up, &e, 1, NULL, &r), TRAP_STORE_OK);
    CU_ASSERT_EQUAL(count("SELECT count(*) FROM events"), 3);
    CU_ASSERT_EQUAL(count("SELECT count(*) FROM active_alerts"), 3);
    /* replayed first: history in order */
    CU_ASSERT_STRING_EQUAL(sql1(dbname, "SELECT string_agg(time::text, ',' ORDER BY id)"
                                        " FROM events"),
                           "1000,1001,1002");
    CU_ASSERT_PTR_NULL(trap_store_notice(up));
    trap_store_close(up);
}

/* A read-only database (default_transaction_read_only) is "cannot take
 * writes now": spooled, then replayed once writable again. */
static void test_read_only(void)
{
    struct trap_store_event e = sfx_alert(1000, 1, 8);
    struct trap_store *s;
    char sql[160];

    new_db();
    s = open_target(target, 0);
    snprintf(sql, sizeof(sql), "ALTER DATABASE %s SET default_transaction_read_only = on", dbname);
    sql1("postgres", sql);
    trap_store_close(s); /* the setting applies to new sessions */
    s = open_target(target, 0);
    CU_ASSERT_EQUAL(trap_store_record(s, &e, NULL, NULL), TRAP_STORE_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(trap_store_notice(s) ? trap_store_errmsg(s) : "", "read-only"));
    trap_store_close(s);
    CU_ASSERT_EQUAL(count("SELECT count(*) FROM events"), 0);
    snprintf(sql, sizeof(sql), "ALTER DATABASE %s RESET default_transaction_read_only", dbname);
    sql1("postgres", sql);
    s = open_target(target, 0);
    e.time_ms = 2000;
    CU_ASSERT_EQUAL(trap_store_record(s, &e, NULL, NULL), TRAP_STORE_OK);
    trap_store_close(s);
    CU_ASSERT_EQUAL(count("SELECT count(*) FROM events"), 2);
}

static void test_schema(void)
{
    struct trap_store *s = NULL;
    char err[512];

    new_db();
    /* read-only open of a database without the schema: refused */
    CU_ASSERT_EQUAL(trap_store_open(target, 1, &s, err, sizeof(err)), TRAP_STORE_ESCHEMA);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "no printdev schema"));
    s = open_target(target, 0);
    trap_store_close(s);
    CU_ASSERT_EQUAL(atoi(sql1(dbname, "SELECT version FROM schema_version")), TRAP_STORE_PG_SCHEMA);
    s = open_target(target, 0); /* again: nothing to do */
    trap_store_close(s);
    sql1(dbname, "UPDATE schema_version SET version = 99");
    CU_ASSERT_EQUAL(trap_store_open(target, 0, &s, err, sizeof(err)), TRAP_STORE_ESCHEMA);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "newer"));
    /* the target forms */
    CU_ASSERT_EQUAL(trap_store_backend_of("postgresql://h/db", NULL), TRAP_STORE_POSTGRESQL);
    CU_ASSERT_EQUAL(trap_store_backend_of("postgres://h/db", NULL), TRAP_STORE_POSTGRESQL);
    CU_ASSERT_EQUAL(trap_store_backend_of("pg:host=x", NULL), TRAP_STORE_POSTGRESQL);
    CU_ASSERT_EQUAL(trap_store_backend_of("sqlite:/x", NULL), TRAP_STORE_SQLITE);
    CU_ASSERT_EQUAL(trap_store_backend_of("/var/lib/x.db", NULL), TRAP_STORE_SQLITE);
}

/* A version 1 database with history is migrated in place by a writer:
 * its events and alerts stay, and the batches go the new way. */
static void test_migrate_from_1(void)
{
    struct trap_store_opts so = {.storm_window = 60, .storm_limit = 5};
    struct trap_store_event ev[2];
    struct trap_store_result res[2];
    struct trap_store *s;

    new_db();
    sql1(dbname, trap_store_pg_migrations[0]);
    sql1(dbname, "CREATE TABLE schema_version (version integer NOT NULL);"
                 " INSERT INTO schema_version VALUES (1)");
    sql1(dbname, "SELECT * FROM printdev_record_batch('[{\"receiver\": \"old\", \"seq\": 1,"
                 " \"time\": 1000, \"source\": \"192.0.2.7\", \"agent\": \"\","
                 " \"device\": \"prod-1\", \"severity\": \"critical\", \"category\": \"c\","
                 " \"text\": \"critical: jam\", \"trap_oid\": \"1.3\", \"version\": \"v2c\","
                 " \"auth\": \"\", \"varbinds\": \"[]\", \"dedup_key\": \"k\", \"op\": 1,"
                 " \"dev_index\": 1, \"alert_index\": 3, \"alert_severity\": \"critical\","
                 " \"alert_group\": 13, \"group_index\": 1, \"location\": 4001, \"code\": 8,"
                 " \"alert_text\": \"critical: jam\"}]'::jsonb, 60, 5, 30, 0)");
    CU_ASSERT_EQUAL(count("SELECT count(*) FROM active_alerts"), 1);
    s = open_target(target, 0);
    CU_ASSERT_EQUAL(atoi(sql1(dbname, "SELECT version FROM schema_version")), TRAP_STORE_PG_SCHEMA);
    ev[0] = sfx_alert(2000, 3, 1801);
    ev[0].alert_op = TRAP_STORE_ALERT_REMOVE;
    ev[0].text = "cleared: alert 3 on prod-1";
    ev[0].dedup_key = "k-rm";
    ev[0].name_cleared = 1;
    ev[1] = sfx_alert(2001, 4, 8);
    CU_ASSERT_EQUAL(trap_store_record_batch(s, ev, 2, &so, res), 0);
    CU_ASSERT_STRING_EQUAL(res[0].cleared, "critical: jam (alert 3)");
    CU_ASSERT_EQUAL(count("SELECT count(*) FROM events"), 3);
    CU_ASSERT_STRING_EQUAL(sql1(dbname, "SELECT string_agg(text, '|' ORDER BY id) FROM events"),
                           "critical: jam|cleared: jam (alert 3)|critical: jam in mediaPath 1 on "
                           "prod-1");
    trap_store_close(s);
}

/* Not a test of speed (nothing asserted): rows/s for batches of 1 and 1000. */
static void test_timing(void)
{
    enum { N = 4000 };
    struct trap_store_opts so = {.storm_window = 60, .storm_limit = 3};
    size_t sizes[2] = {1, 1000}, k;

    for (k = 0; k < 2; k++) {
        struct trap_store *s;
        size_t total = sizes[k] == 1 ? N / 4 : N;
        double secs;

        new_db();
        s = open_target(target, 0);
        secs = sfx_time_batches(s, total, sizes[k], &so);
        fprintf(stderr, "\ntrap_store postgresql: %zu events in batches of %zu: %.0f events/s\n",
                total, sizes[k], (double)total / secs);
        CU_ASSERT_PTR_NULL(trap_store_notice(s));
        trap_store_close(s);
    }
}

static void register_trap_store_pg_suite(void)
{
    CU_pSuite s = cu_add_suite("trap_store_pg", suite_init, suite_clean);

    CU_ADD(s, test_same_as_sqlite);
    CU_ADD(s, test_set_based_same_as_sqlite);
    CU_ADD(s, test_repeated_adds_same_as_sqlite);
    CU_ADD(s, test_cleared_stored);
    CU_ADD(s, test_idempotent);
    CU_ADD(s, test_concurrent_storm);
    CU_ADD(s, test_spool_replay);
    CU_ADD(s, test_read_only);
    CU_ADD(s, test_schema);
    CU_ADD(s, test_migrate_from_1);
    CU_ADD(s, test_timing);
}

const cu_registrar cu_suites[] = {register_trap_store_pg_suite, NULL};
