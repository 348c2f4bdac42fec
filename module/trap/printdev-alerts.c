/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * printdev-alerts.c: command-line view of the fleet state that
 * printdev-traphandle keeps (trap_store.h): the active alerts of every
 * printer, and the recent events.
 *
 *   printdev-alerts [-d DB] [--device X] [--json]
 *   printdev-alerts events [-d DB] [--since 1h] [--device X]
 *                          [--severity warning] [--limit N] [--json]
 *
 * The database is opened read-only.  Everything printed that came from the
 * network is shown with control characters escaped, so a hostile trap
 * cannot drive the terminal.  Exit status: 0 success, 1 no database or a
 * database error, 2 usage error.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "prt_enums.h"
#include "prt_text.h"
#include "trap_output.h"
#include "trap_store.h"

#ifndef PRINTDEV_TRAP_DB
#define PRINTDEV_TRAP_DB "/var/lib/printdev/traps.db"
#endif

#define PROG "printdev-alerts"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: " PROG " [-d DB] [--device NAME] [--json]\n"
            "       " PROG " events [-d DB] [--since AGE|TIME] [--device NAME]\n"
            "                       [--severity LEVEL] [--limit N] [--json]\n"
            "Shows the active printer alerts (default) or recent trap events.\n"
            "  -d, --db STORE      fleet store: SQLite file (default " PRINTDEV_TRAP_DB "),\n"
            "                      postgresql://... or pg:CONNINFO (PostgreSQL)\n"
            "  -D, --device NAME   only this device (name or source address)\n"
            "  -s, --since AGE     events newer than AGE (30s, 15m, 1h, 2d, 1w) or\n"
            "                      than TIME (YYYY-MM-DDTHH:MM[:SS][Z], UTC)\n"
            "  -S, --severity LVL  events at least this severe (info, notice,\n"
            "                      warning, critical)\n"
            "  -n, --limit N       the newest N events (default 100)\n"
            "  -j, --json          JSON output\n"
            "Exit status: 0 ok, 1 no database or database error, 2 usage error.\n");
}

/* s with everything prt_text_safe_len() does not pass (C0 and C1
 * controls, DEL, bytes outside well-formed UTF-8) written as \xHH (\n \t
 * \r by name), padded with blanks to width characters. */
static void put_esc(FILE *f, const char *s, int width)
{
    size_t len = s ? strlen(s) : 0, i = 0;
    int n = 0;

    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        size_t step = prt_text_safe_len(s + i, len - i);

        if (step > 0)
            fwrite(s + i, 1, step, f);
        else if (c == '\n' || c == '\t' || c == '\r')
            fprintf(f, "\\%c", c == '\n' ? 'n' : c == '\t' ? 't' : 'r');
        else
            fprintf(f, "\\x%02x", c);
        n += step > 0 ? 1 : (c == '\n' || c == '\t' || c == '\r') ? 2 : 4;
        i += step > 0 ? step : 1;
    }
    for (; n < width; n++)
        fputc(' ', f);
}

static void fmt_time(int64_t ms, char *out, size_t outsz)
{
    time_t t = (time_t)(ms / 1000);
    struct tm tm;

    if (!gmtime_r(&t, &tm))
        memset(&tm, 0, sizeof(tm));
    strftime(out, outsz, "%Y-%m-%d %H:%M:%SZ", &tm);
}

static json_t *jtime(int64_t ms)
{
    char buf[40];

    trap_output_iso_time(ms, buf, sizeof(buf));
    return json_string(buf);
}

/* A JSON string, or its escaped form when not valid UTF-8. */
static json_t *jtext(const char *s)
{
    json_t *j = json_string(s ? s : "");
    char *buf, *p;

    if (j)
        return j;
    buf = malloc(strlen(s) * 4 + 1);
    if (!buf)
        return NULL;
    for (p = buf; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x80)
            p += sprintf(p, "\\x%02x", c);
        else
            *p++ = (char)c;
    }
    *p = '\0';
    j = json_string(buf);
    free(buf);
    return j;
}

/* ---- active alerts ---- */

/* How long an alert has been active, in the two largest units ("3d04h",
 * "2h05m", "7m30s", "45s"); "0s" when since is in the future. */
