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
 * When all FEED_MAX_CLIENTS slots are taken a new client is still admitted:
 * the peer user with the most connections loses its least active one.
 *
 * Free of Net-SNMP types: the glue includes it next to its own headers.
 */
#ifndef FEED_SERVER_H
#define FEED_SERVER_H

#include "prt_model.h"

#define FEED_MAX_CLIENTS 16         /* Net-SNMP has 32 external fds in all */
#define FEED_MAX_PENDING (4u << 20) /* unsent reply/event octets before a client is dropped */
#define FEED_IDLE_DEFAULT 30        /* printdevFeedIdleTimeout, seconds */

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

/* Connected clients now. */
unsigned printdev_feed_client_count(void);

#endif
