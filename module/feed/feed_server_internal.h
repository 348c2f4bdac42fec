/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * feed_server_internal.h: what the feed server's files share: the client
 * and server state (feed_server_state.c defines it), the options the
 * configuration tokens set, and the client calls the listener needs.
 * feed_server.c (socket, init/shutdown, config tokens) uses
 * feed_server_client.c (clients, lines, group commit, idle timeout), never
 * the other way round.  Not for use outside the feed server.
 */
#ifndef FEED_SERVER_INTERNAL_H
#define FEED_SERVER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/un.h>
#include <time.h>

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
    bool ctl;        /* a controller session (feed_server_notify.c) */
    bool quit;       /* said quit */
    const char *drop_why; /* set when the session ends unexpectedly */
    struct timespec since; /* connected (CLOCK_MONOTONIC) */
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
    unsigned n;     /* clients with the device selected */
    unsigned n_ctl; /* of them controller sessions */
    bool reported;  /* printdevFeedConnected sent, Disconnected owed */
};

struct feed_srv_state {
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
    bool stopping;           /* printdev_feed_shutdown closing everyone */
};
extern struct feed_srv_state feed_srv;

/* printdevFeedSync */
extern bool feed_srv_opt_sync;
/* printdevFeedIdleTimeout, seconds; 0 off */
extern unsigned feed_srv_opt_idle;

/* printdevFeedControllerAfter, seconds; 0 only declared sessions */
extern unsigned feed_srv_opt_ctl_after;
/* printdevFeedNotifyInterval, seconds; 0 no limit */
extern unsigned feed_srv_opt_notify_interval;

void feed_srv_client_close(struct client *c);
/* Closes a client whose session ends unexpectedly (why: for the log). */
void feed_srv_client_drop(struct client *c, const char *why);
bool feed_srv_client_flush(struct client *c);
void feed_srv_accept_cb(int fd, void *arg);

/* feed_server_notify.c: controller sessions and their notifications.
 * track_device moves c's device counts to dev (0: none); after_line
 * follows a session's hello and device; tick (once a second) makes
 * sessions open printdevFeedControllerAfter seconds controllers; end
 * logs a controller session's end and releases its device. */
void feed_srv_track_device(struct client *c, int32_t dev);
void feed_srv_session_after_line(struct client *c);
void feed_srv_sessions_tick(const struct timespec *now);
void feed_srv_session_end(struct client *c);

#endif /* FEED_SERVER_INTERNAL_H */
