/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trap_store.c: the fleet store's front door (see trap_store.h): picks the
 * backend from the target string, checks arguments, and dispatches to
 * trap_store_sqlite.c or trap_store_pg.c; helpers both backends share.
 */
#include "config.h"

#include "trap_store.h"
#include "trap_store_impl.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

enum trap_store_backend trap_store_backend_of(const char *target, const char **rest)
{
    const char *r = target ? target : "";
    enum trap_store_backend b = TRAP_STORE_SQLITE;

    if (strncmp(r, "sqlite:", 7) == 0) {
        r += 7;
    } else if (strncmp(r, "pg:", 3) == 0) {
        r += 3;
        b = TRAP_STORE_POSTGRESQL;
    } else if (strncmp(r, "postgresql://", 13) == 0 || strncmp(r, "postgres://", 11) == 0) {
        b = TRAP_STORE_POSTGRESQL; /* a libpq URI, passed whole */
    }
    if (rest)
        *rest = r;
    return b;
}

const char *trap_store_target_redacted(const char *target, char *out, size_t outlen)
{
    const char *rest, *p, *at;
    size_t o = 0;

    if (!outlen)
        return out;
    out[0] = '\0';
    if (!target)
        return out;
    if (trap_store_backend_of(target, &rest) != TRAP_STORE_POSTGRESQL) {
        snprintf(out, outlen, "%s", target);
        return out;
    }
    for (p = target; *p && o + 1 < outlen;) {
        if (strncmp(p, "password", 8) == 0 &&
            (p == rest || p[-1] == ' ' || p[-1] == '?' || p[-1] == '&')) {
            /* conninfo "password = x" / "password='x y'", URI "password=x" */
            const char *v = p + 8;
            while (*v == ' ')
                v++;
            if (*v == '=') {
                v++;
                while (*v == ' ')
                    v++;
                if (*v == '\'') {
                    for (v++; *v && *v != '\''; v++)
                        if (*v == '\\' && v[1])
                            v++;
                    if (*v)
                        v++;
                } else {
                    while (*v && *v != ' ' && *v != '&')
                        v++;
                }
                o += (size_t)snprintf(out + o, outlen - o, "password=***");
                p = v;
                continue;
            }
        }
        out[o++] = *p++;
    }
    out[o < outlen ? o : outlen - 1] = '\0';
    /* URI: scheme://user:password@host */
    if ((p = strstr(out, "://")) != NULL && (at = strchr(p + 3, '@')) != NULL) {
        const char *colon = memchr(p + 3, ':', (size_t)(at - (p + 3)));
        if (colon) {
            char tail[1024];
            snprintf(tail, sizeof(tail), "%s", at);
            snprintf(out + (colon - out), outlen - (size_t)(colon - out), ":***%s", tail);
        }
    }
    (void)rest;
    return out;
}

int trap_store_open_ex(const char *target, int readonly, const struct trap_store_config *cfg,
                       struct trap_store **out, char *err, size_t errlen)
{
    static const struct trap_store_config no_cfg;
    const char *rest;
    enum trap_store_backend b;

    if (!out) {
        snprintf(err, errlen, "no store handle");
        return TRAP_STORE_EINVAL;
    }
    *out = NULL;
    b = trap_store_backend_of(target, &rest);
    if (!rest || !*rest) {
        snprintf(err, errlen, "no database path or connection string");
        return TRAP_STORE_EINVAL;
    }
    if (b == TRAP_STORE_POSTGRESQL)
        return trap_store_pg_open(rest, readonly, cfg ? cfg : &no_cfg, out, err, errlen);
    return trap_store_sqlite_open(rest, readonly, out, err, errlen);
}

int trap_store_open(const char *target, int readonly, struct trap_store **out, char *err,
                    size_t errlen)
{
    return trap_store_open_ex(target, readonly, NULL, out, err, errlen);
}

void trap_store_close(struct trap_store *s)
{
    if (s)
        s->ops->close(s);
}

const char *trap_store_errmsg(const struct trap_store *s)
{
    return s ? s->err : "no store";
}

const char *trap_store_notice(struct trap_store *s)
{
    static char last[sizeof(s->notice)];

    if (!s || !s->notice[0])
        return NULL;
    snprintf(last, sizeof(last), "%s", s->notice);
    s->notice[0] = '\0';
    return last;
}

int trap_store_record_batch(struct trap_store *s, const struct trap_store_event *evs, size_t n,
                            const struct trap_store_opts *opts, struct trap_store_result *res)
{
    static const struct trap_store_opts no_opts;
    size_t i;

    if (!s || (n && !evs) || s->readonly) {
        if (s)
            snprintf(s->err, sizeof(s->err), "invalid record request");
        return TRAP_STORE_EINVAL;
    }
    for (i = 0; i < n; i++) {
        if (!evs[i].source) {
            snprintf(s->err, sizeof(s->err), "invalid record request: event %zu has no source", i);
            return TRAP_STORE_EINVAL;
        }
    }
    if (n == 0)
        return TRAP_STORE_OK;
    return s->ops->record_batch(s, evs, n, opts ? opts : &no_opts, res);
}

int trap_store_record(struct trap_store *s, const struct trap_store_event *ev,
                      const struct trap_store_opts *opts, int64_t *event_id)
{
    struct trap_store_result r;
    int rc;

    if (!ev) {
        if (s)
            snprintf(s->err, sizeof(s->err), "invalid record request");
        return TRAP_STORE_EINVAL;
    }
    rc = trap_store_record_batch(s, ev, 1, opts, &r);
    if (rc < 0)
        return rc;
    if (event_id)
        *event_id = r.event_id;
    return r.status;
}

int trap_store_flush(struct trap_store *s, const struct trap_store_opts *opts)
{
    static const struct trap_store_opts no_opts;

    if (!s || s->readonly)
        return s ? TRAP_STORE_OK : TRAP_STORE_EINVAL;
    return s->ops->flush ? s->ops->flush(s, opts ? opts : &no_opts) : TRAP_STORE_OK;
}

int trap_store_alerts(struct trap_store *s, const char *device,
                      int (*fn)(void *arg, const struct trap_store_alert_row *row), void *arg)
{
    return s->ops->alerts(s, device, fn, arg);
}

int trap_store_events(struct trap_store *s, const struct trap_store_filter *f,
                      int (*fn)(void *arg, const struct trap_store_event_row *row), void *arg)
{
    return s->ops->events(s, f, fn, arg);
}

int trap_store_severity_rank(const char *severity)
{
    static const char *const names[] = {"info", "notice", "warning", "critical"};
    size_t i;

    for (i = 0; severity && i < sizeof(names) / sizeof(names[0]); i++)
        if (strcmp(severity, names[i]) == 0)
            return (int)i + 1;
    return 0;
}
