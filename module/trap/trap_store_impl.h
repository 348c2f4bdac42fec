/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trap_store_impl.h: what the store backends (trap_store_sqlite.c,
 * trap_store_pg.c) share with the dispatcher (trap_store.c).  Not installed,
 * not for callers: they use trap_store.h.
 *
 * A backend's handle embeds struct trap_store as its first member.  The
 * dispatcher checks arguments before calling an operation: record_batch
 * gets n >= 1 events that all have a source, non-NULL opts, a writable
 * store; res may be NULL.
 */
#ifndef TRAP_STORE_IMPL_H
#define TRAP_STORE_IMPL_H

#include <stddef.h>

#include "trap_store.h"

struct trap_store_ops {
    int (*record_batch)(struct trap_store *s, const struct trap_store_event *evs, size_t n,
                        const struct trap_store_opts *opts, struct trap_store_result *res);
    int (*alerts)(struct trap_store *s, const char *device,
                  int (*fn)(void *arg, const struct trap_store_alert_row *row), void *arg);
    int (*events)(struct trap_store *s, const struct trap_store_filter *f,
                  int (*fn)(void *arg, const struct trap_store_event_row *row), void *arg);
    int (*flush)(struct trap_store *s, const struct trap_store_opts *opts); /* may be NULL */
    void (*close)(struct trap_store *s);
};

struct trap_store {
    const struct trap_store_ops *ops;
    int readonly;
    char notice[320]; /* to log once (trap_store_notice) */
    char err[512];    /* last error */
};

int trap_store_sqlite_open(const char *path, int readonly, struct trap_store **out, char *err,
                           size_t errlen);
int trap_store_pg_open(const char *conninfo, int readonly, const struct trap_store_config *cfg,
                       struct trap_store **out, char *err, size_t errlen);

struct sqlite3;
/* Creates or migrates the SQLite schema, or checks it (readonly); with the
 * message in err on failure (trap_store_sqlite_schema.c). */
int trap_store_sqlite_schema(struct sqlite3 *db, int readonly, char *err, size_t errlen);

/* s, or "" for NULL. */
const char *trap_store_nz(const char *s);
/* The agent key of an event: "" when the source address is the agent. */
const char *trap_store_agent_of(const struct trap_store_event *ev);
/* Appends "TEXT (alert N)" to cleared ("; " between rows, "..." when cut). */
void trap_store_add_cleared(char *cleared, size_t size, const char *text, long alert_index);
/* Creates the leaf directory of path (0750) when missing; -1 and err. */
int trap_store_make_parent(const char *path, char *err, size_t errlen);

#endif
