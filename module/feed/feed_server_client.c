/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * feed_server_client.c: the feed server's clients (feed_server.c has the
 * overview): the client slots (per-device counts and notifications are in
 * feed_server_notify.c), output
 * buffering and flow control, line handling with the printdevFeedSync group
 * commit, the idle timeout and the choice of a client to drop when all
 * slots are taken, and accepting new clients.  The shared state is
 * feed_server_internal.h; the listening socket and the configuration
 * tokens are in feed_server.c.
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

/* ---- output ---- */

static void client_write_cb(int fd, void *arg);
static void client_read_cb(int fd, void *arg);

static size_t pending(const struct client *c)
{
    return c->out.len - c->out_off;
}

/* Writes what it can.  Returns false when the client was closed. */
bool feed_srv_client_flush(struct client *c)
{
    if (c->overflow) {
        snmp_log(LOG_WARNING, "printdev: feed client not reading its events; disconnected\n");
        feed_srv_client_drop(c, "not reading its events");
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
            feed_srv_client_drop(c, "connection lost while writing");
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
            feed_srv_client_close(c);
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
        feed_srv_client_drop(c, "not reading its replies");
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
    feed_srv_client_flush(arg);
}

/* ---- input ---- */

static void hook_changed(void *arg, struct prt_device *d)
{
    struct client *c = arg;

    if (feed_srv.ops != NULL)
        feed_srv.ops->changed(d);
    if (!feed_srv_opt_sync)
        return;
    c->line_dev = (c->line_dev == 0 || c->line_dev == d->hr_index) ? d->hr_index : -1;
    for (size_t i = 0; i < feed_srv.n_dirty; i++)
        if (feed_srv.dirty[i].d == d)
            return;
    if (feed_srv.n_dirty == feed_srv.cap_dirty) {
        size_t cap = feed_srv.cap_dirty ? feed_srv.cap_dirty * 2 : 8;
        struct feed_save *nd = realloc(feed_srv.dirty, cap * sizeof(*nd));
        if (nd == NULL) {
            feed_srv.dirty_oom = true; /* every held reply becomes an error */
            return;
        }
        feed_srv.dirty = nd;
        feed_srv.cap_dirty = cap;
    }
    feed_srv.dirty[feed_srv.n_dirty].d = d;
    feed_srv.dirty[feed_srv.n_dirty].failed = false;
    feed_srv.dirty[feed_srv.n_dirty].why[0] = '\0';
    feed_srv.n_dirty++;
}

/* ---- device add / remove (feed_device.c) ---- */

static int hook_save_registry(void *arg, const struct prt_registry *r, char *why, size_t len)
{
    (void)arg;
    if (feed_srv.ops == NULL || feed_srv.ops->save_registry == NULL) {
        snprintf(why, len, "this agent cannot add devices");
        return -1;
    }
    return feed_srv.ops->save_registry(r, why, len);
}

static void hook_removing(void *arg, struct prt_device *d)
{
    (void)arg;
    /* a change earlier in this read event must not save a freed device */
    for (size_t i = 0; i < feed_srv.n_dirty;) {
        if (feed_srv.dirty[i].d == d)
            feed_srv.dirty[i] = feed_srv.dirty[--feed_srv.n_dirty];
        else
            i++;
    }
    if (feed_srv.ops != NULL && feed_srv.ops->removing != NULL)
        feed_srv.ops->removing(d);
}

static void hook_devices_changed(void *arg)
{
    (void)arg;
    if (feed_srv.ops != NULL && feed_srv.ops->devices_changed != NULL)
        feed_srv.ops->devices_changed();
}

/* The save failure of device dev (-1: of any changed device), or NULL. */
static const char *save_failure(int32_t dev)
{
    if (feed_srv.dirty_oom)
        return "out of memory";
    for (size_t i = 0; i < feed_srv.n_dirty; i++)
        if (feed_srv.dirty[i].failed && (dev == -1 || feed_srv.dirty[i].d->hr_index == dev))
            return feed_srv.dirty[i].why;
    return NULL;
}

/* Group commit (printdevFeedSync yes): saves every device changed in this
 * read event once, then lets the held replies go; a reply whose device
 * could not be saved becomes "error state not saved: REASON" (the change
 * stays applied in memory).  Queued printerV2Alert notifications are sent
 * after the save.  c may be NULL (closed meanwhile). */
static void commit_changes(struct client *c)
{
    bool any_failed = feed_srv.dirty_oom;

    if (feed_srv.ops != NULL)
        feed_srv.ops->commit(feed_srv.dirty, feed_srv.n_dirty);
    for (size_t i = 0; i < feed_srv.n_dirty; i++)
        any_failed = any_failed || feed_srv.dirty[i].failed;
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
    feed_srv.n_dirty = 0;
    feed_srv.dirty_oom = false;
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
        feed_srv_client_drop(c, "out of memory");
        return false;
    }
    feed_srv_session_after_line(c);
    if (r == FEED_R_QUIT) {
        c->quit = true;
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
            c->drop_why = "too many failing lines";
            c->closing = true;
        }
    } else {
        c->errors = 0;
    }
    return true;
}

