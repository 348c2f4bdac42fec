/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * printdev-trapd.c: printdev-trapd, a long-running notification receiver
 * on libnetsnmp: Net-SNMP's transports, BER decoding and USM, one select
 * loop, no fork per trap.  Each notification the access rules let in
 * (trapd_conf.h) becomes a parsed message straight from the PDU
 * (trapd_pdu.h) and joins the current batch; the batch goes through the
 * trap pipeline (trap_pipeline.h: translate, rules, one store
 * transaction, outputs, queued actions) when it holds printdevBatch MAX
 * traps, when its first trap is MS old, or when the receive queue is
 * empty.  An InformRequest is answered (snmp_clone_pdu() as
 * SNMP_MSG_RESPONSE, sent by us, as snmptrapd does in its input callback)
 * only after the batch holding it is committed, so an acknowledged inform
 * is durable; if the store refuses the batch, its informs stay unanswered
 * and the senders retry.
 *
 * Signals: SIGHUP commits the current batch, then re-reads the config
 * files (access rules, settings except transports and buffer sizes) and
 * the rules file, and reopens -Lf log files; SIGTERM/SIGINT stop
 * receiving, read what the kernel already queued, commit it, wait for
 * queued actions and exit 0.
 *
 * How to try it by hand:
 *   printf 'authCommunity log public\n' > /tmp/t.conf
 *   printdev-trapd -f -Le -C -c /tmp/t.conf -n -s off -o udp:127.0.0.1:2697
 *   snmptrap -v2c -c public 127.0.0.1:2697 '' 1.3.6.1.2.1.43.18.2.0.1 \
 *       1.3.6.1.2.1.43.18.1.1.2.1.5 i 3 1.3.6.1.2.1.43.18.1.1.7.1.5 i 8
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "trap_output.h"
#include "trap_pipeline.h"
#include "trapd_commit.h"
#include "trapd_conf.h"
#include "trapd_pdu.h"
#include "trapd_stats.h"

#include <net-snmp/library/large_fd_set.h>

#ifndef PRINTDEV_TRAP_RULES
#define PRINTDEV_TRAP_RULES "/etc/printdev/trap-rules.conf"
#endif
#ifndef PRINTDEV_TRAP_DB
#define PRINTDEV_TRAP_DB "/var/lib/printdev/traps.db"
#endif
#ifndef PRINTDEV_TRAPD_CONF
#define PRINTDEV_TRAPD_CONF "/etc/printdev/trapd.conf"
#endif
#ifndef PRINTDEV_TRAPD_STATE
#define PRINTDEV_TRAPD_STATE "/var/lib/printdev/trapd"
#endif

#define MAX_SESSIONS TRAPD_MAX_SESSIONS
#define DRAIN_MAX 2000000 /* traps read after SIGTERM at most */

struct cli {
    bool foreground;
    const char *conf; /* -c */
    bool no_defaults; /* -C */
    const char *pidfile;
    const char *rules, *db, *jsonl, *stats;
    bool no_db, to_stdout;
    bool syslog_on;
    const char *facility;
    const char *syslog_sock;
    int storm_window;     /* -w, -1: from the rules */
    const char *pg_spool; /* -P */
    char *listen;         /* positional arguments, comma-joined */
};

static struct cli cli = {.syslog_on = true, .storm_window = -1};
static struct trap_pipeline *pipeline;
static int wake_fd = -1;
static struct trapd_counters cnt;
static netsnmp_session *sessions[MAX_SESSIONS];
static netsnmp_transport *transports[MAX_SESSIONS];
static int rcvbuf_got[MAX_SESSIONS];
static size_t n_sessions;
static int batch_max = TRAPD_DEFAULT_BATCH_MAX, batch_ms = TRAPD_DEFAULT_BATCH_MS;
static volatile sig_atomic_t got_term, got_hup;

