/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * feed_server_notify.c: which feed clients count as print controllers,
 * and when the agent reports them (printdevFeedConnected /
 * printdevFeedDisconnected through ops->connected).
 *
 * Every client is counted for the device it selected (printdevAgent-
 * FeedClients, printdevDeviceFeedConnected).  Only a controller session is
 * reported: one that said `hello controller NAME`, or one that said no
 * hello at all and has stayed open printdevFeedControllerAfter seconds
 * (default 10; 0: only declared ones).  A `hello tool` session
 * (printdevctl) is never reported, so one-shot calls make no
 * notifications.  The first controller session on a device sends
 * printdevFeedConnected, the last one leaving it printdevFeedDisconnected.
 *
 * Rate limit: at most one Connected/Disconnected pair per session identity
 * (the controller's name, else the peer uid) and device per
 * printdevFeedNotifyInterval seconds (default 60; 0 off).  A Connected
 * held back takes its Disconnected with it; how many pairs were held back
 * is logged when the first is, and again with the next pair that goes out.
 *
 * Log: a controller session is logged when it starts (info) and when it
 * ends: at notice for a normal end (quit, or end of input between
 * commands, or the agent reloading), at warning for an unexpected one
 * (end of input inside a batch or a line, idle timeout, dropped).
 */
#include <config.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <stdbool.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "feed_proto.h"
#include "feed_server.h"
#include "feed_server_internal.h"
#include "prt_ratelimit.h"

static struct prt_ratelimit limiter;
static unsigned limiter_interval = (unsigned)-1; /* what limiter was set up with */

static double mono_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* "controller "NAME"" or "uid N": for the log and the rate limit.  The
 * name holds no control characters (feed_proto.c checks). */
static void identity(const struct client *c, char *buf, size_t cap)
{
    if (feed_session_kind(c->sess) == FEED_KIND_CONTROLLER) {
        /* the protocol admits only printable names (prt_text) */
        snprintf(buf, cap, "controller \"%s\" (uid %ld)", feed_session_name(c->sess),
                 c->uid == (uid_t)-1 ? -1L : (long)c->uid);
    } else {
        snprintf(buf, cap, "controller (uid %ld, no hello)",
                 c->uid == (uid_t)-1 ? -1L : (long)c->uid);
    }
}

static struct devconn *conn_of(int32_t dev)
{
    for (size_t i = 0; i < feed_srv.n_conns; i++)
        if (feed_srv.conns[i].hr_index == dev)
            return &feed_srv.conns[i];
    return NULL;
}

/* The first controller session came to device dev (c is it). */
static void report_connected(struct client *c, struct devconn *dc)
{
    struct prt_device *d = feed_srv.m ? prt_model_find(feed_srv.m, dc->hr_index) : NULL;
    char who[FEED_NAME_MAX * 4 + 64], key[PRT_RL_KEY_MAX];
    unsigned held;

    dc->reported = false;
    if (d == NULL || feed_srv.ops == NULL)
        return;
    if (limiter_interval != feed_srv_opt_notify_interval) {
        prt_rl_init(&limiter, (double)feed_srv_opt_notify_interval);
        limiter_interval = feed_srv_opt_notify_interval;
    }
    identity(c, who, sizeof(who));
    if (feed_session_kind(c->sess) == FEED_KIND_CONTROLLER)
        snprintf(key, sizeof(key), "%" PRId32 " c %s", dc->hr_index, feed_session_name(c->sess));
    else
        snprintf(key, sizeof(key), "%" PRId32 " u %ld", dc->hr_index, (long)c->uid);
    prt_rl_expire(&limiter, mono_now());
    if (!prt_rl_allow(&limiter, key, mono_now(), &held)) {
        if (held == 1)
            snmp_log(LOG_NOTICE,
                     "printdev: feed: %s on device %" PRId32 ": printdevFeedConnected/"
                     "Disconnected held back (at most one pair per %u s, "
                     "printdevFeedNotifyInterval)\n",
                     who, dc->hr_index, feed_srv_opt_notify_interval);
        return;
    }
    if (held > 0)
        snmp_log(LOG_NOTICE,
                 "printdev: feed: %s on device %" PRId32 ": %u printdevFeedConnected/"
                 "Disconnected pair%s held back since the last one sent\n",
                 who, dc->hr_index, held, held == 1 ? "" : "s");
    dc->reported = true;
    feed_srv.ops->connected(d, true);
}

static void report_disconnected(struct devconn *dc)
{
    struct prt_device *d = feed_srv.m ? prt_model_find(feed_srv.m, dc->hr_index) : NULL;

    if (dc->reported && d != NULL && feed_srv.ops != NULL)
        feed_srv.ops->connected(d, false);
    dc->reported = false;
}

/* Moves a client's counts (every client in n, controller sessions in
 * n_ctl) from c->dev to dev, reporting the first and last controller. */
void feed_srv_track_device(struct client *c, int32_t dev)
{
    struct devconn *dc;

    if (c->dev == dev)
        return;
    if (c->dev != 0 && (dc = conn_of(c->dev)) != NULL) {
        if (c->ctl && dc->n_ctl > 0 && --dc->n_ctl == 0)
            report_disconnected(dc);
        if (--dc->n == 0)
            *dc = feed_srv.conns[--feed_srv.n_conns];
    }
    c->dev = 0;
    if (dev == 0)
        return;
    dc = conn_of(dev);
    if (dc == NULL) {
        struct devconn *nc = realloc(feed_srv.conns, (feed_srv.n_conns + 1) * sizeof(*nc));
        if (nc == NULL)
            return;
        feed_srv.conns = nc;
        dc = &feed_srv.conns[feed_srv.n_conns++];
        *dc = (struct devconn){.hr_index = dev};
    }
    dc->n++;
    c->dev = dev;
    if (c->ctl && dc->n_ctl++ == 0)
        report_connected(c, dc);
}

/* c becomes a controller session (declared, or open long enough). */
static void make_controller(struct client *c, const char *how)
{
    char who[FEED_NAME_MAX * 4 + 64];
    struct devconn *dc;

    c->ctl = true;
    identity(c, who, sizeof(who));
    snmp_log(LOG_INFO, "printdev: feed: %s session started (%s)\n", who, how);
    if (c->dev != 0 && (dc = conn_of(c->dev)) != NULL && dc->n_ctl++ == 0)
        report_connected(c, dc);
}

void feed_srv_session_after_line(struct client *c)
{
    if (!c->ctl && feed_session_kind(c->sess) == FEED_KIND_CONTROLLER)
        make_controller(c, "hello");
    feed_srv_track_device(c, feed_session_device(c->sess));
}

void feed_srv_sessions_tick(const struct timespec *now)
{
    if (feed_srv_opt_ctl_after == 0)
        return;
    for (unsigned i = 0; i < feed_srv.n_clients; i++) {
        struct client *c = feed_srv.clients[i];
        double open = (double)(now->tv_sec - c->since.tv_sec) +
                      (double)(now->tv_nsec - c->since.tv_nsec) / 1e9;
        if (!c->ctl && !c->closing && feed_session_kind(c->sess) == FEED_KIND_UNDECLARED &&
            open >= (double)feed_srv_opt_ctl_after) {
            char how[64];
            snprintf(how, sizeof(how), "open %u s, printdevFeedControllerAfter",
                     feed_srv_opt_ctl_after);
            make_controller(c, how);
        }
    }
}

void feed_srv_session_end(struct client *c)
{
    char who[FEED_NAME_MAX * 4 + 64];

    if (c->ctl) {
        identity(c, who, sizeof(who));
        if (c->drop_why != NULL)
            snmp_log(LOG_WARNING, "printdev: feed: %s session ended unexpectedly: %s\n", who,
                     c->drop_why);
        else
            snmp_log(LOG_NOTICE, "printdev: feed: %s session ended (%s)\n", who,
                     c->quit ? "quit" : feed_srv.lfd < 0 || feed_srv.stopping
                                            ? "agent stopping or reloading"
                                            : "end of input");
    }
    feed_srv_track_device(c, 0);
}
