/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trap_store_common.c: small helpers every store backend (SQLite, PostgreSQL,
 * the local spool) shares: NULL-safe strings, the agent of an event, the
 * "what a removal cleared" text, the database's parent directory.  Kept out of
 * the dispatcher (trap_store.c) so that dependencies run one way:
 * trap_store.c -> backends -> trap_store_common.c.
 */
#include "config.h"

#include "trap_store.h"
#include "trap_store_impl.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

const char *trap_store_nz(const char *s)
{
    return s ? s : "";
}

const char *trap_store_agent_of(const struct trap_store_event *ev)
{
    return ev->agent && strcmp(ev->agent, ev->source) != 0 ? ev->agent : "";
}

void trap_store_add_cleared(char *cleared, size_t size, const char *text, long alert_index)
{
    size_t len = strlen(cleared);
    int n;

    if (len + 4 >= size)
        return;
    n = snprintf(cleared + len, size - len, "%s%s (alert %ld)", len ? "; " : "", text, alert_index);
    if (n < 0 || (size_t)n >= size - len)
        memcpy(cleared + size - 4, "...", 4);
}

void trap_store_cleared_sentence(char *out, size_t size, const char *cleared)
{
    /* the severities the pipeline leads an alert's sentence with (the
     * PostgreSQL side, printdev_cleared_text(), strips the same) */
    static const char *const leads[] = {
        "critical: ", "warning: ", "warningBinaryChangeEvent: ", "other: ", "info: "};
    size_t i;

    for (i = 0; i < sizeof(leads) / sizeof(leads[0]); i++)
        if (strncmp(cleared, leads[i], strlen(leads[i])) == 0) {
            cleared += strlen(leads[i]);
            break;
        }
    snprintf(out, size, "cleared: %s", cleared);
}

int trap_store_make_parent(const char *path, char *err, size_t errlen)
{
    char dir[4096];
    char *slash;
    struct stat st;

    if (strlen(path) >= sizeof(dir)) {
        snprintf(err, errlen, "%.300s...: path too long", path);
        return -1;
    }
    strcpy(dir, path);
    slash = strrchr(dir, '/');
    if (!slash || slash == dir)
        return 0;
    *slash = '\0';
    if (stat(dir, &st) == 0)
        return 0;
    if (mkdir(dir, 0750) < 0 && errno != EEXIST) {
        snprintf(err, errlen, "%.300s: cannot create directory: %s", dir, strerror(errno));
        return -1;
    }
    return 0;
}