static void usage(FILE *f)
{
    fprintf(
        f, "usage: printdev-trapd [-f] [-C] [-c FILE] [-p PIDFILE] [-L[efos...]] [-D[TOKENS]]\n"
           "                      [-r RULES] [-d DB | -n] [-P SPOOL] [-j JSONL] [-s FACILITY|off]\n"
           "                      [-l SYSLOG-SOCKET] [-o] [-w SECS] [-S STATS] [ADDR ...]\n"
           "  -f          stay in the foreground\n"
           "  -c FILE     configuration file (default " PRINTDEV_TRAPD_CONF ")\n"
           "  -C          do not read Net-SNMP's default configuration files\n"
           "  -p FILE     write the process id to FILE\n"
           "  -L OPTS     Net-SNMP logging: -Le stderr, -Lf FILE, -Ls FACILITY, -Lo stdout\n"
           "  -D TOKENS   Net-SNMP debugging output\n"
           "  -r FILE     trap rules (default " PRINTDEV_TRAP_RULES ")\n"
           "  -d DB       fleet store: SQLite file (default " PRINTDEV_TRAP_DB "),\n"
           "              postgresql://... or pg:CONNINFO (a shared PostgreSQL)\n"
           "  -P FILE     local spool while PostgreSQL cannot take writes\n"
           "  -n          no database\n"
           "  -j FILE     append one JSON line per event\n"
           "  -s FAC      syslog facility of the events, or 'off'\n"
           "  -l PATH     syslog datagram socket (default /dev/log)\n"
           "  -o          also print each event on standard output\n"
           "  -w SECS     storm-control window (0 disables; default from the rules)\n"
           "  -S FILE     counters file, rewritten every second\n"
           "  ADDR        transports (default " TRAPD_DEFAULT_LISTEN ")\n"
           "Nothing is accepted until authCommunity/authUser lines allow it.\n");
}

static void on_signal(int sig)
{
    if (sig == SIGHUP)
        got_hup = 1;
    else
        got_term = 1;
}

static int64_t now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void pipeline_report(void *arg, const char *msg)
{
    (void)arg;
    snmp_log(LOG_ERR, "%s\n", msg);
}

/* ---- receiving ---------------------------------------------------------------- */

/* Net-SNMP's callback for every PDU a session receives. */
static int input(int op, netsnmp_session *sess, int reqid, netsnmp_pdu *pdu, void *magic)
{
    netsnmp_transport *t = magic;
    char src[64], *tstr = NULL;
    struct trap_msg *m;
    netsnmp_pdu *reply = NULL;
    int rc;

    (void)reqid;
    if (op != NETSNMP_CALLBACK_OP_RECEIVED_MESSAGE)
        return 1;
    cnt.received++;
    if (pdu->command != SNMP_MSG_TRAP && pdu->command != SNMP_MSG_TRAP2 &&
        pdu->command != SNMP_MSG_INFORM) {
        cnt.not_notification++;
        return 1;
    }
    trapd_pdu_source(pdu, src, sizeof src);
    switch (trapd_access_check(pdu, src)) {
    case TRAPD_ALLOW:
        break;
    case TRAPD_DENY_COMMUNITY:
        cnt.denied_community++;
        return 1;
    case TRAPD_DENY_USER:
        cnt.denied_user++;
        return 1;
    default:
        cnt.denied_model++;
        return 1;
    }
    m = trapd_commit_slot();
    if (!m) { /* cannot happen: the loop stops reading at a full batch */
        cnt.full_waits++;
        trapd_commit_drain();
        m = trapd_commit_slot();
    }
    if (t && t->f_fmtaddr)
        tstr = t->f_fmtaddr(t, pdu->transport_data, pdu->transport_data_length);
    rc = trapd_pdu_to_msg(pdu, src, tstr, m);
    free(tstr);
    if (rc < 0) {
        cnt.decode_errors++;
        trap_msg_free(m);
        snmp_log(LOG_ERR, "notification from %s not handled: out of memory\n", src);
        return 1;
    }
    cnt.accepted++;
    if (pdu->command == SNMP_MSG_INFORM) {
        reply = snmp_clone_pdu(pdu);
        if (!reply) {
            snmp_log(LOG_ERR, "couldn't clone PDU for INFORM response\n");
        } else {
            reply->command = SNMP_MSG_RESPONSE;
            reply->errstat = 0;
            reply->errindex = 0;
        }
    }
    trapd_commit_add(now_ms(), sess, reply);
    return 1;
}

/* ---- transports ----------------------------------------------------------------- */

