/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * feed_server.c: the feed socket inside the agent (snmpd with printdev.so,
 * or printdevd), served from Net-SNMP's event loop.
 * This file: the listening socket, init/shutdown and the configuration
 * tokens; the clients, line handling and group commit are in
 * feed_server_client.c, the state both share in feed_server_internal.h.
 *
 * One listening Unix stream socket, up to FEED_MAX_CLIENTS clients, all
 * non-blocking and registered with register_readfd()/register_writefd();
 * no threads, so every command is applied between two SNMP requests and a
 * walk never sees half of a begin/commit batch.  Per client: an input
 * buffer holding at most one partial line (FEED_LINE_MAX), an output
 * buffer for replies and watched events (FEED_MAX_PENDING, then the client
 * is dropped), one protocol session (feed_proto.c).  A client that sends
 * more than FEED_MAX_ERRORS failing lines in a row is dropped too.  While
 * a client's replies are not being read, its input is not read either, so
 * a fast writer and slow reader cannot grow the buffer.
 *
 * Idle clients (slowloris): a client that has not completed a line within
 * printdevFeedIdleTimeout seconds (default 30) of connecting, that holds a
 * partial line that long, or that has not read any of its pending replies
 * or events that long, is disconnected by a once-a-second alarm
 * (snmp_alarm; nothing blocks).  A client that completed its lines and read
 * its replies (a `watch` client waiting for events) is left alone.  And a
 * new client is never refused for lack of room: when all FEED_MAX_CLIENTS
 * slots are taken, the user (peer uid, SO_PEERCRED) holding the most
 * connections loses its least recently active one, preferring one with no
 * complete line, so one local user filling the slots cannot lock the
 * controller out.
 *
 * The server reaches the agent layer only through the ops the glue
 * registers (struct feed_agent_ops, feed_server.h).  After each applied
 * command or batch the protocol's hook calls ops->changed(d): rules,
 * printerV2Alert, LastUpdate.  Durability (printdevFeedSync yes, the
 * default) is a group commit per read event: every complete line that
 * arrived is applied, then ops->commit saves each changed device once
 * (prt_state_save: temp file, fsync, rename) and sends the printerV2Alert
 * notifications raised meanwhile, and only then are the replies sent, so
 * an `ok` (and a notification) means the state is on disk.  If
 * the save fails, the state-changing lines of that read get
 * "error state not saved: REASON" instead of their reply; the change stays
 * applied in memory and is saved by the next successful save.  Read-only
 * lines of the same read wait for the save too (replies keep their order).
 * With printdevFeedSync no the glue saves at most once a second from an
 * alarm (an `ok` then may be lost by a crash); everything is saved at
 * shutdown in both modes.
 * When the first client selects a device, printdevDeviceFeedConnected
 * (read from printdev_feed_device_connected) becomes true.  Only print
 * controller sessions are reported with printdevFeedConnected /
 * printdevFeedDisconnected (ops->connected): which sessions those are,
 * and the rate limit, are in feed_server_notify.c.
 *
 * How to try it by hand:
 *   snmpd -f -Lo -C -c test.conf udp:127.0.0.1:16161   (see glue_config.c)
 *   test.conf also:  printdevFeedSocket /tmp/pd/feed.sock 0600
 *   printdevctl -s /tmp/pd/feed.sock set input 1 level 0
 *   snmpget -v2c -c public 127.0.0.1:16161 1.3.6.1.2.1.43.8.2.1.10.1.1
 */
#include <config.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "feed_proto.h"
#include "feed_server.h"
#include "feed_server_internal.h"

/* printdevFeedSocket */
static char *opt_path;
static mode_t opt_mode = 0660;
static gid_t opt_gid = (gid_t)-1;
static bool opt_disabled;
static char *registered_type;

/* ---- socket ---- */

static int default_path(char *buf, size_t cap)
{
    const char *pd = get_persistent_directory();

    if (pd == NULL || (size_t)snprintf(buf, cap, "%s/printdev/feed.sock", pd) >= cap)
        return -1;
    return 0;
}

