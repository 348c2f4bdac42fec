/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * printdevd.c: the printdev AgentX subagent.  It serves the same tables as
 * printdev.so (all work is in the glue library) to a master snmpd that has
 * `master agentx` and an agentXSocket this process can reach.
 *
 *   printdevd [-f] [-x ADDR] [-C] [-c FILE[,FILE]] [-L<logopt>] [-p PIDFILE]
 *             [-I SECONDS] [-D TOKENS] [--help] [--version]
 *
 * Configuration: printdevd.conf on the Net-SNMP config path
 * (/etc/snmp/printdevd.conf, ~/.snmp/printdevd.conf, SNMPCONFPATH), plus
 * -c FILE; -C skips the default files.  It holds printdevProfile /
 * printdev* tokens, printdevStateDir, printdevNotify, and the usual agent
 * tokens (agentXSocket, agentxPingInterval, ...).
 *
 * Exit status: 0 after SIGTERM/SIGINT, 1 on a fatal start-up error (bad
 * option, no valid device configured, log or pid file unusable) or when the
 * master refuses our registrations (another subagent serves the devices).  SIGHUP
 * re-reads the configuration and re-registers everything.  After a master
 * restart the subagent reconnects within the AgentX ping interval (-I,
 * default 15 s; agentxPingInterval in the config file is the same knob).
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include "printdev_glue.h"
#include "prt_model.h"

#define APP "printdevd"

static volatile sig_atomic_t keep_running = 1;
static volatile sig_atomic_t reload;

static void on_stop(int sig)
{
    keep_running = 0;
}

static void on_hup(int sig)
{
    reload = 1;
}

static void usage(FILE *f)
{
    fprintf(f,
            "Usage: " APP " [options]\n"
            "AgentX subagent serving Printer-MIB v2 (RFC 3805), the printer's\n"
            "HOST-RESOURCES rows, the Port Monitor MIB and PRINTDEV-MIB.\n\n"
            "  -f            stay in the foreground\n"
            "  -x ADDRESS    AgentX master socket (default: Net-SNMP's, e.g. /var/agentx/master)\n"
            "  -C            do not read the default configuration files\n"
            "  -c FILE       read FILE (comma-separated list) as configuration too\n"
            "  -L OPTS       logging, as snmpd: -Lo, -Le, -Lf FILE, -Ls FACILITY, -Ln ...\n"
            "  -p FILE       write the process id to FILE\n"
            "  -I SECONDS    AgentX ping interval: reconnect to a restarted master within it\n"
            "                (default 15; 0 = never reconnect)\n"
            "  -D TOKENS     Net-SNMP debug output for TOKENS (e.g. printdev)\n"
            "  -h, --help    this text\n"
            "  -V, --version print the version\n\n"
            "Configuration: " APP ".conf on the Net-SNMP configuration path; SIGHUP re-reads it.\n");
}

