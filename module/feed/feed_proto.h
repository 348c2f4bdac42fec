/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * feed_proto.h: the printdev feed line protocol (parser and state
 * transitions), pure C: no Net-SNMP, no sockets.
 *
 * A print controller reports live device state over a local stream socket
 * as text lines (doc/printdev-feed.7 is the reference):
 *
 *     device prod-1
 *     ok device 1 prod-1
 *     set input 2 level 0
 *     ok
 *     get input 2
 *     input index=2 name="Tray 2" level=0 max=500 ... status=16 missing=no
 *     ok
 *     bogus
 *     error unknown command "bogus" (try help)
 *
 * Every command gets exactly one final line, "ok ..." or "error <reason>",
 * possibly preceded by data lines ("<record> key=value ...").  Lines that
 * are unknown, malformed, out of range or longer than FEED_LINE_MAX change
 * nothing.  `begin` ... `commit` applies one controller tick atomically:
 * every queued command is validated first, then all are applied, then the
 * rules run once per device.  Alert events for `watch`ing clients start
 * with "event " and never appear inside a reply.
 *
 * The server (feed_server.c) owns sockets and buffering; this file owns the
 * protocol so it can be unit-tested and fuzzed without either.
 */
#ifndef FEED_PROTO_H
#define FEED_PROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "prt_model.h"

#define FEED_LINE_MAX 4096     /* octets per line, without the newline */
#define FEED_BATCH_MAX 4096    /* commands per begin ... commit */
#define FEED_NAME_MAX 64       /* octets of a controller name (hello) */

/* What a session said it is (`hello`):
 *   hello controller NAME   a print controller's long-lived session: the
 *                           agent reports it with printdevFeedConnected /
 *                           printdevFeedDisconnected
 *   hello tool              a short tool session (printdevctl): never
 *                           reported, however long it stays
 * A session that says neither is reported once it has stayed open
 * printdevFeedControllerAfter seconds (feed_server.h). */
enum feed_kind { FEED_KIND_UNDECLARED = 0, FEED_KIND_CONTROLLER, FEED_KIND_TOOL };

/* A growing output buffer; replies are appended. */
struct feed_out {
    char *buf;
    size_t len, cap;
    bool oom;
};
void feed_out_free(struct feed_out *o);
void feed_out_reset(struct feed_out *o);
void feed_out_printf(struct feed_out *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Appends s quoted and escaped (see prt_state_quote). */
void feed_out_quote(struct feed_out *o, const char *s);

struct prt_registry;

/* Hooks to the agent; all optional. */
struct feed_hooks {
    /* After a command or batch changed device d.  When NULL, the protocol
     * runs prt_rules_apply(m, d) itself; a hook must do that (the agent's
     * does, and also saves state and stamps the last-update time). */
    void (*changed)(void *arg, struct prt_device *d);
    /* Device add / remove (doc/printdev-feed.7 "Devices").  save_registry
     * makes r durable before anything changes (0, or -1 with the reason in
     * why: the command fails and nothing changes); NULL: nothing is saved
     * (unit tests).  removing: d leaves the model and is freed right after.
     * devices_changed: devices came or went (registrations). */
    int (*save_registry)(void *arg, const struct prt_registry *r, char *why, size_t len);
    void (*removing)(void *arg, struct prt_device *d);
    void (*devices_changed)(void *arg);
};

struct feed_session;

struct feed_session *feed_session_new(struct prt_model *m, const struct feed_hooks *h, void *arg);
void feed_session_free(struct feed_session *s);

enum feed_result {
    FEED_R_OK = 0,    /* final line "ok ..." */
    FEED_R_ERROR = 1, /* final line "error ..." */
    FEED_R_QUIT = 2   /* "ok bye": the server closes the connection */
};

/* Handles one line (len octets, no newline; may contain anything).  The
 * reply, ending with its final line, is appended to out. */
enum feed_result feed_session_line(struct feed_session *s, const char *line, size_t len,
                                   struct feed_out *out);

/* The device the session selected (hrDeviceIndex), 0 for none. */
int32_t feed_session_device(const struct feed_session *s);
/* Whether the client asked for alert events (`watch`). */
bool feed_session_watching(const struct feed_session *s);
/* What the session declared itself with `hello`, and the controller's
 * name ("" unless FEED_KIND_CONTROLLER). */
enum feed_kind feed_session_kind(const struct feed_session *s);
const char *feed_session_name(const struct feed_session *s);
/* Whether a begin ... commit batch is open. */
bool feed_session_in_batch(const struct feed_session *s);
/* Points the session at another model (after a configuration reload); the
 * selection is kept by hrDeviceIndex, an open batch is dropped. */
void feed_session_set_model(struct feed_session *s, struct prt_model *m);

/* Appends the event line for an alert added or removed:
 *   event alert added device=1 name="prod-1" index=7 severity=3 ... */
void feed_format_event(struct feed_out *o, const struct prt_device *d, const struct prt_alert *a,
                       int ev);

/* Name of an engine state as the protocol spells it ("idle", "printing",
 * ...), or NULL. */
const char *feed_engine_name(int32_t engine);

#endif
