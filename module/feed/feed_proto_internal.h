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
    OP_HELLO
};

struct cmd {
    int op;               /* enum prt_change_op or enum op */
    int32_t dev;          /* hrDeviceIndex the command applies to */
    struct prt_change ch; /* a state change (op too); ch.v also for watch */
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

/* feed_get.c */
enum feed_result fp_do_get(struct feed_session *s, const struct words *ws, struct feed_out *o);
/* The reply to `help`. */
extern const char fp_help_text[];

#endif
