/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * feed_out.c: the feed protocol's replies: a growing output buffer (a
 * failed allocation is remembered, the server then drops the client),
 * quoted strings, and the error reply of a session.
 *
 * Pure C: no Net-SNMP, no I/O.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feed_proto.h"
#include "feed_proto_internal.h"
#include "prt_state.h"

/* ---- output buffer ---- */

void feed_out_free(struct feed_out *o)
{
    free(o->buf);
    memset(o, 0, sizeof(*o));
}

void feed_out_reset(struct feed_out *o)
{
    o->len = 0;
    o->oom = false;
    if (o->buf != NULL)
        o->buf[0] = '\0';
}

static bool out_grow(struct feed_out *o, size_t need)
{
    size_t ncap;
    char *nb;

    if (o->oom)
        return false;
    if (o->len + need + 1 <= o->cap)
        return true;
    ncap = o->cap ? o->cap : 256;
    while (ncap < o->len + need + 1)
        ncap *= 2;
    nb = realloc(o->buf, ncap);
    if (nb == NULL) {
        o->oom = true;
        return false;
    }
    o->buf = nb;
    o->cap = ncap;
    return true;
}

void feed_out_printf(struct feed_out *o, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !out_grow(o, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(o->buf + o->len, o->cap - o->len, fmt, ap);
    va_end(ap);
    o->len += (size_t)n;
}

void feed_out_quote(struct feed_out *o, const char *s)
{
    size_t len = strlen(s), n = prt_state_quote(NULL, 0, s, len);

    if (!out_grow(o, n))
        return;
    prt_state_quote(o->buf + o->len, o->cap - o->len, s, len);
    o->len += n;
}

enum feed_result fp_error(struct feed_session *s, struct feed_out *o, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(s->err, sizeof(s->err), fmt, ap);
    va_end(ap);
    if (s->in_batch)
        s->batch_failed++;
    feed_out_printf(o, "error %s\n", s->err);
    return FEED_R_ERROR;
}

/* Queues c into the open batch ("ok queued N"). */
enum feed_result fp_queue(struct feed_session *s, const struct cmd *c, struct feed_out *o)
{
    if (s->n_batch >= FEED_BATCH_MAX)
        return fp_error(s, o, "batch larger than %d commands", FEED_BATCH_MAX);
    if (s->n_batch == s->cap_batch) {
        size_t ncap = s->cap_batch ? s->cap_batch * 2 : 16;
        struct cmd *nb = realloc(s->batch, ncap * sizeof(*nb));
        if (nb == NULL)
            return fp_error(s, o, "out of memory");
        s->batch = nb;
        s->cap_batch = ncap;
    }
    s->batch[s->n_batch++] = *c;
    feed_out_printf(o, "ok queued %zu\n", s->n_batch);
    return FEED_R_OK;
}