static int open_socket(const char *path)
{
    struct sockaddr_un sa;
    struct stat st;
    mode_t old;
    int fd;

    memset(&sa, 0, sizeof(sa));
    sa.sun_family = AF_UNIX;
    if (path[0] != '/' || strlen(path) >= sizeof(sa.sun_path)) {
        snmp_log(LOG_ERR,
                 "printdev: feed socket path %s must be absolute and shorter than "
                 "%zu octets\n",
                 path, sizeof(sa.sun_path));
        return -1;
    }
    memcpy(sa.sun_path, path, strlen(path) + 1);
    /* A leftover socket from a previous run is replaced; a live one (another
     * agent) or anything that is not a socket is left alone. */
    if (lstat(path, &st) == 0) {
        if (!S_ISSOCK(st.st_mode)) {
            snmp_log(LOG_ERR, "printdev: %s exists and is not a socket; feed not started\n", path);
            return -1;
        }
        fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0) {
            close(fd);
            snmp_log(LOG_ERR,
                     "printdev: feed socket %s is in use by another process; feed "
                     "not started\n",
                     path);
            return -1;
        }
        if (fd >= 0)
            close(fd);
        unlink(path);
    }
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        snmp_log(LOG_ERR, "printdev: feed socket: %s\n", strerror(errno));
        return -1;
    }
    old = umask(0177); /* no window in which the socket is wider than 0600 */
    if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
        int e = errno;
        umask(old);
        snmp_log(LOG_ERR, "printdev: cannot bind feed socket %s: %s\n", path, strerror(e));
        close(fd);
        return -1;
    }
    umask(old);
    /* The group is a convenience for the controller; when the agent may not
     * give the socket to it (e.g. after dropping root, on a reload), the
     * socket stays with the agent's group: less access, never more. */
    if (opt_gid != (gid_t)-1 && chown(path, (uid_t)-1, opt_gid) < 0)
        snmp_log(LOG_WARNING, "printdev: cannot give feed socket %s to group %lu: %s\n", path,
                 (unsigned long)opt_gid, strerror(errno));
    if (chmod(path, opt_mode) < 0) {
        snmp_log(LOG_ERR, "printdev: cannot set the mode of feed socket %s: %s\n", path,
                 strerror(errno));
        unlink(path);
        close(fd);
        return -1;
    }
    if (listen(fd, 16) < 0 || fstat(fd, &st) < 0 || lstat(path, &st) < 0) {
        snmp_log(LOG_ERR, "printdev: feed socket %s: %s\n", path, strerror(errno));
        unlink(path);
        close(fd);
        return -1;
    }
    feed_srv.dev = st.st_dev;
    feed_srv.ino = st.st_ino;
    return fd;
}

int printdev_feed_init(struct prt_model *m)
{
    char path[sizeof(feed_srv.path)];

    printdev_feed_shutdown();
    feed_srv.m = m;
    if (opt_disabled) {
        snmp_log(LOG_INFO, "printdev: feed disabled (printdevFeedSocket none)\n");
        return 0;
    }
    if (opt_path != NULL) {
        if (strlen(opt_path) >= sizeof(path)) {
            snmp_log(LOG_ERR, "printdev: feed socket path too long: %s\n", opt_path);
            return -1;
        }
        memcpy(path, opt_path, strlen(opt_path) + 1);
    } else if (default_path(path, sizeof(path)) < 0) {
        snmp_log(LOG_ERR, "printdev: no persistent directory for the default feed socket; "
                          "set printdevFeedSocket\n");
        return -1;
    } else {
        /* the directory is the glue's state directory (created 0700) or ours */
        char dir[sizeof(path)];
        char *slash;
        memcpy(dir, path, sizeof(dir));
        slash = strrchr(dir, '/');
        if (slash != NULL && slash != dir) {
            *slash = '\0';
            if (mkdir(dir, 0700) < 0 && errno != EEXIST)
                snmp_log(LOG_WARNING, "printdev: cannot create %s: %s\n", dir, strerror(errno));
        }
    }
    feed_srv.lfd = open_socket(path);
    if (feed_srv.lfd < 0)
        return -1;
    if (feed_srv.lfd >= FD_SETSIZE || register_readfd(feed_srv.lfd, feed_srv_accept_cb, NULL) != FD_REGISTERED_OK) {
        snmp_log(LOG_ERR, "printdev: cannot register the feed socket with the event loop\n");
        unlink(path);
        close(feed_srv.lfd);
        feed_srv.lfd = -1;
        return -1;
    }
    memcpy(feed_srv.path, path, sizeof(feed_srv.path));
    snmp_log(LOG_INFO, "printdev: feed listening on %s (mode %04o)\n", path, (unsigned)opt_mode);
    return 0;
}

