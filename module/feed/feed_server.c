/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * feed_server.c: the feed socket inside the agent (snmpd with printdev.so,
 * or printdevd), served from Net-SNMP's event loop.
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
 * When the first client selects a device, ops->connected sends
 * printdevFeedConnected and printdevDeviceFeedConnected (read from
 * printdev_feed_device_connected) becomes true; printdevFeedDisconnected
 * when the last one leaves it.
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

#define FEED_MAX_ERRORS 1000            /* failing lines in a row before a client is dropped */
#define FEED_READ_CHUNK 65536           /* octets read per readable event */
#define FEED_PAUSE_PENDING (256u << 10) /* stop reading a client above this much unsent output */

struct client {
    int fd;
    struct feed_session *sess;
    char in[FEED_LINE_MAX + 2];
    size_t in_len;
    bool discarding; /* inside an over-long line */
    struct feed_out out;
    size_t out_off;  /* sent part of out */
    bool writefd;    /* registered for writability */
    bool paused;     /* reading stopped until output drains */
    bool closing;    /* flush, then close (after quit) */
    bool overflow;   /* events not read: close at the next callback */
    unsigned errors; /* failing lines in a row */
    int32_t dev;     /* device counted as connected, 0 none */
    uid_t uid;       /* peer (SO_PEERCRED); (uid_t)-1 unknown */
    bool had_line;   /* completed at least one line */
    /* connect, last complete line or last octet sent (CLOCK_MONOTONIC) */
    struct timespec active;
    /* printdevFeedSync: replies of state-changing lines held until saved */
    int32_t line_dev;    /* device changed by the current line: 0 none, -1 several */
    struct held *held;   /* those replies in out, in order */
    size_t n_held, cap_held;
};

struct held {
    size_t at, end; /* the reply line in out */
    int32_t dev;    /* as line_dev */
};

struct devconn {
    int32_t hr_index;
    unsigned n;
};

static struct {
    struct prt_model *m;
    int lfd;
    char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
    dev_t dev;
    ino_t ino;
    struct client *clients[FEED_MAX_CLIENTS];
    unsigned n_clients;
    struct devconn *conns;
    size_t n_conns;
    const struct feed_agent_ops *ops; /* the agent layer (printdev_feed_set_ops) */
    struct feed_save *dirty;          /* devices changed in this read event, saved once */
    size_t n_dirty, cap_dirty;
    bool dirty_oom;
    unsigned int idle_alarm; /* the once-a-second idle check, 0 none */
} srv = {.lfd = -1};

/* printdevFeedSocket */
static char *opt_path;
static mode_t opt_mode = 0660;
static gid_t opt_gid = (gid_t)-1;
static bool opt_disabled;
static bool opt_sync = true; /* printdevFeedSync */
/* printdevFeedIdleTimeout, seconds; 0 off */
static unsigned opt_idle = FEED_IDLE_DEFAULT;
static char *registered_type;

static void client_close(struct client *c);

/* Moves a client's device count from c->dev to dev. */
static void track_device(struct client *c, int32_t dev)
{
    struct prt_device *d;

    if (c->dev == dev)
        return;
    if (c->dev != 0) {
        for (size_t i = 0; i < srv.n_conns; i++) {
            if (srv.conns[i].hr_index != c->dev)
                continue;
            if (--srv.conns[i].n == 0) {
                srv.conns[i] = srv.conns[--srv.n_conns];
                d = srv.m ? prt_model_find(srv.m, c->dev) : NULL;
                if (d != NULL && srv.ops != NULL)
                    srv.ops->connected(d, false);
            }
            break;
        }
    }
    c->dev = 0;
    if (dev == 0)
        return;
    for (size_t i = 0; i < srv.n_conns; i++)
        if (srv.conns[i].hr_index == dev) {
            srv.conns[i].n++;
            c->dev = dev;
            return;
        }
    {
        struct devconn *nc = realloc(srv.conns, (srv.n_conns + 1) * sizeof(*nc));
        if (nc == NULL)
            return;
        srv.conns = nc;
        srv.conns[srv.n_conns].hr_index = dev;
        srv.conns[srv.n_conns].n = 1;
        srv.n_conns++;
    }
    c->dev = dev;
    d = srv.m ? prt_model_find(srv.m, dev) : NULL;
    if (d != NULL && srv.ops != NULL)
        srv.ops->connected(d, true);
}