static bool client_is_open(const struct client *c)
{
    for (unsigned i = 0; i < feed_srv.n_clients; i++)
        if (feed_srv.clients[i] == c)
            return true;
    return false;
}

static void client_read(struct client *c, int fd);

/* With printdevFeedSync, every complete line of this read is applied, the
 * changed devices are saved once, and only then do the replies go out. */
static void client_read_cb(int fd, void *arg)
{
    struct client *c = arg;

    if (!feed_srv_opt_sync || c->closing) {
        client_read(c, fd);
        return;
    }
    if (feed_srv.ops != NULL)
        feed_srv.ops->hold();
    client_read(c, fd);
    if (!client_is_open(c)) {
        commit_changes(NULL);
        return;
    }
    commit_changes(c);
    feed_srv_client_flush(c);
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
        feed_srv_client_drop(c, "connection lost while reading");
        return;
    }
    if (n == 0) {
        /* end of input (or a half-close): the replies to complete lines
         * still go out, a partial line is dropped, then the client closes */
        if (c->in_len > 0 || c->discarding)
            c->drop_why = "end of input inside a line";
        else if (feed_session_in_batch(c->sess))
            c->drop_why = "end of input inside a batch (begin without commit)";
        c->closing = true;
        if (!c->paused) {
            unregister_readfd(fd);
            c->paused = true;
        }
        if (!feed_srv_opt_sync)
            feed_srv_client_flush(c);
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
    if (!feed_srv_opt_sync)
        feed_srv_client_flush(c);
}

/* ---- clients ---- */

void feed_srv_client_close(struct client *c)
{
    unsigned i;

    for (i = 0; i < feed_srv.n_clients && feed_srv.clients[i] != c; i++)
        ;
    if (i == feed_srv.n_clients)
        return;
    feed_srv.clients[i] = feed_srv.clients[--feed_srv.n_clients];
    feed_srv_session_end(c);
    if (!c->paused)
        unregister_readfd(c->fd);
    if (c->writefd)
        unregister_writefd(c->fd);
    close(c->fd);
    feed_session_free(c->sess);
    feed_out_free(&c->out);
    free(c->held);
    free(c);
    if (feed_srv.n_clients == 0 && feed_srv.idle_alarm != 0) {
        snmp_alarm_unregister(feed_srv.idle_alarm);
        feed_srv.idle_alarm = 0;
    }
    DEBUGMSGTL(("printdev:feed", "client closed, %u left\n", feed_srv.n_clients));
}

void feed_srv_client_drop(struct client *c, const char *why)
{
    if (c->drop_why == NULL)
        c->drop_why = why;
    feed_srv_client_close(c);
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

    clock_gettime(CLOCK_MONOTONIC, &now);
    feed_srv_sessions_tick(&now);
    if (feed_srv_opt_idle == 0)
        return;
    for (unsigned i = 0; i < feed_srv.n_clients;) {
        struct client *c = feed_srv.clients[i];
        if (client_stalled(c) && since(&c->active, &now) >= (double)feed_srv_opt_idle) {
            snmp_log(LOG_WARNING,
                     "printdev: feed client (uid %ld) idle for %u s (no complete line, or "
                     "replies not read); disconnected (printdevFeedIdleTimeout)\n",
                     c->uid == (uid_t)-1 ? -1L : (long)c->uid, feed_srv_opt_idle);
            if (pending(c) == 0)
                client_tell(c, "error idle timeout; disconnecting\n");
            feed_srv_client_drop(c, "idle timeout (printdevFeedIdleTimeout)"); /* the last slot moved here: look at i again */
            continue;
        }
        i++;
    }
}