bool printdev_feed_listening(void)
{
    return feed_srv.lfd >= 0;
}

void printdev_feed_shutdown(void)
{
    struct stat st;

    feed_srv.stopping = true;
    while (feed_srv.n_clients > 0) {
        struct client *c = feed_srv.clients[feed_srv.n_clients - 1];
        feed_srv_client_flush(c); /* best effort, never waits */
        if (feed_srv.n_clients > 0 && feed_srv.clients[feed_srv.n_clients - 1] == c)
            feed_srv_client_close(c);
    }
    free(feed_srv.conns);
    feed_srv.conns = NULL;
    feed_srv.n_conns = 0;
    free(feed_srv.dirty);
    feed_srv.dirty = NULL;
    feed_srv.n_dirty = feed_srv.cap_dirty = 0;
    feed_srv.dirty_oom = false;
    if (feed_srv.lfd >= 0) {
        unregister_readfd(feed_srv.lfd);
        close(feed_srv.lfd);
        feed_srv.lfd = -1;
        /* remove the socket only if it is still ours */
        if (lstat(feed_srv.path, &st) == 0 && st.st_dev == feed_srv.dev && st.st_ino == feed_srv.ino)
            unlink(feed_srv.path);
    }
    feed_srv.path[0] = '\0';
    feed_srv.m = NULL;
    feed_srv.stopping = false;
}

/* ---- configuration ---- */

static void parse_feed_socket(const char *token, char *line)
{
    char path[PATH_MAX], mode[32], group[64];
    char *end;
    unsigned long mv;
    int n;

    n = sscanf(line, "%4095s %31s %63s", path, mode, group);
    if (n < 1) {
        netsnmp_config_error("%s: expected PATH [MODE [GROUP]] or none", token);
        return;
    }
    if (strcmp(path, "none") == 0 && n == 1) {
        opt_disabled = true;
        return;
    }
    if (path[0] != '/') {
        netsnmp_config_error("%s: socket path must be absolute: %s", token, path);
        return;
    }
    if (strlen(path) >= sizeof(feed_srv.path)) {
        netsnmp_config_error("%s: socket path longer than %zu octets", token, sizeof(feed_srv.path) - 1);
        return;
    }
    mv = 0660;
    if (n >= 2) {
        errno = 0;
        mv = strtoul(mode, &end, 8);
        if (errno || *end != '\0' || mode[0] < '0' || mode[0] > '7' || mv > 0777 || (mv & 0111)) {
            netsnmp_config_error("%s: mode must be octal, at most 0666 (no execute bits): %s",
                                 token, mode);
            return;
        }
    }
    if (n >= 3) {
        struct group *gr = getgrnam(group);
        if (gr != NULL) {
            opt_gid = gr->gr_gid;
        } else {
            errno = 0;
            unsigned long g = strtoul(group, &end, 10);
            if (errno || *end != '\0' || group[0] < '0' || group[0] > '9') {
                netsnmp_config_error("%s: unknown group %s", token, group);
                return;
            }
            opt_gid = (gid_t)g;
        }
    }
    if (mv & 0002)
        netsnmp_config_warn("%s: mode %04lo lets every local user feed the agent (change state, "
                            "raise alerts); give the controller's group access instead",
                            token, mv);
    free(opt_path);
    opt_path = strdup(path);
    opt_mode = (mode_t)mv;
    opt_disabled = false;
}