/* ---- output ---- */

static void client_write_cb(int fd, void *arg);
static void client_read_cb(int fd, void *arg);

static size_t pending(const struct client *c)
{
    return c->out.len - c->out_off;
}

/* Writes what it can.  Returns false when the client was closed. */
static bool client_flush(struct client *c)
{
    if (c->overflow) {
        snmp_log(LOG_WARNING, "printdev: feed client not reading its events; disconnected\n");
        client_close(c);
        return false;
    }
    while (pending(c) > 0) {
        ssize_t w = send(c->fd, c->out.buf + c->out_off, pending(c), MSG_NOSIGNAL | MSG_DONTWAIT);

        if (w < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                break;
            DEBUGMSGTL(("printdev:feed", "client fd %d: write: %s\n", c->fd, strerror(errno)));
            client_close(c);
            return false;
        }
        c->out_off += (size_t)w;
        if (w > 0)
            clock_gettime(CLOCK_MONOTONIC, &c->active);
    }
    if (pending(c) == 0) {
        feed_out_reset(&c->out);
        c->out_off = 0;
        if (c->writefd) {
            unregister_writefd(c->fd);
            c->writefd = false;
        }
        if (c->closing) {
            client_close(c);
            return false;
        }
        if (c->paused) {
            if (register_readfd(c->fd, client_read_cb, c) == FD_REGISTERED_OK)
                c->paused = false;
        }
        return true;
    }
    if (pending(c) > FEED_MAX_PENDING) {
        snmp_log(LOG_WARNING, "printdev: feed client not reading its replies; disconnected\n");
        client_close(c);
        return false;
    }
    /* keep the buffer from growing at the front */
    if (c->out_off > 65536 && c->out_off * 2 > c->out.len) {
        memmove(c->out.buf, c->out.buf + c->out_off, pending(c));
        c->out.len -= c->out_off;
        c->out_off = 0;
    }
    if (!c->writefd && register_writefd(c->fd, client_write_cb, c) == FD_REGISTERED_OK)
        c->writefd = true;
    if (!c->paused && pending(c) > FEED_PAUSE_PENDING) {
        unregister_readfd(c->fd);
        c->paused = true;
    }
    return true;
}

static void client_write_cb(int fd, void *arg)
{
    client_flush(arg);
}

/* ---- input ---- */

static void hook_changed(void *arg, struct prt_device *d)
{
    struct client *c = arg;

    if (srv.ops != NULL)
        srv.ops->changed(d);
    if (!opt_sync)
        return;
    c->line_dev = (c->line_dev == 0 || c->line_dev == d->hr_index) ? d->hr_index : -1;
    for (size_t i = 0; i < srv.n_dirty; i++)
        if (srv.dirty[i].d == d)
            return;
    if (srv.n_dirty == srv.cap_dirty) {
        size_t cap = srv.cap_dirty ? srv.cap_dirty * 2 : 8;
        struct feed_save *nd = realloc(srv.dirty, cap * sizeof(*nd));
        if (nd == NULL) {
            srv.dirty_oom = true; /* every held reply becomes an error */
            return;
        }
        srv.dirty = nd;
        srv.cap_dirty = cap;
    }
    srv.dirty[srv.n_dirty].d = d;
    srv.dirty[srv.n_dirty].failed = false;
    srv.dirty[srv.n_dirty].why[0] = '\0';
    srv.n_dirty++;
}

/* The save failure of device dev (-1: of any changed device), or NULL. */
static const char *save_failure(int32_t dev)
{
    if (srv.dirty_oom)
        return "out of memory";
    for (size_t i = 0; i < srv.n_dirty; i++)
        if (srv.dirty[i].failed && (dev == -1 || srv.dirty[i].d->hr_index == dev))
            return srv.dirty[i].why;
    return NULL;
}

/* Group commit (printdevFeedSync yes): saves every device changed in this
 * read event once, then lets the held replies go; a reply whose device
 * could not be saved becomes "error state not saved: REASON" (the change
 * stays applied in memory).  Queued printerV2Alert notifications are sent
 * after the save.  c may be NULL (closed meanwhile). */
