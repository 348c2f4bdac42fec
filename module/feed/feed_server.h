/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * feed_server.h: the local feed socket of the printdev agent.
 *
 * A print controller (or printdevctl, printdev-sim) connects to a Unix
 * stream socket and speaks the line protocol of feed_proto.h
 * (doc/printdev-feed.7).  The server is served from Net-SNMP's own event
 * loop (register_readfd; no threads), so a command is applied between two
 * SNMP requests, never during one.
 *
 * Config token (agent configuration, after the dlmod line):
 *     printdevFeedSocket PATH [MODE [GROUP]]
 * PATH is absolute; MODE octal (default 0660); GROUP a group name or
 * number the socket is given to (default: the agent's group).  Without the
 * token the socket is <persistent directory>/printdev/feed.sock.
 * `printdevFeedSocket none` disables the feed.
 *     printdevFeedSync yes|no
 * yes (default): a reply to a state-changing command is sent only once the
 * device's state file holds the change (one save per device per read
 * event); no: saves are coalesced to at most one a second.
 *     printdevFeedIdleTimeout SECONDS
 * A client that completes no line within SECONDS of connecting, or holds a
 * partial line or unread replies that long, is disconnected (default 30; 0
 * turns it off).
 *     printdevFeedControllerAfter SECONDS
 * A session that did not say `hello` counts as a print controller once it
 * has stayed open SECONDS (default 10; 0: only `hello controller NAME`
 * sessions count).  Only controller sessions are reported with
 * printdevFeedConnected/Disconnected; `hello tool` sessions never.
 *     printdevFeedNotifyInterval SECONDS
 * At most one Connected/Disconnected pair per controller identity and
 * device per SECONDS (default 60; 0 no limit); held-back pairs are counted
 * in the log.
 * When all FEED_MAX_CLIENTS slots are taken a new client is still admitted:
 * the peer user with the most connections loses its least active one.
 *
 * Free of Net-SNMP types: the glue includes it next to its own headers.
 */
#ifndef FEED_SERVER_H
#define FEED_SERVER_H

#include <stdbool.h>
#include <stddef.h>

#include "prt_model.h"

#define FEED_MAX_CLIENTS 16         /* Net-SNMP has 32 external fds in all */
#define FEED_MAX_PENDING (4u << 20) /* unsent reply/event octets before a client is dropped */
#define FEED_IDLE_DEFAULT 30        /* printdevFeedIdleTimeout, seconds */
#define FEED_CTL_AFTER_DEFAULT 10   /* printdevFeedControllerAfter, seconds */
#define FEED_NOTIFY_INTERVAL_DEFAULT 60 /* printdevFeedNotifyInterval, seconds */

/* What the feed server asks of the agent layer above it, registered by the
 * glue before printdev_feed_init() (printdev_feed_set_ops).  The feed server
 * never calls the glue directly: the dependency goes one way.
 *  - changed: a command or batch changed d (rules, printerV2Alert,
 *    printdevDeviceLastUpdate, a save later).
 *  - hold: printerV2Alert notifications raised from now on are queued.
 *  - commit: the durability rule (printdevFeedSync yes), in the agent
 *    layer's one place for it: saves each of the n devices of s now, then sends
 *    the queued notifications, so an `ok` and a notification both mean the
 *    state is on disk.  A device whose save failed gets failed set and the
 *    reason in why; its change stays in memory.
 *  - connected: the first controller session selected d (true) or the last
 *    one left it (false): printdevFeedConnected / printdevFeedDisconnected
 *    (feed_server_notify.c decides, rate limit included).
 * Without ops (unit tests of the protocol) nothing of this happens. */
struct feed_save {
    struct prt_device *d;
    bool failed;
    char why[160];
};

struct prt_registry;

struct feed_agent_ops {
    void (*changed)(struct prt_device *d);
    void (*hold)(void);
    void (*commit)(struct feed_save *s, size_t n);
    void (*connected)(const struct prt_device *d, bool connected);
    /* Devices added / removed at run time (`device add`, `device remove`):
     *  - save_registry: make r durable now (atomic, fsync'd) before the
     *    model changes; 0, or -1 with the reason in why (the command fails,
     *    nothing changes).
     *  - removing: d leaves the model and is freed right after (forget its
     *    state file).
     *  - devices_changed: devices came or went: make the registrations
     *    (hrDeviceTable / hrPrinterTable cells, ...) those of the model. */
    int (*save_registry)(const struct prt_registry *r, char *why, size_t len);
    void (*removing)(struct prt_device *d);
    void (*devices_changed)(void);
};

void printdev_feed_set_ops(const struct feed_agent_ops *ops);

/* Opens the socket and registers it with the agent's event loop.  Returns
 * 0, or -1 after logging why (nothing is left open then). */
int printdev_feed_init(struct prt_model *m);
/* Closes every client and the socket, removes the socket file.  Safe to
 * call when init failed or never ran. */
void printdev_feed_shutdown(void);
/* Registers the printdevFeedSocket token for the running application. */
void printdev_feed_register_config(void);
void printdev_feed_unregister_config(void);

/* The glue's alert callback forwards every alert event here; clients that
 * asked to `watch` get an "event alert ..." line.  Never blocks. */
void printdev_feed_alert_event(const struct prt_device *d, const struct prt_alert *a, int ev);

/* Feed facts for PRINTDEV-MIB: connected clients now
 * (printdevAgentFeedClients), and whether a client has device hr_index
 * selected (printdevDeviceFeedConnected). */
unsigned printdev_feed_client_count(void);
/* true while the feed socket accepts clients */
bool printdev_feed_listening(void);
bool printdev_feed_device_connected(int32_t hr_index);

#endif