static void parse_feed_sync(const char *token, char *line)
{
    char v[8];

    if (sscanf(line, "%7s", v) != 1 || (strcmp(v, "yes") != 0 && strcmp(v, "no") != 0)) {
        netsnmp_config_error("%s: expected yes or no", token);
        return;
    }
    feed_srv_opt_sync = strcmp(v, "yes") == 0;
}

static void release_feed_sync(void)
{
    feed_srv_opt_sync = true;
}

/* SECONDS, 0 to 86400, into *v; false after a config error. */
static bool parse_seconds(const char *token, const char *line, const char *zero, unsigned *v)
{
    char *end;
    unsigned long x;

    errno = 0;
    x = strtoul(line, &end, 10);
    while (*end == ' ' || *end == '\t')
        end++;
    if (errno || end == line || *end != '\0' || line[0] == '-' || x > 86400) {
        netsnmp_config_error("%s: expected seconds, 0 (%s) to 86400", token, zero);
        return false;
    }
    *v = (unsigned)x;
    return true;
}

static void parse_feed_idle(const char *token, char *line)
{
    parse_seconds(token, line, "off", &feed_srv_opt_idle);
}

static void release_feed_idle(void)
{
    feed_srv_opt_idle = FEED_IDLE_DEFAULT;
}

static void parse_feed_ctl_after(const char *token, char *line)
{
    parse_seconds(token, line, "only hello controller", &feed_srv_opt_ctl_after);
}

static void release_feed_ctl_after(void)
{
    feed_srv_opt_ctl_after = FEED_CTL_AFTER_DEFAULT;
}

static void parse_feed_notify_interval(const char *token, char *line)
{
    parse_seconds(token, line, "no limit", &feed_srv_opt_notify_interval);
}

static void release_feed_notify_interval(void)
{
    feed_srv_opt_notify_interval = FEED_NOTIFY_INTERVAL_DEFAULT;
}

static void release_feed_socket(void)
{
    free(opt_path);
    opt_path = NULL;
    opt_mode = 0660;
    opt_gid = (gid_t)-1;
    opt_disabled = false;
}

void printdev_feed_register_config(void)
{
    const char *type;

    if (registered_type != NULL)
        return;
    type = netsnmp_ds_get_string(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_APPTYPE);
    registered_type = strdup(type ? type : "snmpd");
    if (registered_type == NULL)
        return;
    register_config_handler(registered_type, "printdevFeedSocket", parse_feed_socket,
                            release_feed_socket, "PATH [MODE [GROUP]] | none");
    register_config_handler(registered_type, "printdevFeedSync", parse_feed_sync,
                            release_feed_sync, "yes|no (default yes)");
    register_config_handler(registered_type, "printdevFeedIdleTimeout", parse_feed_idle,
                            release_feed_idle, "SECONDS (default 30, 0 off)");
    register_config_handler(registered_type, "printdevFeedControllerAfter",
                            parse_feed_ctl_after, release_feed_ctl_after,
                            "SECONDS (default 10, 0 only hello controller)");
    register_config_handler(registered_type, "printdevFeedNotifyInterval",
                            parse_feed_notify_interval, release_feed_notify_interval,
                            "SECONDS (default 60, 0 no limit)");
}

void printdev_feed_unregister_config(void)
{
    if (registered_type == NULL)
        return;
    unregister_config_handler(registered_type, "printdevFeedSocket");
    unregister_config_handler(registered_type, "printdevFeedSync");
    unregister_config_handler(registered_type, "printdevFeedIdleTimeout");
    unregister_config_handler(registered_type, "printdevFeedControllerAfter");
    unregister_config_handler(registered_type, "printdevFeedNotifyInterval");
    free(registered_type);
    registered_type = NULL;
    release_feed_socket();
    release_feed_sync();
    release_feed_idle();
    release_feed_ctl_after();
    release_feed_notify_interval();
}