static void commit_changes(struct client *c)
{
    bool any_failed = srv.dirty_oom;

    if (srv.ops != NULL)
        srv.ops->commit(srv.dirty, srv.n_dirty);
    for (size_t i = 0; i < srv.n_dirty; i++)
        any_failed = any_failed || srv.dirty[i].failed;
    if (c != NULL && any_failed && c->n_held > 0) {
        struct feed_out o = {0};
        size_t from = c->out_off;
        for (size_t i = 0; i < c->n_held; i++) {
            const char *why = save_failure(c->held[i].dev);
            if (why == NULL)
                continue;
            feed_out_printf(&o, "%.*s", (int)(c->held[i].at - from), c->out.buf + from);
            feed_out_printf(&o, "error state not saved: %s\n", why);
            from = c->held[i].end;
        }
        feed_out_printf(&o, "%.*s", (int)(c->out.len - from), c->out.buf + from);
        if (o.oom) {
            feed_out_free(&o);
        } else {
            feed_out_free(&c->out);
            c->out = o;
            c->out_off = 0;
        }
    }
    if (c != NULL)
        c->n_held = 0;
    srv.n_dirty = 0;
    srv.dirty_oom = false;
}

/* Handles one complete line.  Returns false when the client is gone. */
static bool client_line(struct client *c, const char *line, size_t len)
{
    size_t at = c->out.len;
    enum feed_result r;

    c->line_dev = 0;
    c->had_line = true;
    clock_gettime(CLOCK_MONOTONIC, &c->active);
    r = feed_session_line(c->sess, line, len, &c->out);
    if (c->line_dev != 0 && !c->out.oom && c->out.len > at) {
        /* the reply is the last line this command appended (watched
         * events raised by the change come before it) */
        size_t rs = c->out.len - 1;
        while (rs > at && c->out.buf[rs - 1] != '\n')
            rs--;
        if (c->n_held == c->cap_held) {
            size_t cap = c->cap_held ? c->cap_held * 2 : 16;
            struct held *nh = realloc(c->held, cap * sizeof(*nh));
            if (nh == NULL)
                c->out.oom = true;
            else {
                c->held = nh;
                c->cap_held = cap;
            }
        }
        if (!c->out.oom)
            c->held[c->n_held++] = (struct held){rs, c->out.len, c->line_dev};
    }
    if (c->out.oom) {
        snmp_log(LOG_ERR, "printdev: feed: out of memory; client disconnected\n");
        client_close(c);
        return false;
    }
    track_device(c, feed_session_device(c->sess));
    if (r == FEED_R_QUIT) {
        c->closing = true;
        return true;
    }
    if (r == FEED_R_ERROR) {
        if (++c->errors >= FEED_MAX_ERRORS) {
            feed_out_printf(&c->out, "error %d failing lines in a row; disconnecting\n",
                            FEED_MAX_ERRORS);
            snmp_log(LOG_WARNING,
                     "printdev: feed client sent %d failing lines in a row; "
                     "disconnected\n",
                     FEED_MAX_ERRORS);
            c->closing = true;
        }
    } else {
        c->errors = 0;
    }
    return true;
}

static bool client_is_open(const struct client *c)
{
    for (unsigned i = 0; i < srv.n_clients; i++)
        if (srv.clients[i] == c)
            return true;
    return false;
}

static void client_read(struct client *c, int fd);

/* With printdevFeedSync, every complete line of this read is applied, the
 * changed devices are saved once, and only then do the replies go out. */
static void client_read_cb(int fd, void *arg)
{
    struct client *c = arg;

    if (!opt_sync || c->closing) {
        client_read(c, fd);
        return;
    }
    if (srv.ops != NULL)
        srv.ops->hold();
    client_read(c, fd);
    if (!client_is_open(c)) {
        commit_changes(NULL);
        return;
    }
    commit_changes(c);
    client_flush(c);
}