static void fmt_age(int64_t now_ms, int64_t since_ms, char *out, size_t outsz)
{
    int64_t s = now_ms > since_ms ? (now_ms - since_ms) / 1000 : 0;

    if (s >= 86400)
        snprintf(out, outsz, "%lldd%02lldh", (long long)(s / 86400), (long long)(s % 86400 / 3600));
    else if (s >= 3600)
        snprintf(out, outsz, "%lldh%02lldm", (long long)(s / 3600), (long long)(s % 3600 / 60));
    else if (s >= 60)
        snprintf(out, outsz, "%lldm%02llds", (long long)(s / 60), (long long)(s % 60));
    else
        snprintf(out, outsz, "%llds", (long long)s);
}

struct alerts_ctx {
    bool json;
    int64_t now_ms; /* for the age of each alert */
    json_t *arr;
    char last_key[512];
    long count;
    int err;
};

static int alert_row(void *arg, const struct trap_store_alert_row *r)
{
    struct alerts_ctx *c = arg;
    char since[32], seen[32], key[512], age[32];

    c->count++;
    if (c->json) {
        json_t *o = json_object();
        const char *gname = prt_enum_name(&prt_tc_PrtAlertGroupTC, (int)r->group);
        const char *cname = prt_enum_name(&prt_tc_PrtAlertCodeTC, (int)r->code);

        if (!o) {
            c->err = 1;
            return 1;
        }
        json_object_set_new(o, "device", jtext(r->device));
        json_object_set_new(o, "source", jtext(r->source));
        json_object_set_new(o, "dev_index", json_integer(r->dev_index));
        json_object_set_new(o, "alert_index", json_integer(r->alert_index));
        json_object_set_new(o, "severity", jtext(r->severity));
        json_object_set_new(o, "group", json_integer(r->group));
        json_object_set_new(o, "group_name", gname ? json_string(gname) : json_null());
        json_object_set_new(o, "group_index", json_integer(r->group_index));
        json_object_set_new(o, "location", json_integer(r->location));
        json_object_set_new(o, "code", json_integer(r->code));
        json_object_set_new(o, "code_name", cname ? json_string(cname) : json_null());
        json_object_set_new(o, "text", jtext(r->text));
        json_object_set_new(o, "since", jtime(r->since_ms));
        json_object_set_new(o, "last_seen", jtime(r->last_seen_ms));
        json_object_set_new(o, "age_s", json_integer(c->now_ms > r->since_ms
                                                         ? (c->now_ms - r->since_ms) / 1000
                                                         : 0));
        if (r->agent && *r->agent)
            json_object_set_new(o, "agent", jtext(r->agent));
        json_object_set_new(o, "age_s", json_integer(c->now_ms > r->since_ms
                                                         ? (c->now_ms - r->since_ms) / 1000
                                                         : 0));
        if (r->agent && *r->agent)
            json_object_set_new(o, "agent", jtext(r->agent));
        if (json_array_append_new(c->arr, o) < 0)
            c->err = 1;
        return c->err;
    }
    snprintf(key, sizeof(key), "%s\n%s\n%s", r->device, r->source, r->agent ? r->agent : "");
    if (strcmp(key, c->last_key) != 0) {
        snprintf(c->last_key, sizeof(c->last_key), "%s", key);
        if (c->count > 1)
            putchar('\n');
        put_esc(stdout, r->device, 0);
        if (strcmp(r->device, r->source) != 0) {
            fputs(" (", stdout);
            put_esc(stdout, r->source, 0);
            fputs(")", stdout);
        }
        if (r->agent && *r->agent) {
            fputs(" agent ", stdout);
            put_esc(stdout, r->agent, 0);
        }
        fputs("\n  DEV ALERT  SEVERITY  AGE     SINCE                 LAST SEEN             TEXT\n",
              stdout);
    }
    fmt_time(r->since_ms, since, sizeof(since));
    fmt_time(r->last_seen_ms, seen, sizeof(seen));
    fmt_age(c->now_ms, r->since_ms, age, sizeof(age));
    printf("  %-3ld %-6ld ", r->dev_index, r->alert_index);
    put_esc(stdout, r->severity, 9);
    printf(" %-7s %-21s %-21s ", age, since, seen);
    put_esc(stdout, r->text, 0);
    putchar('\n');
    return 0;
}