static void set_rcvbuf(size_t i, netsnmp_transport *t, long want)
{
    int v = (int)want, got = 0;
    socklen_t len = sizeof got;

    if (t->sock < 0)
        return;
    /* FORCE passes net.core.rmem_max when we may (CAP_NET_ADMIN) */
    if (setsockopt(t->sock, SOL_SOCKET, SO_RCVBUFFORCE, &v, sizeof v) < 0)
        setsockopt(t->sock, SOL_SOCKET, SO_RCVBUF, &v, sizeof v);
    if (getsockopt(t->sock, SOL_SOCKET, SO_RCVBUF, &got, &len) == 0) {
        rcvbuf_got[i] = got;
        /* the kernel reports twice what it accounts for payload */
        if ((long)got / 2 < want)
            snmp_log(LOG_WARNING,
                     "receive buffer is %d bytes, %ld wanted: raise net.core.rmem_max "
                     "(sysctl.d/60-printdev-rmem.conf) or bursts will be lost\n",
                     got / 2, want);
    }
}

static int open_transports(const char *list, long rcvbuf)
{
    char *copy = strdup(list), *save = NULL, *a;

    if (!copy)
        return -1;
    for (a = strtok_r(copy, ",", &save); a; a = strtok_r(NULL, ",", &save)) {
        netsnmp_session s;
        netsnmp_transport *t;
        netsnmp_session *ss;

        if (n_sessions >= MAX_SESSIONS) {
            snmp_log(LOG_ERR, "more than %d transports\n", MAX_SESSIONS);
            free(copy);
            return -1;
        }
        t = netsnmp_transport_open_server("snmptrap", a);
        if (!t) {
            snmp_log(LOG_ERR, "couldn't open %s: %s\n", a, strerror(errno));
            free(copy);
            return -1;
        }
        snmp_sess_init(&s);
        s.peername = SNMP_DEFAULT_PEERNAME;
        s.version = SNMP_DEFAULT_VERSION;
        s.community_len = SNMP_DEFAULT_COMMUNITY_LEN;
        s.retries = SNMP_DEFAULT_RETRIES;
        s.timeout = SNMP_DEFAULT_TIMEOUT;
        s.callback = input;
        s.callback_magic = t;
        s.authenticator = NULL;
        s.isAuthoritative = SNMP_SESS_UNKNOWNAUTH;
        ss = snmp_add(&s, t, NULL, NULL);
        if (!ss) {
            snmp_sess_perror("printdev-trapd", &s);
            free(copy);
            return -1;
        }
        set_rcvbuf(n_sessions, t, rcvbuf);
        transports[n_sessions] = t;
        sessions[n_sessions++] = ss;
        snmp_log(LOG_INFO, "listening on %s\n", a);
    }
    free(copy);
    return 0;
}

/* ---- counters --------------------------------------------------------------------- */

static void write_stats(const char *path)
{
    trapd_stats_write(path, &cnt, pipeline, transports, rcvbuf_got, n_sessions);
}

/* ---- main loop ---------------------------------------------------------------------- */

/* Reads the datagrams already queued (zero timeout) while the filling
 * batch has room and is younger than batch_ms.  Returns the number of
 * select rounds that found data. */
static int read_ready(void)
{
    int rounds = 0;

    while (trapd_commit_filling() < (size_t)batch_max &&
           (trapd_commit_filling() == 0 || trapd_commit_age_ms() < batch_ms)) {
        netsnmp_large_fd_set fds;
        struct timeval tv = {0, 0};
        int numfds = 0, block = 0, count;

        netsnmp_large_fd_set_init(&fds, FD_SETSIZE);
        snmp_select_info2(&numfds, &fds, &tv, &block);
        tv.tv_sec = 0;
        tv.tv_usec = 0;
        count = netsnmp_large_fd_set_select(numfds, &fds, NULL, NULL, &tv);
        if (count > 0)
            snmp_read2(&fds);
        netsnmp_large_fd_set_cleanup(&fds);
        if (count <= 0)
            break;
        rounds++;
    }
    return rounds;
}

