/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trap_store_spool.h: the local durable spool of the PostgreSQL store
 * (trap_store_pg.c): batches it could not write to PostgreSQL, kept in
 * order in a small SQLite file until they are replayed.  Each item is one
 * event as the JSON object the server function takes, idempotency key
 * included.  Appends are one transaction with synchronous=FULL: when
 * trap_spool_append() returns 0 the items survive a crash or power loss.
 * Several processes may share one spool file.
 */
#ifndef TRAP_STORE_SPOOL_H
#define TRAP_STORE_SPOOL_H

#include <stddef.h>
#include <stdint.h>

struct trap_spool;

/* Opens (creating, mode 0640, leaf directory 0750) the spool file.
 * create = 0: returns 1 with *out NULL when the file does not exist. */
int trap_spool_open(const char *path, int create, struct trap_spool **out, char *err,
                    size_t errlen);
void trap_spool_close(struct trap_spool *sp); /* NULL-safe */

/* Appends n items in one durable transaction.  0 or -1 (message in err). */
int trap_spool_append(struct trap_spool *sp, const char *const *items, size_t n, char *err,
                      size_t errlen);

/* Replays: takes the spool's write lock, calls fn with the oldest items (at
 * most max, as one JSON array text "[item,item,...]") while there are any;
 * each time fn returns 0 those items are deleted (committed at once), and
 * a non-zero return stops with that value, leaving them.  Returns 0 when
 * the spool is empty, fn's non-zero value, or -1 on a spool error (err).
 * *replayed counts the items handed over and deleted. */
int trap_spool_replay(struct trap_spool *sp, size_t max, int (*fn)(void *arg, const char *json),
                      void *arg, long *replayed, char *err, size_t errlen);

/* Items waiting (0 when none), -1 on error. */
long trap_spool_pending(struct trap_spool *sp);

#endif
