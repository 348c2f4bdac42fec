/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * feed_proto_internal.h: what the feed protocol's files (feed_proto.c,
 * feed_parse.c, feed_get.c) share: words, commands, the session.  Not for
 * use outside the protocol.
 */
#ifndef FEED_PROTO_INTERNAL_H
#define FEED_PROTO_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "feed_proto.h"
#include "prt_change.h"

enum { MAX_WORDS = 32 };

struct word {
    const char *s; /* NUL-terminated */
    size_t len;
    bool quoted;
};

struct words {
    struct word w[MAX_WORDS];
    int n;
    char store[FEED_LINE_MAX + MAX_WORDS + 1];
};

/* Session commands; a state change is one of enum prt_change_op
 * (prt_change.h), below PRT_CHANGE_NOPS. */
enum op {
    OP_DEVICE = PRT_CHANGE_NOPS,
    OP_GET,
    OP_WATCH,
    OP_HELP,
    OP_QUIT,
    OP_BEGIN,
    OP_COMMIT,
    OP_ABORT,
    OP_PING,
    OP_DEVICE_ADD,    /* feed_device.c */
    OP_DEVICE_REMOVE,
    OP_SKELETON,      /* a profile line of the last device add of a batch */
    OP_HELLO
};

struct cmd {
    int op;               /* enum prt_change_op or enum op */
    int32_t dev;          /* hrDeviceIndex the command applies to */
    struct prt_change ch; /* a state change (op too); ch.v also for watch */
    size_t aux;           /* device add/remove: its slot in feed_session.pend */
};

/* A device add or remove of the open batch (feed_device.c). */
struct fd_pending {
    int op;                  /* OP_DEVICE_ADD or OP_DEVICE_REMOVE */
    char name[64];           /* add: the name; remove: NAME or INDEX as written */
    char identity[256];      /* add */
    char *skel;              /* add: profile lines, '\n'-separated (malloc'd) */
    size_t skel_len;
};

struct feed_session {
    struct prt_model *m;
    struct feed_hooks hooks;
    void *arg;
    int32_t dev; /* selected device, 0 none */
    bool watching;
    enum feed_kind kind; /* hello */
    char name[FEED_NAME_MAX + 1]; /* hello controller NAME */
    bool in_batch;
    unsigned batch_failed;
    struct cmd *batch;
    size_t n_batch, cap_batch;
    struct fd_pending *pend; /* device adds/removes of the batch */
    size_t n_pend, cap_pend;
    char err[512];
};

/* feed_out.c: an error reply ("error REASON"; counted in an open batch). */
enum feed_result fp_error(struct feed_session *s, struct feed_out *o, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* feed_parse.c */
const char *fp_split(const char *line, size_t len, struct words *ws);
bool fp_is(const struct word *w, const char *s);
bool fp_to_i32(const struct word *w, int32_t *v);
const char *fp_show(const struct word *w, char *buf, size_t cap);
const char *fp_parse(const struct words *ws, struct cmd *c, char *tmp, size_t tmpcap);

/* feed_device.c: device add / remove and skeleton lines. */
bool fd_is_skeleton_line(const char *line, size_t len);
enum feed_result fd_skeleton_line(struct feed_session *s, const char *line, size_t len,
                                  struct feed_out *o);
/* `device add ...` / `device remove ...`: queued in a batch, else run at once. */
enum feed_result fd_device_cmd(struct feed_session *s, const struct words *ws, struct cmd *c,
                               struct feed_out *o);
/* The device part of a commit: builds and checks every add and remove of
 * the batch against the model of now, saves the registry (hook), and only
 * then reports success; fd_apply then changes the model.  A plan that is
 * not applied is freed with fd_plan_free. */
struct fd_plan;
const char *fd_prepare(struct feed_session *s, struct fd_plan **plan, char *tmp, size_t cap);
void fd_apply(struct feed_session *s, struct fd_plan *plan, struct feed_out *o);
void fd_plan_free(struct fd_plan *plan);
void fd_pending_clear(struct feed_session *s);
/* Queues a command into the open batch ("ok queued N"). */
enum feed_result fp_queue(struct feed_session *s, const struct cmd *c, struct feed_out *o);

/* feed_get.c */
enum feed_result fp_do_get(struct feed_session *s, const struct words *ws, struct feed_out *o);
/* The reply to `help`. */
extern const char fp_help_text[];

#endif