/* ---- events ---- */

struct events_ctx {
    bool json;
    json_t *arr;
    long count;
    int err;
};

static int event_row(void *arg, const struct trap_store_event_row *r)
{
    struct events_ctx *c = arg;
    char when[32];

    c->count++;
    if (c->json) {
        json_t *o = json_object();
        json_t *vbs = json_loads(r->varbinds, 0, NULL);

        if (!o) {
            json_decref(vbs);
            c->err = 1;
            return 1;
        }
        json_object_set_new(o, "id", json_integer(r->id));
        json_object_set_new(o, "time", jtime(r->time_ms));
        json_object_set_new(o, "source", jtext(r->source));
        json_object_set_new(o, "device", jtext(r->device));
        json_object_set_new(o, "severity", jtext(r->severity));
        json_object_set_new(o, "category", jtext(r->category));
        json_object_set_new(o, "text", jtext(r->text));
        json_object_set_new(o, "trap_oid", jtext(r->trap_oid));
        json_object_set_new(o, "version", jtext(r->version));
        json_object_set_new(o, "auth", jtext(r->auth));
        json_object_set_new(o, "varbinds", vbs ? vbs : json_array());
        json_object_set_new(o, "repeats", json_integer(r->repeats));
        json_object_set_new(o, "last_seen", jtime(r->last_seen_ms));
        if (r->agent && *r->agent)
            json_object_set_new(o, "agent", jtext(r->agent));
        if (json_array_append_new(c->arr, o) < 0)
            c->err = 1;
        return c->err;
    }
    if (c->count == 1)
        fputs("TIME                  SEVERITY  DEVICE           CATEGORY       TEXT\n", stdout);
    fmt_time(r->time_ms, when, sizeof(when));
    printf("%-21s ", when);
    put_esc(stdout, r->severity, 9);
    putchar(' ');
    put_esc(stdout, r->device, 16);
    putchar(' ');
    put_esc(stdout, r->category, 14);
    putchar(' ');
    put_esc(stdout, r->text, 0);
    if (r->repeats > 0) {
        fmt_time(r->last_seen_ms, when, sizeof(when));
        printf(" (+%ld repeats until %s)", r->repeats, when);
    }
    putchar('\n');
    return 0;
}

/* "90", "30s", "15m", "1h", "2d", "1w" -> ms ago; or an absolute UTC time
 * "YYYY-MM-DDTHH:MM[:SS][Z]" (also with a space).  Returns 0 or -1. */
static int parse_since(const char *s, int64_t now_ms, int64_t *out)
{
    struct tm tm;
    char *end;
    long long v;

    memset(&tm, 0, sizeof(tm));
    end = strptime(s, "%Y-%m-%dT%H:%M", &tm);
    if (!end)
        end = strptime(s, "%Y-%m-%d %H:%M", &tm);
    if (end) {
        if (*end == ':') {
            char *e2 = strptime(end, ":%S", &tm);
            if (!e2)
                return -1;
            end = e2;
        }
        if (*end == 'Z')
            end++;
        if (*end)
            return -1;
        *out = (int64_t)timegm(&tm) * 1000;
        return 0;
    }
    errno = 0;
    v = strtoll(s, &end, 10);
    if (end == s || v < 0 || errno)
        return -1;
    switch (*end) {
    case '\0':
    case 's':
        break;
    case 'm':
        v *= 60;
        break;
    case 'h':
        v *= 3600;
        break;
    case 'd':
        v *= 86400;
        break;
    case 'w':
        v *= 7 * 86400;
        break;
    default:
        return -1;
    }
    if (*end && end[1])
        return -1;
    if (v > 100LL * 365 * 86400)
        return -1;
    *out = now_ms - v * 1000;
    return 0;
}

/* Finishes a listing: on a store error (rc < 0) or an out-of-memory flag
 * reports it, closes the store and returns 1; else prints the JSON array
 * (when arr is set; DEL and C1 controls as \u00XX) or the "nothing" line
 * for an empty text listing. */