static void client_read(struct client *c, int fd)
{
    char buf[FEED_READ_CHUNK];
    ssize_t n;
    size_t i, start;

    if (c->closing)
        return;
    n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
    if (n < 0) {
        if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)
            return;
        client_close(c);
        return;
    }
    if (n == 0) {
        /* end of input (or a half-close): the replies to complete lines
         * still go out, a partial line is dropped, then the client closes */
        c->closing = true;
        if (!c->paused) {
            unregister_readfd(fd);
            c->paused = true;
        }
        if (!opt_sync)
            client_flush(c);
        return;
    }
    start = 0;
    for (i = 0; i < (size_t)n; i++) {
        if (buf[i] != '\n')
            continue;
        if (c->discarding) {
            c->discarding = false;
        } else if (c->in_len > 0) {
            size_t take = i - start;
            if (c->in_len + take > FEED_LINE_MAX) {
                feed_out_printf(&c->out, "error line longer than %d octets\n", FEED_LINE_MAX);
            } else {
                memcpy(c->in + c->in_len, buf + start, take);
                if (!client_line(c, c->in, c->in_len + take))
                    return;
            }
            c->in_len = 0;
        } else if (i - start > FEED_LINE_MAX) {
            feed_out_printf(&c->out, "error line longer than %d octets\n", FEED_LINE_MAX);
        } else if (!client_line(c, buf + start, i - start)) {
            return;
        }
        start = i + 1;
        if (c->closing)
            break;
    }
    if (!c->closing && start < (size_t)n && !c->discarding) {
        size_t rest = (size_t)n - start;
        if (c->in_len + rest > FEED_LINE_MAX) {
            /* too long: answer once, skip to the next newline */
            feed_out_printf(&c->out, "error line longer than %d octets\n", FEED_LINE_MAX);
            c->in_len = 0;
            c->discarding = true;
        } else {
            memcpy(c->in + c->in_len, buf + start, rest);
            c->in_len += rest;
        }
    }
    if (c->closing && !c->paused) {
        /* quit or abuse: read nothing more, only flush */
        unregister_readfd(fd);
        c->paused = true;
    }
    if (!opt_sync)
        client_flush(c);
}

/* ---- clients ---- */

static void client_close(struct client *c)
{
    unsigned i;

    for (i = 0; i < srv.n_clients && srv.clients[i] != c; i++)
        ;
    if (i == srv.n_clients)
        return;
    srv.clients[i] = srv.clients[--srv.n_clients];
    track_device(c, 0);
    if (!c->paused)
        unregister_readfd(c->fd);
    if (c->writefd)
        unregister_writefd(c->fd);
    close(c->fd);
    feed_session_free(c->sess);
    feed_out_free(&c->out);
    free(c->held);
    free(c);
    if (srv.n_clients == 0 && srv.idle_alarm != 0) {
        snmp_alarm_unregister(srv.idle_alarm);
        srv.idle_alarm = 0;
    }
    DEBUGMSGTL(("printdev:feed", "client closed, %u left\n", srv.n_clients));
}

/* A client the agent waits for: no complete line yet, a partial one, or
 * replies/events it does not read (also after quit or end of input).  A
 * client that completed its lines and read everything is not waited for. */
static bool client_stalled(const struct client *c)
{
    return !c->had_line || c->in_len > 0 || c->discarding || c->closing || pending(c) > 0;
}

static double since(const struct timespec *t, const struct timespec *now)
{
    return (double)(now->tv_sec - t->tv_sec) + (double)(now->tv_nsec - t->tv_nsec) / 1e9;
}

/* Best effort: one line to a client about to be closed. */
static void client_tell(const struct client *c, const char *msg)
{
    if (send(c->fd, msg, strlen(msg), MSG_NOSIGNAL | MSG_DONTWAIT) < 0)
        DEBUGMSGTL(("printdev:feed", "notice not sent: %s\n", strerror(errno)));
}

