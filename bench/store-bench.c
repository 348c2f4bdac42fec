/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * store-bench.c: events/s through trap_store_record_batch() for one store
 * target (bench/store-bench.sh runs it against SQLite and PostgreSQL side
 * by side).  Realistic mix: 500 printers (sources), storm control on
 * (window 60 s, limit 20), every event adds or refreshes an alert, every
 * 10th removes one.
 *
 *   store-bench TARGET EVENTS BATCH [SPOOL [FIRST-PRINTER]]
 *
 * FIRST-PRINTER (default 0) shifts the printers' addresses, so that
 * concurrent runs can use disjoint printers.
 *
 * Prints one line: "KIND BATCH EVENTS SECONDS EVENTS/S CPU-SECONDS" (the last:
 * this process's user + system time; a PostgreSQL server's is not in it).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "trap_store.h"

int main(int argc, char **argv)
{
    struct trap_store_opts so = {.storm_window = 60, .storm_limit = 20};
    struct trap_store_config cfg = {0};
    struct trap_store_event *ev;
    struct trap_store *s;
    struct timespec t0, t1, now;
    char(*src)[32], err[512];
    long total, batch, i, j, first = 0;
    int64_t base_ms;
    double secs;

    if (argc < 4 || (total = atol(argv[2])) <= 0 || (batch = atol(argv[3])) <= 0) {
        fprintf(stderr, "usage: store-bench TARGET EVENTS BATCH [SPOOL [FIRST-PRINTER]]\n");
        return 2;
    }
    cfg.spool = argc > 4 ? argv[4] : NULL;
    if (argc > 5)
        first = atol(argv[5]);
    if (trap_store_open_ex(argv[1], 0, &cfg, &s, err, sizeof(err)) < 0) {
        fprintf(stderr, "store-bench: %s\n", err);
        return 1;
    }
    ev = calloc((size_t)batch, sizeof(*ev));
    src = calloc((size_t)batch, sizeof(*src));
    if (!ev || !src)
        return 1;
    clock_gettime(CLOCK_REALTIME, &now);
    base_ms = (int64_t)now.tv_sec * 1000;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (i = 0; i < total; i += batch) {
        long n = total - i < batch ? total - i : batch;

        for (j = 0; j < n; j++) {
            long k = i + j, printer = first + k % 500;

            snprintf(src[j], sizeof(src[j]), "10.%ld.%ld.%ld", printer / 65536, printer / 256 % 256,
                     printer % 256);
            ev[j] = (struct trap_store_event){
                .time_ms = base_ms + k,
                .source = src[j],
                .severity = "critical",
                .category = "printer-alert",
                .text = "critical: jam in mediaPath 1",
                .trap_oid = "1.3.6.1.2.1.43.18.2.0.1",
                .version = "v2c",
                .auth = "public",
                .varbinds = "[{\"oid\":\"1.3.6.1.2.1.43.18.1.1.7.1.3\",\"type\":\"INTEGER\","
                            "\"value\":\"8\"}]",
                .dedup_key = (k / 500) % 2 ? "jam" : "cover",
                .alert_op = k % 10 == 9 ? TRAP_STORE_ALERT_REMOVE : TRAP_STORE_ALERT_ADD,
                .dev_index = 1,
                .alert_index = k / 500 % 8,
                .group = 13,
                .group_index = 1,
                .location = 4001,
                .code = 8,
            };
        }
        if (trap_store_record_batch(s, ev, (size_t)n, &so, NULL) < 0) {
            fprintf(stderr, "store-bench: %s\n", trap_store_errmsg(s));
            return 1;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    {
        struct rusage ru;

        getrusage(RUSAGE_SELF, &ru);
        printf("%s %ld %ld %.3f %.0f %.3f\n",
               trap_store_backend_of(argv[1], NULL) == TRAP_STORE_POSTGRESQL ? "postgresql"
                                                                             : "sqlite",
               batch, total, secs, (double)total / secs,
               (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
                   (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6);
    }
    if (trap_store_notice(s))
        fprintf(stderr, "store-bench: %s\n", trap_store_notice(s));
    trap_store_close(s);
    free(ev);
    free(src);
    return 0;
}