static int print_listing(struct trap_store *s, int rc, int oom, json_t *arr, long count,
                         const char *nothing)
{
    if (rc < 0 || oom) {
        fprintf(stderr, PROG ": %s\n", rc < 0 ? trap_store_errmsg(s) : "out of memory");
        json_decref(arr);
        trap_store_close(s);
        return 1;
    }
    if (arr != NULL) {
        char *text = json_dumps(arr, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        size_t n = text ? strlen(text) : 0;

        json_decref(arr);
        if (text)
            text = trap_output_json_escape_controls(text, &n);
        if (!text) {
            fprintf(stderr, PROG ": out of memory\n");
            trap_store_close(s);
            return 1;
        }
        fwrite(text, 1, n, stdout);
        putchar('\n');
        free(text);
    } else if (count == 0) {
        puts(nothing);
    }
    return 0;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},     {"device", required_argument, NULL, 'D'},
        {"since", required_argument, NULL, 's'},  {"severity", required_argument, NULL, 'S'},
        {"limit", required_argument, NULL, 'n'},  {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
    };
    const char *db = PRINTDEV_TRAP_DB, *device = NULL, *since = NULL, *severity = NULL;
    bool json = false, events = false, event_opts = false;
    long limit = 100;
    struct trap_store *s = NULL;
    struct timespec ts;
    char err[600];
    int c, rc;

    while ((c = getopt_long(argc, argv, "d:D:s:S:n:jh", longopts, NULL)) != -1) {
        switch (c) {
        case 'd':
            db = optarg;
            break;
        case 'D':
            device = optarg;
            break;
        case 's':
            since = optarg;
            event_opts = true;
            break;
        case 'S':
            severity = optarg;
            event_opts = true;
            break;
        case 'n': {
            char *end;
            errno = 0;
            limit = strtol(optarg, &end, 10);
            if (*optarg == '\0' || *end || errno || limit < 1 || limit > 1000000) {
                fprintf(stderr, PROG ": --limit wants a number 1..1000000, not '%s'\n", optarg);
                return 2;
            }
            event_opts = true;
            break;
        }
        case 'j':
            json = true;
            break;
        case 'h':
            usage(stdout);
            return 0;
        default:
            usage(stderr);
            return 2;
        }
    }
    if (optind < argc) {
        if (strcmp(argv[optind], "events") == 0) {
            events = true;
            optind++;
        } else if (strcmp(argv[optind], "alerts") == 0) {
            optind++;
        }
    }
    if (optind < argc) {
        fprintf(stderr, PROG ": unknown command '%s'\n", argv[optind]);
        usage(stderr);
        return 2;
    }
    if (event_opts && !events) {
        fprintf(stderr, PROG ": --since, --severity and --limit apply to 'events'\n");
        return 2;
    }
    if (severity && !trap_store_severity_rank(severity)) {
        fprintf(stderr, PROG ": unknown severity '%s' (info, notice, warning, critical)\n",
                severity);
        return 2;
    }
    clock_gettime(CLOCK_REALTIME, &ts);

    struct trap_store_filter f = {
        .device = device,
        .min_severity = severity ? trap_store_severity_rank(severity) : 0,
        .limit = limit,
    };
    if (since && parse_since(since, (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000,
                             &f.since_ms) < 0) {
        fprintf(stderr, PROG ": --since wants an age (30s, 15m, 1h, 2d, 1w) or a UTC time, not "
                        "'%s'\n",
                since);
        return 2;
    }

    if ((rc = trap_store_open(db, 1, &s, err, sizeof(err))) < 0) {
        fprintf(stderr, PROG ": %s\n", err);
        return 1;
    }
    if (events) {
        struct events_ctx ctx = {.json = json, .arr = json ? json_array() : NULL};

        rc = trap_store_events(s, &f, event_row, &ctx);
        if (print_listing(s, rc, ctx.err, ctx.arr, ctx.count, "no events") != 0)
            return 1;
    } else {
        struct alerts_ctx ctx = {.json = json,
                                 .now_ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000,
                                 .arr = json ? json_array() : NULL};

        rc = trap_store_alerts(s, device, alert_row, &ctx);
        if (print_listing(s, rc, ctx.err, ctx.arr, ctx.count, "no active alerts") != 0)
            return 1;
    }
    trap_store_close(s);
    return fflush(stdout) == 0 ? 0 : 1;
}
