/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trap_worker.c: printdev-trapworker, the part of printdev-traphandle that
 * does the work for one trap (started by printdev-traphandle, see there;
 * it can also be used directly as the traphandle, synchronously).
 *
 * Everything here is about a short, bounded run: no Net-SNMP library, no
 * MIB files, no network; read at most 64 KiB of stdin (never trusted),
 * parse and translate with the pure trap core (trap_parse.h,
 * trap_translate.h, trap_rules.h), record the trap in the fleet database in
 * one short transaction (trap_store.h, which also does storm control), then
 * write the outputs and run the rule's action (trap_output.h).  Input the
 * parser rejects still becomes an event (category "unparsed"); nothing is
 * dropped silently.  The exit status is always 0 once options are valid;
 * problems go to stderr (snmptrapd's log) and syslog.
 *
 * How to try it by hand:
 *   printf 'localhost\nUDP: [192.0.2.7]:161->[127.0.0.1]:2697\n'\
 *          'iso.3.6.1.6.3.1.1.4.1.0 iso.3.6.1.2.1.43.18.2.0.1\n' |
 *     printdev-trapworker -o -n -s off
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/syscall.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "prt_enums.h"
#include "trap_output.h"
#include "trap_parse.h"
#include "trap_rules.h"
#include "trap_store.h"
#include "trap_translate.h"

#ifndef PRINTDEV_TRAP_RULES
#define PRINTDEV_TRAP_RULES "/etc/printdev/trap-rules.conf"
#endif
#ifndef PRINTDEV_TRAP_DB
#define PRINTDEV_TRAP_DB "/var/lib/printdev/traps.db"
#endif

#define IDENT "printdev-traphandle"
#ifndef PRINTDEV_TRAP_SPOOL
#define PRINTDEV_TRAP_SPOOL "/run/printdev-trap"
#endif
#define PRINTDEV_TRAP_SPOOL_TEXT PRINTDEV_TRAP_SPOOL ", else spool/ beside the database"
#define PROG "printdev-trapworker"
#define STDIN_TIMEOUT 10 /* seconds to wait for snmptrapd's input */
#define SPOOL_LINGER_MS 200 /* idle time before a spool worker exits */

struct opts {
    const char *rules;       /* -r */
    bool rules_given;
    const char *jsonl;       /* -j */
    const char *db;          /* -d */
    bool no_db;              /* -n */
    bool syslog_on;          /* -s off disables */
    const char *facility;    /* -s FACILITY */
    const char *syslog_sock; /* -L */
    bool to_stdout;          /* -o */
    int storm_window;        /* -w, -1: from rules */
    int alert_max_age;       /* -A seconds, 0: alerts never age out */
    const char *pg_spool;    /* -P: PostgreSQL store's local spool file */
    int64_t received_ms;     /* -t, 0: now */
    const char *spool;       /* -Q: drain this spool directory */
    int lock_fd;             /* -F: the spool's flock()ed lock, inherited */
};

static struct opts o = {
    .rules = PRINTDEV_TRAP_RULES,
    .syslog_on = true,
    .storm_window = -1,
    .lock_fd = -1,
};
static int facility = LOG_DAEMON;
static const char *ident = IDENT;
static struct trap_store *store;

static void usage(FILE *f)
{
    fprintf(f,
            "usage: " IDENT " [-r rules] [-j events.jsonl] [-d traps.db | -n]\n"
            "                           [-s facility|off] [-L syslog-socket] [-o] [-w seconds]\n"
            "                           [-A seconds] [-P pg-spool]\n"
            "                           [-S | -q spool-dir]\n"
            "  -r FILE   rules file (default " PRINTDEV_TRAP_RULES "; built-in rules if absent)\n"
            "  -j FILE   append one JSON line per event to FILE\n"
            "  -d DB     fleet store: SQLite file (default " PRINTDEV_TRAP_DB "),\n"
            "            postgresql://... or pg:CONNINFO for a shared PostgreSQL\n"
            "  -n        no database (no fleet state, no storm control)\n"
            "  -s FAC    syslog facility (daemon, local0..local7, ...), or 'off'\n"
            "  -L PATH   syslog datagram socket (default /dev/log)\n"
            "  -o        also print each event on standard output\n"
            "  -w SECS   storm-control window (0 disables; default from the rules)\n"
            "  -A SECS   drop active alerts not seen for SECS (default 0: never)\n"
            "  -P FILE   spool file while the PostgreSQL store is unreachable\n"
            "            (default " TRAP_STORE_DEFAULT_SPOOL ")\n"
            "  -S        synchronous: finish the work before returning to snmptrapd\n"
            "  -q DIR    spool directory (default " PRINTDEV_TRAP_SPOOL_TEXT ")\n"
            "Reads one trap from standard input in snmptrapd's traphandle format.\n");
}

/* A problem of the handler itself: stderr and syslog. */
static void report(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void report(const char *fmt, ...)
{
    char msg[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    fprintf(stderr, PROG ": %s\n", msg);
    if (o.syslog_on)
        trap_output_syslog_text(o.syslog_sock, ident, facility, LOG_ERR, msg);
}

/* Reads stdin up to max + 1 bytes (one more than allowed, so the parser can
 * tell "too big"), then discards the rest so snmptrapd's writer is never
 * stuck on a full pipe. */
static char *read_input(size_t max, size_t *len)
{
    char *buf = malloc(max + 1);
    size_t n = 0;
    char sink[4096];

    if (!buf)
        return NULL;
    alarm(STDIN_TIMEOUT);
    while (n < max + 1) {
        ssize_t r = read(STDIN_FILENO, buf + n, max + 1 - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        n += (size_t)r;
    }
    if (n > max) {
        ssize_t r;
        while ((r = read(STDIN_FILENO, sink, sizeof(sink))) > 0 || (r < 0 && errno == EINTR))
            ;
    }
    alarm(0);
    *len = n;
    return buf;
}

static const char *version_name(int v)
{
    switch (v) {
    case 1:
        return "v1";
    case 2:
        return "v2c";
    case 3:
        return "v3";
    default:
        return "";
    }
}

static const char *alert_op_name(int op)
{
    switch (op) {
    case TRAP_ALERT_ADD:
        return "add";
    case TRAP_ALERT_REMOVE:
        return "remove";
    case TRAP_ALERT_UNARY:
        return "unary";
    default:
        return NULL;
    }
}

/* FNV-1a 64 over the parts that make two events "the same" for storm
 * control: trap OID, severity, category and text (the text names device,
 * sub-unit and condition, not the alert index, so a flapping condition
 * collapses). */
static void dedup_key(const struct trap_event *ev, char *out, size_t outsz)
{
    const char *parts[] = {ev->trap_oid, trap_sev_name(ev->severity), ev->category, ev->text};
    uint64_t h = 1469598103934665603ULL;
    size_t i;

    for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
        const unsigned char *p = (const unsigned char *)parts[i];
        for (; p && *p; p++) {
            h ^= *p;
            h *= 1099511628211ULL;
        }
        h ^= 0x1f; /* field separator */
        h *= 1099511628211ULL;
    }
    snprintf(out, outsz, "%016llx", (unsigned long long)h);
}

static int parse_args(int argc, char **argv)
{
    int c;

    while ((c = getopt(argc, argv, "r:j:d:ns:L:ow:A:P:t:Sq:Q:F:h")) != -1) {
        switch (c) {
        case 'r':
            o.rules = optarg;
            o.rules_given = true;
            break;
        case 'j':
            o.jsonl = optarg;
            break;
        case 'd':
            o.db = optarg;
            break;
        case 'n':
            o.no_db = true;
            break;
        case 's':
            if (strcmp(optarg, "off") == 0) {
                o.syslog_on = false;
            } else if (trap_output_syslog_facility(optarg) < 0) {
                fprintf(stderr, PROG ": unknown syslog facility '%s'\n", optarg);
                return 2;
            } else {
                o.syslog_on = true;
                o.facility = optarg;
            }
            break;
        case 'L':
            o.syslog_sock = optarg;
            break;
        case 'o':
            o.to_stdout = true;
            break;
        case 'w': {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*optarg == '\0' || *end != '\0' || v < 0 || v > 86400) {
                fprintf(stderr, PROG ": -w wants seconds 0..86400, not '%s'\n", optarg);
                return 2;
            }
            o.storm_window = (int)v;
            break;
        }
        case 'P':
            o.pg_spool = optarg;
            break;
        case 'A': {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*optarg == '\0' || *end != '\0' || v < 0 || v > 100L * 366 * 86400) {
                fprintf(stderr, PROG ": -A wants seconds (0: never), not '%s'\n", optarg);
                return 2;
            }
            o.alert_max_age = (int)v;
            break;
        }
        case 't': {
            char *end;
            long long v = strtoll(optarg, &end, 10);
            if (*optarg == '\0' || *end != '\0' || v <= 0) {
                fprintf(stderr, PROG ": -t wants a time in Unix milliseconds\n");
                return 2;
            }
            o.received_ms = v;
            break;
        }
        case 'S':
            break; /* synchronous: what this program always is */
        case 'Q':
            o.spool = optarg;
            break;
        case 'q':
            break; /* the front end's spool choice; -Q names the one in use */
        case 'F':
            o.lock_fd = atoi(optarg);
            break;
        case 'h':
            usage(stdout);
            exit(0);
        default:
            usage(stderr);
            return 2;
        }
    }
    if (optind != argc) {
        fprintf(stderr, PROG ": unexpected argument '%s'\n", argv[optind]);
        usage(stderr);
        return 2;
    }
    return 0;
}

static struct trap_rules *load_rules(void)
{
    struct trap_rules *r = NULL;
    char err[512];

    if (!o.rules_given && access(o.rules, F_OK) < 0 && errno == ENOENT)
        return NULL; /* no rules file installed: built-in behaviour */
    if (trap_rules_load(o.rules, &r, err, sizeof(err)) < 0) {
        report("rules not loaded, using built-in behaviour: %s", err);
        return NULL;
    }
    return r;
}

/* Everything the outputs need, pointing into m and ev. */
struct record_buf {
    struct trap_record rec;
    struct trap_record_varbind *vbs;
    char *display; /* one buffer holding every display string */
};

static void record_build(struct record_buf *b, const struct trap_msg *m,
                         const struct trap_event *ev, int64_t now_ms)
{
    struct trap_record *r = &b->rec;
    size_t i, total = 0, off = 0;

    memset(b, 0, sizeof(*b));
    r->time_ms = now_ms;
    r->source = ev->source;
    r->device = ev->device[0] ? ev->device : ev->source;
    r->severity = trap_sev_name(ev->severity);
    r->category = ev->category;
    r->text = ev->text;
    r->trap_oid = ev->trap_oid;
    r->trap_name = ev->trap_name;
    r->version = version_name(ev->version);
    r->pdu = trap_pdu_name(m->pdu);
    r->community = m->community;
    r->user = m->user;
    r->rule = ev->rule;
    r->removed_index = -1;
    r->alert_op = alert_op_name(ev->alert_op);
    if (r->alert_op) {
        r->dev_index = ev->dev_index;
        r->alert_index = ev->alert_index;
        r->removed_index = ev->removed_index;
        r->alert_severity = ev->alert_severity;
        r->alert_training = ev->alert_training;
        r->alert_group = ev->alert_group;
        r->alert_group_index = ev->alert_group_index;
        r->alert_location = ev->alert_location;
        r->alert_code = ev->alert_code;
        r->alert_severity_name = prt_enum_name(&prt_tc_PrtAlertSeverityLevelTC, ev->alert_severity);
        r->alert_training_name = prt_enum_name(&prt_tc_PrtAlertTrainingLevelTC, ev->alert_training);
        r->alert_group_name = prt_enum_name(&prt_tc_PrtAlertGroupTC, ev->alert_group);
        r->alert_code_name = prt_enum_name(&prt_tc_PrtAlertCodeTC, ev->alert_code);
    }
    if (!m->n_vbs)
        return;
    b->vbs = calloc(m->n_vbs, sizeof(*b->vbs));
    for (i = 0; i < m->n_vbs; i++)
        total += m->vbs[i].value_len * 4 + 64;
    b->display = malloc(total);
    if (!b->vbs || !b->display) {
        free(b->vbs);
        free(b->display);
        b->vbs = NULL;
        b->display = NULL;
        return; /* the event still goes out, without its varbinds */
    }
    for (i = 0; i < m->n_vbs; i++) {
        const struct trap_varbind *v = &m->vbs[i];
        size_t n = trap_varbind_text(v, b->display + off, v->value_len * 4 + 64);

        b->vbs[i].oid = v->oid;
        b->vbs[i].type = trap_vtype_name(v->type);
        b->vbs[i].value = v->value;
        b->vbs[i].value_len = v->value_len;
        b->vbs[i].display = b->display + off;
        off += n + 1;
    }
    r->vbs = b->vbs;
    r->n_vbs = m->n_vbs;
}

static void record_free(struct record_buf *b)
{
    free(b->vbs);
    free(b->display);
}

/* Records the event in the fleet database.  Returns 1 when storm control
 * suppressed it (no output), 0 otherwise (also on database errors: the
 * event must still reach the logs). */
static int store_event(const struct trap_rules *rules, const struct trap_event *ev,
                       struct trap_record *r, const char *agent_addr)
{
    struct trap_store_event se = {0};
    struct trap_store_opts so = {0};
    char err[512], key[32];
    char *vbjson;
    const char *path = o.db ? o.db : PRINTDEV_TRAP_DB;
    const char *note;
    int rc;

    /* opened once per process (a spool run records many traps) */
    if (!store) {
        struct trap_store_config cfg = {.spool = o.pg_spool};
        if (trap_store_open_ex(path, 0, &cfg, &store, err, sizeof(err)) < 0)
            store = NULL;
    }
    if (!store) {
        report("fleet database not updated: %s", err);
        store = NULL;
        return 0;
    }
    dedup_key(ev, key, sizeof(key));
    vbjson = trap_output_json_varbinds(r);
    se.time_ms = r->time_ms;
    se.source = r->source[0] ? r->source : "unknown";
    se.device = r->device;
    se.severity = r->severity;
    se.category = r->category;
    se.text = r->text;
    se.trap_oid = r->trap_oid;
    se.version = r->version;
    se.auth = ev->community_or_user;
    se.varbinds = vbjson;
    se.dedup_key = key;
    /* a v1 agent-addr other than the source: the agent behind a relay */
    se.agent = agent_addr && *agent_addr ? agent_addr : NULL;
    if (ev->alert_op == TRAP_ALERT_ADD && ev->dev_index >= 0 && ev->alert_index >= 0) {
        se.alert_op = TRAP_STORE_ALERT_ADD;
        se.alert_index = ev->alert_index;
    } else if (ev->alert_op == TRAP_ALERT_REMOVE && ev->dev_index >= 0) {
        /* 1801: the row with removed_index; a closing code (coverClosed
         * ...): the rows of the same sub-unit with the leading code */
        se.alert_op = TRAP_STORE_ALERT_REMOVE;
        se.alert_index = ev->removed_index;
    }
    /* coldStart / warmStart (RFC 3418 snmpTraps 1, 2): the agent restarted
     * and its prtAlertTable with it; nothing of its old state holds */
    if (strcmp(ev->trap_oid, "1.3.6.1.6.3.1.1.5.1") == 0 ||
        strcmp(ev->trap_oid, "1.3.6.1.6.3.1.1.5.2") == 0)
        se.alert_op = TRAP_STORE_ALERT_CLEAR;
    se.dev_index = ev->dev_index;
    se.alert_severity = r->severity;
    se.group = ev->alert_group;
    se.group_index = ev->alert_group_index;
    se.location = ev->alert_location;
    se.code = ev->alert_op == TRAP_ALERT_REMOVE && ev->removed_index < 0 ? ev->cleared_code
                                                                          : ev->alert_code;
    se.alert_text = r->text;
    so.storm_window = o.storm_window >= 0 ? o.storm_window
                      : rules            ? trap_rules_storm_window(rules)
                                         : TRAP_RULES_DEFAULT_STORM_WINDOW;
    so.storm_limit = rules ? trap_rules_storm_limit(rules) : TRAP_RULES_DEFAULT_STORM_LIMIT;
    so.alert_max_age = o.alert_max_age;
    rc = trap_store_record(store, &se, &so, NULL);
    if ((note = trap_store_notice(store)) != NULL)
        report("fleet database: %s", note);
    if (rc < 0)
        report("fleet database %s not updated: %s", path, trap_store_errmsg(store));
    free(vbjson);
    return rc == TRAP_STORE_SUPPRESSED;
}

static void run_action(const struct trap_msg *m, const struct trap_event *ev,
                       const struct trap_record *r)
{
    const struct trap_action *a = ev->action;
    char **argv;
    char *bufs;
    const size_t argsz = 2048;
    int i, st = 0, rc;

    if (!a || !a->path)
        return;
    argv = calloc((size_t)a->argc + 2, sizeof(*argv));
    bufs = malloc(((size_t)a->argc + 1) * argsz);
    if (!argv || !bufs) {
        report("action of rule %s not run: out of memory", a->rule ? a->rule : "?");
        free(argv);
        free(bufs);
        return;
    }
    for (i = 0; i < a->argc && a->argv[i]; i++) {
        argv[i] = bufs + (size_t)i * argsz;
        trap_template_expand(a->argv[i], m, ev, argv[i], argsz);
    }
    if (i == 0)
        argv[i++] = (char *)a->path;
    argv[i] = NULL;
    rc = trap_output_exec(a->path, argv, a->timeout, r, &st);
    if (rc == TRAP_OUT_ETIMEOUT)
        report("action %s of rule %s killed after %d s", a->path, a->rule ? a->rule : "?",
               a->timeout);
    else if (rc < 0)
        report("action %s of rule %s failed (wait status %d)", a->path,
               a->rule ? a->rule : "?", st);
    free(argv);
    free(bufs);
}

static void close_inherited(int keep)
{
    long max, fd;

#ifdef SYS_close_range
    if (keep < 3 && syscall(SYS_close_range, 3U, ~0U, 0) == 0)
        return;
    if (keep >= 3 && (keep == 3 || syscall(SYS_close_range, 3U, (unsigned)keep - 1, 0) == 0) &&
        syscall(SYS_close_range, (unsigned)keep + 1, ~0U, 0) == 0)
        return;
#endif
    max = sysconf(_SC_OPEN_MAX);
    if (max < 0 || max > 65536)
        max = 65536;
    for (fd = 3; fd < max; fd++)
        if (fd != keep)
            close((int)fd);
}

/* Everything for one trap: parse (or "unparsed"), translate, store, log,
 * act. */
static void handle_trap(const struct trap_rules *rules, const char *input, size_t len,
                        int64_t received_ms)
{
    struct trap_msg m;
    struct trap_event ev;
    struct record_buf rb;
    int rc;

    memset(&m, 0, sizeof(m));
    rc = trap_parse(input, len, NULL, &m);
    if (rc < 0)
        trap_event_unparsed(&m, rules, &ev);
    else
        trap_translate(&m, rules, &ev);

    if (!ev.ignore) {
        record_build(&rb, &m, &ev, received_ms);
        if (o.no_db || !store_event(rules, &ev, &rb.rec, m.agent_addr)) {
            if (o.jsonl && trap_output_jsonl(o.jsonl, &rb.rec) < 0)
                report("%s: event not written: %s", o.jsonl, strerror(errno));
            if (o.syslog_on && trap_output_syslog(o.syslog_sock, ident, facility, &rb.rec) < 0 &&
                o.syslog_sock)
                fprintf(stderr, PROG ": syslog socket %s: %s\n", o.syslog_sock,
                        strerror(errno));
            if (o.to_stdout)
                trap_output_stdout(STDOUT_FILENO, &rb.rec);
            run_action(&m, &ev, &rb.rec);
        }
        record_free(&rb);
    }
    trap_msg_free(&m);
}

/* Spool entries are "T<ms>-<seq>" (printdev-traphandle writes them under
 * a dot name and renames them). */
static int spool_entry(const struct dirent *d)
{
    return d->d_name[0] == 'T';
}

static int spool_count(const char *dir)
{
    struct dirent **list = NULL;
    int n = scandir(dir, &list, spool_entry, NULL), i;

    for (i = 0; i < n; i++)
        free(list[i]);
    free(list);
    return n;
}

/* Waits up to ms for a trap to be renamed into dir.  Returns > 0 when one
 * may have arrived, 0 on timeout. */
static int wait_for_spool(const char *dir, int ms)
{
    struct pollfd pfd;
    char evbuf[4096];
    int fd, rc;

    fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    if (fd < 0)
        return 0;
    if (inotify_add_watch(fd, dir, IN_MOVED_TO) < 0) {
        close(fd);
        return 0;
    }
    /* one may have come between the last scan and the watch */
    if (spool_count(dir) > 0) {
        close(fd);
        return 1;
    }
    pfd.fd = fd;
    pfd.events = POLLIN;
    rc = poll(&pfd, 1, ms);
    if (rc > 0)
        while (read(fd, evbuf, sizeof(evbuf)) > 0)
            ;
    close(fd);
    return rc > 0;
}

/* Handles every queued trap, oldest first, until the spool stays empty.
 * Hand-over with printdev-traphandle: it renames a trap into the spool and
 * then tries the lock; we unlock when the spool looks empty and look once
 * more: either we see its trap (and take the lock back, unless a new
 * worker already has it), or it got the lock and started a new worker. */
static void drain_spool(const struct trap_rules *rules)
{
    static char buf[TRAP_MAX_INPUT + 1];
    char path[PATH_MAX];

    for (;;) {
        struct dirent **list = NULL;
        int n = scandir(o.spool, &list, spool_entry, alphasort), i;

        if (n < 0) {
            report("spool %s: %s", o.spool, strerror(errno));
            return;
        }
        for (i = 0; i < n; i++) {
            long long ms = strtoll(list[i]->d_name + 1, NULL, 10);
            ssize_t len = -1;
            int fd;

            if (snprintf(path, sizeof(path), "%s/%s", o.spool, list[i]->d_name) <
                (int)sizeof(path)) {
                fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
                if (fd >= 0) {
                    size_t got = 0;
                    ssize_t r;
                    while (got < sizeof(buf) &&
                           ((r = read(fd, buf + got, sizeof(buf) - got)) > 0 ||
                            (r < 0 && errno == EINTR)))
                        if (r > 0)
                            got += (size_t)r;
                    len = (ssize_t)got;
                    close(fd);
                }
                /* remove first: a trap that crashes us is not retried forever */
                unlink(path);
            }
            if (len >= 0) {
                if (ms <= 0) {
                    struct timespec ts;
                    clock_gettime(CLOCK_REALTIME, &ts);
                    ms = (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
                }
                handle_trap(rules, buf, (size_t)len, ms);
            }
            free(list[i]);
        }
        free(list);
        if (n > 0)
            continue;
        /* Under a steady trap rate the next one is a few ms away: linger a
         * moment instead of exiting and being started again for it. */
        if (wait_for_spool(o.spool, SPOOL_LINGER_MS) > 0)
            continue;
        if (o.lock_fd < 0)
            return;
        flock(o.lock_fd, LOCK_UN);
        if (spool_count(o.spool) <= 0 || flock(o.lock_fd, LOCK_EX | LOCK_NB) < 0)
            return;
    }
}

int main(int argc, char **argv)
{
    struct trap_rules *rules;
    struct timespec ts;
    int64_t now_ms;
    char *input = NULL;
    size_t len = 0;
    int rc;

    signal(SIGPIPE, SIG_IGN);
    clock_gettime(CLOCK_REALTIME, &ts);
    now_ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
    if ((rc = parse_args(argc, argv)) != 0)
        return rc;
    /* Whoever started us may have leaked descriptors (snmptrapd's sockets
     * are not close-on-exec): keep only stdio and the spool lock. */
    close_inherited(o.lock_fd);
    if (o.received_ms > 0)
        now_ms = o.received_ms;

    rules = load_rules();
    if (rules) {
        const char *f = o.facility ? o.facility : trap_rules_syslog_facility(rules);
        if (trap_rules_syslog_ident(rules))
            ident = trap_rules_syslog_ident(rules);
        if (f && trap_output_syslog_facility(f) >= 0)
            facility = trap_output_syslog_facility(f);
        /* rules file: NULL not set, "" switched off ("none"), else a path */
        if (!o.jsonl && trap_rules_jsonl_path(rules) && *trap_rules_jsonl_path(rules))
            o.jsonl = trap_rules_jsonl_path(rules);
        if (!o.db && trap_rules_db_path(rules)) {
            if (*trap_rules_db_path(rules))
                o.db = trap_rules_db_path(rules);
            else
                o.no_db = true;
        }
    } else if (o.facility) {
        facility = trap_output_syslog_facility(o.facility);
    }

    if (o.spool) {
        drain_spool(rules);
    } else {
        input = read_input(TRAP_MAX_INPUT, &len);
        if (!input)
            report("out of memory reading the trap");
        else
            handle_trap(rules, input, len, now_ms);
        free(input);
    }
    trap_store_close(store);
    trap_rules_free(rules);
    return 0;
}