static int write_pidfile(const char *path)
{
    FILE *f;
    int fd;
    if (!path)
        return 0;
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0 || !(f = fdopen(fd, "w"))) {
        if (fd >= 0)
            close(fd);
        snmp_log(LOG_ERR, APP ": cannot write pid file %s: %s\n", path, strerror(errno));
        return -1;
    }
    fprintf(f, "%ld\n", (long)getpid());
    if (fclose(f) != 0) {
        snmp_log(LOG_ERR, APP ": cannot write pid file %s: %s\n", path, strerror(errno));
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 },
    };
    int foreground = 0, logging_set = 0, ping = -1, c, rc = 0;
    const char *pidfile = NULL;
    struct sigaction sa;
    struct prt_model *m;

    while ((c = getopt_long(argc, argv, "fx:Cc:L:p:I:D:hV", longopts, NULL)) != -1) {
        switch (c) {
        case 'f':
            foreground = 1;
            break;
        case 'x':
            netsnmp_ds_set_string(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_X_SOCKET, optarg);
            break;
        case 'C':
            netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_READ_CONFIGS, 1);
            break;
        case 'c':
            netsnmp_ds_set_string(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_OPTIONALCONFIG, optarg);
            break;
        case 'L':
            if (snmp_log_options(optarg, argc, argv) < 0) {
                fprintf(stderr, APP ": bad logging option -L%s\n", optarg);
                usage(stderr);
                return 1;
            }
            logging_set = 1;
            break;
        case 'p':
            pidfile = optarg;
            break;
        case 'I': {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*optarg == '\0' || *end != '\0' || v < 0 || v > 86400) {
                fprintf(stderr, APP ": -I needs seconds between 0 and 86400\n");
                return 1;
            }
            ping = (int)v;
            break;
        }
        case 'D':
            debug_register_tokens(optarg);
            snmp_set_do_debugging(1);
            break;
        case 'h':
            usage(stdout);
            return 0;
        case 'V':
            printf(APP " %s (Net-SNMP %s)\n", PACKAGE_VERSION, netsnmp_get_version());
            return 0;
        default:
            usage(stderr);
            return 1;
        }
    }
    if (optind < argc) {
        fprintf(stderr, APP ": unexpected argument \"%s\"\n", argv[optind]);
        usage(stderr);
        return 1;
    }
    if (!logging_set) {
        if (foreground)
            snmp_enable_stderrlog();
        else
            snmp_enable_syslog_ident(APP, LOG_DAEMON);
    }

    /* No MIB files are needed at run time (every OID is numeric); parsing
     * them only slows the start and fills the log.  MIBS=... still wins. */
    if (!getenv("MIBS"))
        setenv("MIBS", "", 1);
    netsnmp_enable_subagent();
    /* Signals only set flags, handled by the main loop: a SIGHUP or SIGTERM
     * that arrives while the start-up registrations are still going out
     * (thousands of AgentX PDUs with many devices) waits for them instead
     * of killing the process. */
    memset(&sa, 0, sizeof(sa));
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_stop; /* no SA_RESTART: select() returns at once */
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = on_hup;
    sigaction(SIGHUP, &sa, NULL);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &sa, NULL);

    if (init_agent(APP) != 0) {
        snmp_log(LOG_ERR, APP ": cannot initialise the agent library\n");
        return 1;
    }
    /* init_agent() forced the subagent default (15 s); -I must be in place
     * before init_snmp() schedules the first connection attempt, and again
     * after it so that it wins over agentxPingInterval in the config. */
    if (ping >= 0)
        netsnmp_ds_set_int(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_AGENTX_PING_INTERVAL,
                           ping);
    /* Net-SNMP enables its registry look-up cache only in a master agent;
     * without it every request scans all registrations (8 hr* cells per
     * device sort before the Printer-MIB). */
    netsnmp_set_lookup_cache_size(-1);
    if (printdev_glue_init() != 0) {
        snmp_shutdown(APP);
        return 1;
    }
    init_snmp(APP); /* reads printdevd.conf; the glue builds the model after it */
    if (ping >= 0)
        netsnmp_ds_set_int(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_AGENTX_PING_INTERVAL,
                           ping);

    m = printdev_glue_model();
    if (printdev_glue_registration_refused()) {
        rc = 1;
        goto refused;
    }
    /* No device is fatal when the configuration meant some (a profile
     * missing or in error); a configuration without any (devices to come
     * over the feed, printdev-ipp say) waits for them. */
    if (!m || (m->n_devices == 0 && (printdev_glue_profile_errors() > 0 ||
                                     !printdev_glue_feed_listening()))) {
        snmp_log(LOG_ERR, APP ": no valid device configured; exiting\n");
        rc = 1;
        goto out;
    }
    if (m->n_devices == 0)
        snmp_log(LOG_NOTICE, APP ": no device configured; waiting for devices added over the "
                             "feed (device add)\n");
    if (!foreground && netsnmp_daemonize(1, snmp_stderrlog_status()) != 0) {
        snmp_log(LOG_ERR, APP ": cannot daemonize\n");
        rc = 1;
        goto out;
    }
    if (write_pidfile(pidfile) != 0) {
        rc = 1;
        goto out;
    }

    snmp_log(LOG_INFO, APP " %s started\n", PACKAGE_VERSION);
    while (keep_running) {
        if (reload) {
            reload = 0;
            snmp_log(LOG_INFO, APP ": SIGHUP, reloading the configuration\n");
            update_config();
        }
        agent_check_and_process(1);
        if (printdev_glue_registration_refused()) {
            rc = 1;
            if (pidfile)
                unlink(pidfile);
            goto refused;
        }
    }
    snmp_log(LOG_INFO, APP ": stopping\n");
    if (pidfile)
        unlink(pidfile);
out:
    /* Close the AgentX session before unregistering anything: the master
     * then drops our registrations itself, after cancelling the requests
     * it still has delegated to us.  Unregister-PDUs first would let a
     * Net-SNMP 5.9.3 master free the subtrees such a request still points
     * to (unregister_agentx_list) and then read them in
     * netsnmp_remove_delegated_requests_for_session (use after free; it
     * crashes the master after a BIT STRING/NSAP SET wedged it, see
     * printdevd(8), BUGS).  The state is saved by the glue either way. */
    snmp_shutdown(APP);
    printdev_glue_shutdown();
    shutdown_agent();
    SOCK_CLEANUP;
    return rc;

refused:
    /* Close the AgentX session first: the master then drops whatever it did
     * accept from us, and our own unregistrations (which it would apply to
     * the other subagent's objects) are never sent. */
    snmp_log(LOG_ERR, APP ": the AgentX master refused to register printdev objects (another "
             "subagent already serves these devices?); exiting\n");
    snmp_shutdown(APP);
    printdev_glue_shutdown();
    shutdown_agent();
    SOCK_CLEANUP;
    return rc;
}