static void idle_check_cb(unsigned int reg, void *arg)
{
    struct timespec now;

    if (opt_idle == 0)
        return;
    clock_gettime(CLOCK_MONOTONIC, &now);
    for (unsigned i = 0; i < srv.n_clients;) {
        struct client *c = srv.clients[i];
        if (client_stalled(c) && since(&c->active, &now) >= (double)opt_idle) {
            snmp_log(LOG_WARNING,
                     "printdev: feed client (uid %ld) idle for %u s (no complete line, or "
                     "replies not read); disconnected (printdevFeedIdleTimeout)\n",
                     c->uid == (uid_t)-1 ? -1L : (long)c->uid, opt_idle);
            if (pending(c) == 0)
                client_tell(c, "error idle timeout; disconnecting\n");
            client_close(c); /* the last slot moved here: look at i again */
            continue;
        }
        i++;
    }
}

static unsigned uid_clients(uid_t uid)
{
    unsigned n = 0;
    for (unsigned i = 0; i < srv.n_clients; i++)
        n += srv.clients[i]->uid == uid;
    return n;
}

/* All slots taken: the user holding the most connections gives up its
 * least recently active one (a stalled one first).  Returns the client to
 * drop, or NULL when there is none. */
static struct client *pick_victim(void)
{
    struct client *v = NULL;
    unsigned vn = 0;

    for (unsigned i = 0; i < srv.n_clients; i++) {
        struct client *c = srv.clients[i];
        unsigned n = uid_clients(c->uid);
        if (v == NULL || n > vn) {
            v = c;
            vn = n;
        } else if (n == vn) {
            if (client_stalled(c) != client_stalled(v)) {
                if (client_stalled(c))
                    v = c;
            } else if (since(&c->active, &v->active) > 0) { /* c active earlier */
                v = c;
            }
        }
    }
    return v;
}

static void accept_cb(int fd, void *arg)
{
    static const struct feed_hooks hooks = {hook_changed};
    struct client *c;
    struct ucred cred;
    socklen_t clen = sizeof(cred);
    int cfd;

    cfd = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (cfd < 0)
        return;
    if (cfd >= FD_SETSIZE) {
        static const char msg[] = "error too many feed clients\n";
        if (send(cfd, msg, sizeof(msg) - 1, MSG_NOSIGNAL | MSG_DONTWAIT) < 0)
            DEBUGMSGTL(("printdev:feed", "refusal not sent: %s\n", strerror(errno)));
        close(cfd);
        snmp_log(LOG_WARNING, "printdev: feed client refused: %u clients connected\n",
                 srv.n_clients);
        return;
    }
    if (srv.n_clients >= FEED_MAX_CLIENTS) {
        struct client *v = pick_victim();
        if (v == NULL) {
            close(cfd);
            return;
        }
        snmp_log(LOG_WARNING,
                 "printdev: feed full (%u clients): dropped the least recently active "
                 "client of uid %ld to admit a new one\n",
                 srv.n_clients, v->uid == (uid_t)-1 ? -1L : (long)v->uid);
        client_tell(v, "error feed full: disconnected to admit a new client\n");
        client_close(v);
    }
    c = calloc(1, sizeof(*c));
    if (c == NULL || (c->sess = feed_session_new(srv.m, &hooks, c)) == NULL) {
        free(c);
        close(cfd);
        return;
    }
    c->fd = cfd;
    c->uid = getsockopt(cfd, SOL_SOCKET, SO_PEERCRED, &cred, &clen) == 0 ? cred.uid : (uid_t)-1;
    clock_gettime(CLOCK_MONOTONIC, &c->active);
    if (register_readfd(cfd, client_read_cb, c) != FD_REGISTERED_OK) {
        snmp_log(LOG_WARNING, "printdev: feed client refused: no free event slot\n");
        feed_session_free(c->sess);
        free(c);
        close(cfd);
        return;
    }
    srv.clients[srv.n_clients++] = c;
    if (opt_idle > 0 && srv.idle_alarm == 0)
        srv.idle_alarm = snmp_alarm_register(1, SA_REPEAT, idle_check_cb, NULL);
    track_device(c, feed_session_device(c->sess));
    DEBUGMSGTL(("printdev:feed", "client connected (fd %d, uid %ld), %u clients\n", cfd,
                (long)c->uid, srv.n_clients));
}

/* Called from inside the rules, possibly while a client's line is being
 * handled: only append and ask for writability, never write or close here
 * (the write callback does both at top level). */
