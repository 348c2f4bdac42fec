/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * store_fixture.h: what the fleet-store unit tests (test_trap_store.c on
 * SQLite, test_trap_store_pg.c on PostgreSQL) share: a private temporary
 * directory, the alert event their sequences are built from, and forked
 * writers.
 */
#ifndef STORE_FIXTURE_H
#define STORE_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

#include "trap_store.h"

/* Creates a fresh directory $TMPDIR/NAME.XXXXXX (TMPDIR defaults to /tmp)
 * into dir (cap bytes).  Returns 0 or -1. */
int sfx_tmpdir(char *dir, size_t cap, const char *name);

/* Removes dir and everything below it (no shell).  Returns 0 or -1. */
int sfx_rmtree(const char *dir);

/* A critical jam alert of prod-1 (192.0.2.7, hrDeviceIndex 1, mediaPath 1,
 * location 4001), added, at time t with the given prtAlertIndex and code. */
struct trap_store_event sfx_alert(int64_t t, long alert_index, long code);

/* Runs child(i, arg) in procs forked processes at the same time (each exits
 * with its return value) and waits for them all.  Returns 1 when every child
 * exited 0, else 0. */
int sfx_fork_writers(int procs, int (*child)(int i, void *arg), void *arg);

/* Records total alert events into s in batches of batch (at most 1000),
 * 50 alert indexes, 500 dedup keys, storm control so, and returns the
 * seconds it took (a figure for the log; nothing about speed is asserted).
 * A failed batch fails the test. */
double sfx_time_batches(struct trap_store *s, size_t total, size_t batch,
                        const struct trap_store_opts *so);

#endif
