/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * store_fixture.c: the fleet-store tests' shared fixture (store_fixture.h).
 */
#include "config.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cu_runner.h"
#include "store_fixture.h"

int sfx_tmpdir(char *dir, size_t cap, const char *name)
{
    const char *t = getenv("TMPDIR");
    int n = snprintf(dir, cap, "%s/%s.XXXXXX", t && *t ? t : "/tmp", name);

    if (n < 0 || (size_t)n >= cap)
        return -1;
    return mkdtemp(dir) ? 0 : -1;
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

int sfx_rmtree(const char *dir)
{
    return nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS) == 0 ? 0 : -1;
}

struct trap_store_event sfx_alert(int64_t t, long alert_index, long code)
{
    struct trap_store_event e = {
        .time_ms = t,
        .source = "192.0.2.7",
        .device = "prod-1",
        .severity = "critical",
        .category = "printer-alert",
        .text = "critical: jam in mediaPath 1 on prod-1",
        .trap_oid = "1.3.6.1.2.1.43.18.2.0.1",
        .version = "v2c",
        .auth = "public",
        .varbinds = "[]",
        .dedup_key = "k-jam",
        .alert_op = TRAP_STORE_ALERT_ADD,
        .dev_index = 1,
        .alert_index = alert_index,
        .group = 13,
        .group_index = 1,
        .location = 4001,
        .code = code,
    };
    return e;
}

int sfx_fork_writers(int procs, int (*child)(int i, void *arg), void *arg)
{
    pid_t pids[64];
    int i, status, ok = 1, started = 0;

    if (procs < 1 || procs > (int)(sizeof(pids) / sizeof(pids[0])))
        return 0;
    fflush(NULL); /* nothing buffered written twice */
    for (i = 0; i < procs; i++) {
        pids[i] = fork();
        if (pids[i] < 0) {
            ok = 0;
            break;
        }
        if (pids[i] == 0)
            _exit(child(i, arg));
        started++;
    }
    for (i = 0; i < started; i++)
        if (waitpid(pids[i], &status, 0) != pids[i] || !WIFEXITED(status) ||
            WEXITSTATUS(status) != 0)
            ok = 0;
    return ok;
}

double sfx_time_batches(struct trap_store *s, size_t total, size_t batch,
                        const struct trap_store_opts *so)
{
    static struct trap_store_event ev[1000];
    static char keys[1000][16];
    struct timespec t0, t1;
    size_t i, j;

    CU_ASSERT_FATAL(batch >= 1 && batch <= 1000);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (i = 0; i < total; i += batch) {
        for (j = 0; j < batch; j++) {
            ev[j] = sfx_alert((int64_t)(i + j), (long)((i + j) % 50), 8);
            snprintf(keys[j], sizeof(keys[j]), "k%zu", (i + j) % 500);
            ev[j].dedup_key = keys[j];
        }
        CU_ASSERT_EQUAL_FATAL(trap_store_record_batch(s, ev, batch, so, NULL), 0);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
}