void printdev_feed_alert_event(const struct prt_device *d, const struct prt_alert *a, int ev)
{
    for (unsigned i = 0; i < srv.n_clients; i++) {
        struct client *c = srv.clients[i];

        if (!feed_session_watching(c->sess) || c->closing || c->overflow)
            continue;
        if (pending(c) > FEED_MAX_PENDING) {
            c->overflow = true; /* dropped by the next write or read callback */
        } else {
            feed_format_event(&c->out, d, a, ev);
        }
        if (!c->writefd && register_writefd(c->fd, client_write_cb, c) == FD_REGISTERED_OK)
            c->writefd = true;
    }
}

unsigned printdev_feed_client_count(void)
{
    return srv.n_clients;
}

bool printdev_feed_device_connected(int32_t hr_index)
{
    for (size_t i = 0; i < srv.n_conns; i++)
        if (srv.conns[i].hr_index == hr_index)
            return true;
    return false;
}

void printdev_feed_set_ops(const struct feed_agent_ops *ops)
{
    srv.ops = ops;
}

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
    srv.dev = st.st_dev;
    srv.ino = st.st_ino;
    return fd;
}

int printdev_feed_init(struct prt_model *m)
{
    char path[sizeof(srv.path)];

    printdev_feed_shutdown();
    srv.m = m;
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
    srv.lfd = open_socket(path);
    if (srv.lfd < 0)
        return -1;
    if (srv.lfd >= FD_SETSIZE || register_readfd(srv.lfd, accept_cb, NULL) != FD_REGISTERED_OK) {
        snmp_log(LOG_ERR, "printdev: cannot register the feed socket with the event loop\n");
        unlink(path);
        close(srv.lfd);
        srv.lfd = -1;
        return -1;
    }
    memcpy(srv.path, path, sizeof(srv.path));
    snmp_log(LOG_INFO, "printdev: feed listening on %s (mode %04o)\n", path, (unsigned)opt_mode);
    return 0;
}

void printdev_feed_shutdown(void)
{
    struct stat st;

    while (srv.n_clients > 0) {
        struct client *c = srv.clients[srv.n_clients - 1];
        client_flush(c); /* best effort, never waits */
        if (srv.n_clients > 0 && srv.clients[srv.n_clients - 1] == c)
            client_close(c);
    }
    free(srv.conns);
    srv.conns = NULL;
    srv.n_conns = 0;
    free(srv.dirty);
    srv.dirty = NULL;
    srv.n_dirty = srv.cap_dirty = 0;
    srv.dirty_oom = false;
    if (srv.lfd >= 0) {
        unregister_readfd(srv.lfd);
        close(srv.lfd);
        srv.lfd = -1;
        /* remove the socket only if it is still ours */
        if (lstat(srv.path, &st) == 0 && st.st_dev == srv.dev && st.st_ino == srv.ino)
            unlink(srv.path);
    }
    srv.path[0] = '\0';
    srv.m = NULL;
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
    if (strlen(path) >= sizeof(srv.path)) {
        netsnmp_config_error("%s: socket path longer than %zu octets", token, sizeof(srv.path) - 1);
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
    opt_sync = strcmp(v, "yes") == 0;
}

static void release_feed_sync(void)
{
    opt_sync = true;
}

static void parse_feed_idle(const char *token, char *line)
{
    char *end;
    unsigned long v;

    errno = 0;
    v = strtoul(line, &end, 10);
    while (*end == ' ' || *end == '\t')
        end++;
    if (errno || end == line || *end != '\0' || line[0] == '-' || v > 86400) {
        netsnmp_config_error("%s: expected seconds, 0 (off) to 86400", token);
        return;
    }
    opt_idle = (unsigned)v;
}

static void release_feed_idle(void)
{
    opt_idle = FEED_IDLE_DEFAULT;
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
}

void printdev_feed_unregister_config(void)
{
    if (registered_type == NULL)
        return;
    unregister_config_handler(registered_type, "printdevFeedSocket");
    unregister_config_handler(registered_type, "printdevFeedSync");
    unregister_config_handler(registered_type, "printdevFeedIdleTimeout");
    free(registered_type);
    registered_type = NULL;
    release_feed_socket();
    release_feed_sync();
    release_feed_idle();
}
