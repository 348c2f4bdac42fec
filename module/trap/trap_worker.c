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

#include "trap_output.h"
#include "trap_parse.h"
#include "trap_pipeline.h"
#include "trap_store.h"

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
/* Spooled traps per store transaction.  snmptrapd hands over at most a few
 * hundred traps a second, which one transaction per trap keeps up with, and
 * a failed store then reports exactly the trap it lost; printdev-trapd is
 * the receiver that batches. */
#define SPOOL_BATCH 1

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

/* Everything for a batch of traps (handler inputs): parse (or
 * "unparsed"), then the pipeline translates, stores, logs and acts. */
static void handle_traps(struct trap_pipeline *pl, char *const *inputs, const size_t *lens,
                         const int64_t *received_ms, size_t n)
{
    struct trap_msg *msgs = calloc(n, sizeof(*msgs));
    struct trap_pipeline_item *items = calloc(n, sizeof(*items));
    size_t i;

    if (!msgs || !items) {
        report("out of memory: %zu traps not handled", n);
        free(msgs);
        free(items);
        return;
    }
    for (i = 0; i < n; i++) {
        items[i].msg = &msgs[i];
        items[i].parse_rc = trap_parse(inputs[i], lens[i], NULL, &msgs[i]);
        items[i].received_ms = received_ms[i];
    }
    trap_pipeline_run(pl, items, n);
    for (i = 0; i < n; i++)
        trap_msg_free(&msgs[i]);
    free(msgs);
    free(items);
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

/* Handles every queued trap, oldest first, until the spool stays empty,
 * SPOOL_BATCH at a time through the pipeline.
 * Hand-over with printdev-traphandle: it renames a trap into the spool and
 * then tries the lock; we unlock when the spool looks empty and look once
 * more: either we see its trap (and take the lock back, unless a new
 * worker already has it), or it got the lock and started a new worker. */
static void drain_spool(struct trap_pipeline *pl)
{
    static char *bufs[SPOOL_BATCH];
    size_t lens[SPOOL_BATCH];
    int64_t times[SPOOL_BATCH];
    char path[PATH_MAX];
    size_t k;

    for (k = 0; k < SPOOL_BATCH; k++)
        if (!bufs[k] && !(bufs[k] = malloc(TRAP_MAX_INPUT + 1))) {
            report("out of memory draining the spool");
            return;
        }
    for (;;) {
        struct dirent **list = NULL;
        int n = scandir(o.spool, &list, spool_entry, alphasort), i;
        size_t nb = 0;

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
                    while (got < TRAP_MAX_INPUT + 1 &&
                           ((r = read(fd, bufs[nb] + got, TRAP_MAX_INPUT + 1 - got)) > 0 ||
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
                lens[nb] = (size_t)len;
                times[nb] = ms;
                nb++;
            }
            if (nb == SPOOL_BATCH || (nb > 0 && i == n - 1)) {
                handle_traps(pl, bufs, lens, times, nb);
                nb = 0;
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

static void pipeline_report(void *arg, const char *msg)
{
    (void)arg;
    report("%s", msg);
}

int main(int argc, char **argv)
{
    struct trap_pipeline_config cfg = {0};
    struct trap_pipeline *pl = NULL;
    struct timespec ts;
    int64_t now_ms;
    char *input = NULL, err[512];
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
    if (o.facility)
        facility = trap_output_syslog_facility(o.facility);

    cfg.rules = o.rules;
    cfg.rules_given = o.rules_given;
    cfg.jsonl = o.jsonl;
    cfg.db = o.db;
    cfg.default_db = PRINTDEV_TRAP_DB;
    cfg.no_db = o.no_db;
    cfg.syslog_on = o.syslog_on;
    cfg.facility = o.facility;
    cfg.syslog_sock = o.syslog_sock;
    cfg.out_fd = o.to_stdout ? STDOUT_FILENO : -1;
    cfg.storm_window = o.storm_window;
    cfg.alert_max_age = o.alert_max_age;
    cfg.pg_spool = o.pg_spool;
    cfg.exec_queue = 0; /* one short-lived process: actions run here */
    cfg.report = pipeline_report;
    if (trap_pipeline_open(&cfg, &pl, err, sizeof(err)) == TRAP_PIPE_ERULES) {
        /* a broken rules file must not lose the trap: built-in behaviour */
        report("rules not loaded, using built-in behaviour: %s", err);
        cfg.rules = NULL;
        rc = trap_pipeline_open(&cfg, &pl, err, sizeof(err));
    }
    if (!pl) {
        report("%s", err);
        return 0;
    }

    if (o.spool) {
        drain_spool(pl);
    } else {
        input = read_input(TRAP_MAX_INPUT, &len);
        if (!input)
            report("out of memory reading the trap");
        else
            handle_traps(pl, &input, &len, &now_ms, 1);
        free(input);
    }
    trap_pipeline_close(pl);
    return 0;
}
