/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trap_store_spool.c: the PostgreSQL store's local durable spool (see
 * trap_store_spool.h): one SQLite table of JSON items in arrival order.
 */
#include "config.h"

#include "trap_store_spool.h"
#include "trap_store.h"
#include "trap_store_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

struct trap_spool {
    sqlite3 *db;
};

static int spool_fail(struct trap_spool *sp, const char *what, char *err, size_t errlen)
{
    snprintf(err, errlen, "spool: %s: %s", what, sqlite3_errmsg(sp->db));
    return -1;
}

int trap_spool_open(const char *path, int create, struct trap_spool **out, char *err, size_t errlen)
{
    struct trap_spool *sp;
    int fd;

    *out = NULL;
    if (!create && access(path, F_OK) < 0 && errno == ENOENT)
        return 1;
    if (trap_store_make_parent(path, err, errlen) < 0)
        return -1;
    fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0640);
    if (fd < 0) {
        snprintf(err, errlen, "spool %s: %s", path, strerror(errno));
        return -1;
    }
    close(fd);
    sp = calloc(1, sizeof(*sp));
    if (!sp) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (sqlite3_open_v2(path, &sp->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK) {
        snprintf(err, errlen, "spool %s: %s", path,
                 sp->db ? sqlite3_errmsg(sp->db) : "cannot open");
        trap_spool_close(sp);
        return -1;
    }
    sqlite3_busy_timeout(sp->db, TRAP_STORE_BUSY_MS);
    /* FULL: an acknowledged batch survives power loss, not only a crash */
    if (sqlite3_exec(
            sp->db,
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
            "CREATE TABLE IF NOT EXISTS spool (id INTEGER PRIMARY KEY, item TEXT NOT NULL)",
            NULL, NULL, NULL) != SQLITE_OK) {
        spool_fail(sp, path, err, errlen);
        trap_spool_close(sp);
        return -1;
    }
    *out = sp;
    return 0;
}

void trap_spool_close(struct trap_spool *sp)
{
    if (!sp)
        return;
    sqlite3_close_v2(sp->db);
    free(sp);
}

int trap_spool_append(struct trap_spool *sp, const char *const *items, size_t n, char *err,
                      size_t errlen)
{
    sqlite3_stmt *st = NULL;
    size_t i;

    if (sqlite3_exec(sp->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return spool_fail(sp, "append", err, errlen);
    if (sqlite3_prepare_v2(sp->db, "INSERT INTO spool (item) VALUES (?1)", -1, &st, NULL) !=
        SQLITE_OK)
        goto bad;
    for (i = 0; i < n; i++) {
        sqlite3_bind_text(st, 1, items[i], -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE)
            goto bad;
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    st = NULL;
    if (sqlite3_exec(sp->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        goto bad;
    return 0;
bad:
    spool_fail(sp, "append", err, errlen);
    sqlite3_finalize(st);
    sqlite3_exec(sp->db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

long trap_spool_pending(struct trap_spool *sp)
{
    sqlite3_stmt *st;
    long n = -1;

    if (sqlite3_prepare_v2(sp->db, "SELECT count(*) FROM spool", -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        n = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* The oldest items (at most max) as one JSON array; *last gets the
 * newest id taken, *count how many.  NULL when none or on error (*count
 * -1 then). */
static char *take(struct trap_spool *sp, size_t max, sqlite3_int64 *last, long *count)
{
    sqlite3_stmt *st;
    size_t len = 1, cap = 4096;
    char *buf = malloc(cap), *nb;
    int rc;

    *count = -1;
    if (!buf || sqlite3_prepare_v2(sp->db, "SELECT id, item FROM spool ORDER BY id LIMIT ?1", -1,
                                   &st, NULL) != SQLITE_OK) {
        free(buf);
        return NULL;
    }
    sqlite3_bind_int64(st, 1, (sqlite3_int64)max);
    buf[0] = '[';
    *count = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *item = (const char *)sqlite3_column_text(st, 1);
        size_t il = item ? strlen(item) : 0;

        if (len + il + 3 > cap) {
            while (len + il + 3 > cap)
                cap *= 2;
            if (!(nb = realloc(buf, cap)))
                break;
            buf = nb;
        }
        if (*count)
            buf[len++] = ',';
        memcpy(buf + len, item ? item : "", il);
        len += il;
        *last = sqlite3_column_int64(st, 0);
        (*count)++;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE || *count == 0) {
        *count = rc == SQLITE_DONE ? 0 : -1;
        free(buf);
        return NULL;
    }
    buf[len++] = ']';
    buf[len] = '\0';
    return buf;
}

int trap_spool_replay(struct trap_spool *sp, size_t max, int (*fn)(void *arg, const char *json),
                      void *arg, long *replayed, char *err, size_t errlen)
{
    *replayed = 0;
    for (;;) {
        sqlite3_int64 last = 0;
        long count;
        char *json;
        int rc;

        if (sqlite3_exec(sp->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
            return spool_fail(sp, "replay", err, errlen);
        json = take(sp, max, &last, &count);
        if (!json) {
            if (count < 0)
                spool_fail(sp, "replay", err, errlen);
            sqlite3_exec(sp->db, "ROLLBACK", NULL, NULL, NULL);
            return count < 0 ? -1 : 0;
        }
        rc = fn(arg, json);
        free(json);
        if (rc != 0) {
            sqlite3_exec(sp->db, "ROLLBACK", NULL, NULL, NULL);
            return rc;
        }
        /* delivered (and committed there): forget them.  A crash before
         * this commit replays them again; the server ignores repeats. */
        {
            sqlite3_stmt *st;
            int ok = sqlite3_prepare_v2(sp->db, "DELETE FROM spool WHERE id <= ?1", -1, &st,
                                        NULL) == SQLITE_OK;
            if (ok) {
                sqlite3_bind_int64(st, 1, last);
                ok = sqlite3_step(st) == SQLITE_DONE;
                sqlite3_finalize(st);
            }
            if (!ok || sqlite3_exec(sp->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
                spool_fail(sp, "replay", err, errlen);
                sqlite3_exec(sp->db, "ROLLBACK", NULL, NULL, NULL);
                return -1;
            }
        }
        *replayed += count;
    }
}