static void reload(void)
{
    char err[512];

    trapd_commit_drain(); /* what came before is committed under the old rules */
    netsnmp_logging_restart();
    snmp_log(LOG_INFO, "SIGHUP: reloading the configuration and rules\n");
    free_config();
    read_configs();
    if (trap_pipeline_reload(pipeline, err, sizeof err) < 0)
        snmp_log(LOG_ERR, "rules not reloaded, the old ones stay: %s\n", err);
    if (trapd_conf_rules() == 0)
        snmp_log(LOG_WARNING, "no authCommunity/authUser rule: nothing is accepted\n");
}

/* The loop: read while the filling batch has room; hand it to the
 * committer whenever that is idle (so a lone trap is committed at once and
 * a storm fills batches while the previous one commits); a full batch
 * with the committer busy stops reading until it is done; informs are
 * answered as their batch completes. */
static void main_loop(const char *stats)
{
    time_t last_stats = 0;

    while (!got_term) {
        netsnmp_large_fd_set fds;
        struct timeval tv = {1, 0};
        int numfds = 0, block = 0, count;
        bool full;

        if (got_hup) {
            got_hup = 0;
            reload();
        }
        full = trapd_commit_filling() >= (size_t)batch_max;
        netsnmp_large_fd_set_init(&fds, FD_SETSIZE);
        if (!full) {
            snmp_select_info2(&numfds, &fds, &tv, &block);
        } else {
            cnt.full_waits++;
        }
        NETSNMP_LARGE_FD_SET(wake_fd, &fds);
        if (wake_fd >= numfds)
            numfds = wake_fd + 1;
        count = netsnmp_large_fd_set_select(numfds, &fds, NULL, NULL, &tv);
        if (count > 0) {
            if (NETSNMP_LARGE_FD_ISSET(wake_fd, &fds)) {
                NETSNMP_LARGE_FD_CLR(wake_fd, &fds);
                trapd_commit_complete();
                count--;
            }
            if (count > 0 && !full) {
                snmp_read2(&fds);
                read_ready();
            }
        } else if (count == 0) {
            if (!full)
                snmp_timeout();
            /* a quiet second: the store may replay what it spooled while
             * PostgreSQL was away (the committer is idle, nothing waits) */
            if (!trapd_commit_busy() && trapd_commit_filling() == 0)
                trap_pipeline_idle(pipeline);
        } else if (errno != EINTR) {
            snmp_log_perror("select");
            netsnmp_large_fd_set_cleanup(&fds);
            break;
        }
        netsnmp_large_fd_set_cleanup(&fds);
        trapd_commit_submit(); /* if the committer is idle */
        if (stats && time(NULL) != last_stats) {
            last_stats = time(NULL);
            write_stats(stats);
        }
    }
    /* SIGTERM: what the kernel already holds is ours to commit */
    {
        size_t drained = 0;
        trapd_commit_drain();
        while (drained < DRAIN_MAX && read_ready() > 0) {
            drained += trapd_commit_filling();
            trapd_commit_drain();
        }
    }
    write_stats(stats);
}