static unsigned uid_clients(uid_t uid)
{
    unsigned n = 0;
    for (unsigned i = 0; i < feed_srv.n_clients; i++)
        n += feed_srv.clients[i]->uid == uid;
    return n;
}

/* All slots taken: the user holding the most connections gives up its
 * least recently active one (a stalled one first).  Returns the client to
 * drop, or NULL when there is none. */
static struct client *pick_victim(void)
{
    struct client *v = NULL;
    unsigned vn = 0;

    for (unsigned i = 0; i < feed_srv.n_clients; i++) {
        struct client *c = feed_srv.clients[i];
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

void feed_srv_accept_cb(int fd, void *arg)
{
    static const struct feed_hooks hooks = {hook_changed, hook_save_registry, hook_removing,
                                            hook_devices_changed};
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
                 feed_srv.n_clients);
        return;
    }
    if (feed_srv.n_clients >= FEED_MAX_CLIENTS) {
        struct client *v = pick_victim();
        if (v == NULL) {
            close(cfd);
            return;
        }
        snmp_log(LOG_WARNING,
                 "printdev: feed full (%u clients): dropped the least recently active "
                 "client of uid %ld to admit a new one\n",
                 feed_srv.n_clients, v->uid == (uid_t)-1 ? -1L : (long)v->uid);
        client_tell(v, "error feed full: disconnected to admit a new client\n");
        feed_srv_client_drop(v, "dropped to admit a new client (feed full)");
    }
    c = calloc(1, sizeof(*c));
    if (c == NULL || (c->sess = feed_session_new(feed_srv.m, &hooks, c)) == NULL) {
        free(c);
        close(cfd);
        return;
    }
    c->fd = cfd;
    c->uid = getsockopt(cfd, SOL_SOCKET, SO_PEERCRED, &cred, &clen) == 0 ? cred.uid : (uid_t)-1;
    clock_gettime(CLOCK_MONOTONIC, &c->active);
    c->since = c->active;
    if (register_readfd(cfd, client_read_cb, c) != FD_REGISTERED_OK) {
        snmp_log(LOG_WARNING, "printdev: feed client refused: no free event slot\n");
        feed_session_free(c->sess);
        free(c);
        close(cfd);
        return;
    }
    feed_srv.clients[feed_srv.n_clients++] = c;
    if ((feed_srv_opt_idle > 0 || feed_srv_opt_ctl_after > 0) && feed_srv.idle_alarm == 0)
        feed_srv.idle_alarm = snmp_alarm_register(1, SA_REPEAT, idle_check_cb, NULL);
    feed_srv_track_device(c, feed_session_device(c->sess));
    DEBUGMSGTL(("printdev:feed", "client connected (fd %d, uid %ld), %u clients\n", cfd,
                (long)c->uid, feed_srv.n_clients));
}

/* Called from inside the rules, possibly while a client's line is being
 * handled: only append and ask for writability, never write or close here
 * (the write callback does both at top level). */
void printdev_feed_alert_event(const struct prt_device *d, const struct prt_alert *a, int ev)
{
    for (unsigned i = 0; i < feed_srv.n_clients; i++) {
        struct client *c = feed_srv.clients[i];

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
    return feed_srv.n_clients;
}

bool printdev_feed_device_connected(int32_t hr_index)
{
    for (size_t i = 0; i < feed_srv.n_conns; i++)
        if (feed_srv.conns[i].hr_index == hr_index)
            return true;
    return false;
}

void printdev_feed_set_ops(const struct feed_agent_ops *ops)
{
    feed_srv.ops = ops;
}