static int parse_args(int argc, char **argv)
{
    int c;
    size_t len = 0;

    while ((c = getopt(argc, argv, "fCc:p:L:D::r:d:nj:s:l:ow:P:S:hH")) != -1) {
        switch (c) {
        case 'f':
            cli.foreground = true;
            break;
        case 'C':
            cli.no_defaults = true;
            break;
        case 'c':
            cli.conf = optarg;
            break;
        case 'p':
            cli.pidfile = optarg;
            break;
        case 'L':
            if (snmp_log_options(optarg, argc, argv) < 0) {
                usage(stderr);
                return 2;
            }
            break;
        case 'D':
            debug_register_tokens(optarg);
            snmp_set_do_debugging(1);
            break;
        case 'r':
            cli.rules = optarg;
            break;
        case 'd':
            cli.db = optarg;
            break;
        case 'n':
            cli.no_db = true;
            break;
        case 'j':
            cli.jsonl = optarg;
            break;
        case 's':
            if (strcmp(optarg, "off") == 0) {
                cli.syslog_on = false;
            } else if (trap_output_syslog_facility(optarg) < 0) {
                fprintf(stderr, "printdev-trapd: unknown syslog facility '%s'\n", optarg);
                return 2;
            } else {
                cli.facility = optarg;
            }
            break;
        case 'l':
            cli.syslog_sock = optarg;
            break;
        case 'o':
            cli.to_stdout = true;
            break;
        case 'S':
            cli.stats = optarg;
            break;
        case 'P':
            cli.pg_spool = optarg;
            break;
        case 'w': {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*optarg == '\0' || *end != '\0' || v < 0 || v > 86400) {
                fprintf(stderr, "printdev-trapd: -w wants seconds 0..86400, not '%s'\n", optarg);
                return 2;
            }
            cli.storm_window = (int)v;
            break;
        }
        case 'H':
            trapd_conf_register();
            init_usm_conf(TRAPD_APP);
            fprintf(stderr, "Configuration directives understood:\n");
            read_config_print_usage("  ");
            exit(0);
        case 'h':
            usage(stdout);
            exit(0);
        default:
            usage(stderr);
            return 2;
        }
    }
    for (c = optind; c < argc; c++)
        len += strlen(argv[c]) + 1;
    if (len) {
        cli.listen = calloc(1, len);
        if (!cli.listen)
            return 2;
        for (c = optind; c < argc; c++) {
            if (c > optind)
                strcat(cli.listen, ",");
            strcat(cli.listen, argv[c]);
        }
    }
    return 0;
}

/* A copy that lives as long as the process (NULL stays NULL). */
static const char *keep(const char *s)
{
    char *c;

    if (!s)
        return NULL;
    c = strdup(s);
    if (!c) {
        snmp_log(LOG_ERR, "out of memory\n");
        exit(1);
    }
    return c;
}

static void write_pidfile(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
    char buf[32];
    int n;

    if (fd < 0) {
        snmp_log(LOG_ERR, "%s: %s\n", path, strerror(errno));
        return;
    }
    n = snprintf(buf, sizeof buf, "%ld\n", (long)getpid());
    if (write(fd, buf, (size_t)n) != n)
        snmp_log(LOG_ERR, "%s: %s\n", path, strerror(errno));
    close(fd);
}

int main(int argc, char **argv)
{
    struct trap_pipeline_config pc = {0};
    const struct trapd_settings *st;
    struct sigaction sa;
    char err[512];
    const char *listen, *stats, *persist;
    char confs[2 * PATH_MAX + 2];
    int rc, exit_code = 0;

    rc = parse_args(argc, argv);
    if (rc)
        return rc;
    if (!cli.foreground && !snmp_get_do_logging())
        snmp_enable_syslog_ident(TRAPD_APP, LOG_DAEMON);
    else if (!snmp_get_do_logging())
        snmp_enable_stderrlog();

    /* engine ID, engine boots and localized USM keys live here */
    persist = getenv("SNMP_PERSISTENT_DIR") ? getenv("SNMP_PERSISTENT_DIR") : PRINTDEV_TRAPD_STATE;
    netsnmp_ds_set_string(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_PERSISTENT_DIR, persist);
    /* config: -c FILE (default ours); -C skips Net-SNMP's default files,
     * which would also skip the persistent state: name it explicitly */
    snprintf(confs, sizeof confs, "%s", cli.conf ? cli.conf : PRINTDEV_TRAPD_CONF);
    if (cli.no_defaults) {
        char pf[PATH_MAX];
        netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_READ_CONFIGS, 1);
        if ((size_t)snprintf(pf, sizeof pf, "%s/" TRAPD_APP ".conf", persist) < sizeof pf &&
            access(pf, R_OK) == 0 && strlen(confs) + strlen(pf) + 2 < sizeof confs) {
            strcat(confs, ",");
            strcat(confs, pf);
        }
    }
    netsnmp_ds_set_string(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_OPTIONALCONFIG, confs);
    /* numeric OIDs everywhere: no MIB files to read (and complain about) */
    setenv("MIBS", "", 0);
    setenv("MIBDIRS", "", 0);
    trapd_conf_register();
    init_usm_conf(TRAPD_APP);
    init_snmp(TRAPD_APP);
    /* a kill -9 must not change the engine ID next time */
    snmp_store(TRAPD_APP);

    st = trapd_conf_settings();
    if (st->batch_max > 0)
        batch_max = st->batch_max;
    if (st->batch_ms >= 0)
        batch_ms = st->batch_ms;
    /* copies: a reload (free_config) frees the settings' strings; the
     * transports, stats file, rules, database and JSON Lines paths keep
     * their start-up values until a restart */
    listen = keep(cli.listen ? cli.listen : st->listen ? st->listen : TRAPD_DEFAULT_LISTEN);
    stats = keep(cli.stats ? cli.stats : st->stats);
    if (trapd_conf_rules() == 0)
        snmp_log(LOG_WARNING, "no authCommunity/authUser rule: nothing is accepted\n");

    pc.rules = keep(cli.rules ? cli.rules : st->rules ? st->rules : PRINTDEV_TRAP_RULES);
    pc.rules_given = cli.rules || st->rules;
    pc.jsonl = keep(cli.jsonl ? cli.jsonl : st->jsonl);
    pc.db = keep(cli.db ? cli.db : st->db);
    pc.default_db = PRINTDEV_TRAP_DB;
    pc.no_db = cli.no_db;
    pc.syslog_on = cli.syslog_on;
    pc.facility = cli.facility;
    pc.syslog_sock = cli.syslog_sock;
    pc.ident = NULL;
    pc.out_fd = cli.to_stdout ? STDOUT_FILENO : -1;
    pc.storm_window = cli.storm_window;
    pc.alert_max_age = (int)st->alert_max_age;
    pc.pg_spool = keep(cli.pg_spool ? cli.pg_spool : st->pg_spool);
    pc.exec_queue = st->action_queue > 0 ? st->action_queue : TRAPD_DEFAULT_ACTION_QUEUE;
    pc.report = pipeline_report;

    /* transports first (their errors reach the caller's terminal), then
     * the daemon fork, then the pipeline's action thread (a fork would
     * lose it) */
    if (open_transports(listen, st->rcvbuf > 0 ? st->rcvbuf : TRAPD_DEFAULT_RCVBUF) < 0)
        return 1;
    if (!cli.foreground && netsnmp_daemonize(1, snmp_stderrlog_status()) != 0)
        return 1;
    /* the action thread must never take our signals; it waits for
     * SIGCHLD itself (trap_output_exec) */
    {
        sigset_t block;
        sigemptyset(&block);
        sigaddset(&block, SIGCHLD);
        sigaddset(&block, SIGHUP);
        sigaddset(&block, SIGTERM);
        sigaddset(&block, SIGINT);
        pthread_sigmask(SIG_BLOCK, &block, NULL);
        rc = trap_pipeline_open(&pc, &pipeline, err, sizeof err);
        if (rc == 0 &&
            trapd_commit_start(pipeline, (size_t)batch_max + MAX_SESSIONS + 1, &wake_fd) < 0) {
            snprintf(err, sizeof err, "cannot start the committer: %s", strerror(errno));
            rc = -1;
        }
        sigdelset(&block, SIGCHLD);
        pthread_sigmask(SIG_UNBLOCK, &block, NULL);
    }
    if (rc < 0) {
        snmp_log(LOG_ERR, "%s\n", err);
        return 1;
    }
    if (cli.pidfile)
        write_pidfile(cli.pidfile);

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal; /* no SA_RESTART: select() returns EINTR */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    snmp_log(LOG_INFO, "printdev-trapd started (batches of %d traps or %d ms)\n", batch_max,
             batch_ms);

    main_loop(stats);

    trapd_commit_stop();
    {
        struct trapd_commit_counters cc;
        trapd_commit_counters(&cc);
        snmp_log(LOG_INFO,
                 "printdev-trapd stopping: %" PRIu64 " accepted, %" PRIu64 " informs answered\n",
                 cnt.accepted, cc.informs_answered);
    }
    trap_pipeline_close(pipeline);
    snmp_shutdown(TRAPD_APP);
    if (cli.pidfile)
        unlink(cli.pidfile);
    free(cli.listen);
    /* the start-up copies (keep()), for leak checkers */
    free((char *)listen);
    free((char *)stats);
    free((char *)pc.rules);
    free((char *)pc.jsonl);
    free((char *)pc.db);
    free((char *)pc.pg_spool);
    return exit_code;
}
