/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * feed_proto.c: the feed line protocol: output buffer, sessions, batches
 * and the reply to each line.  Lines are parsed in feed_parse.c (the
 * command table), state changes checked and applied by the model
 * (prt_change.c), reads answered in feed_get.c.
 *
 * Each line is split into words (double-quoted strings use the escapes of
 * the state file: \\ \" \n \t \r \xHH), parsed into a struct cmd, checked
 * against the model without changing it, and only then applied.  A batch
 * (begin ... commit) queues commands, re-checks all of them at commit time
 * against the state of that moment, applies all, and runs the rules once
 * per touched device, so an SNMP request served before or after the commit
 * never sees half a controller tick (the agent is single-threaded; the
 * whole commit happens in one callback).
 *
 * Device-state meaning of the commands (what the rules then derive alerts
 * and statuses from; RFC 3805 §2.2.13 and the PRISMAsync tables):
 *   set input N level V      prtInputCurrentLevel (-3..max)
 *   set input N missing B    tray pulled out
 *   set output N remaining V prtOutputRemainingCapacity (-3..max; 0 = full)
 *   set output N full|offline|missing B   bin sensors
 *   set supply N level V     prtMarkerSuppliesLevel (-3..max)
 *   set supply N missing B   cartridge removed
 *   set cover N open|closed|interlock-open|interlock-closed  prtCoverStatus
 *   jam P [location L] / clear jam P   media path jam (prtAlertLocation L)
 *   status ENGINE            idle, printing, warmup, standby, offline, ...
 *   service B / maintenance B / intervention B   device-wide conditions
 *   count N [color C] [size S] [sides X] [input I] [output O] [marker M]
 *                            billing counters, prtMarkerLifeCount and
 *                            PowerOnCount (1 click per impression, 2 for
 *                            large media, as PRISMAsync counts), optional
 *                            tray/bin consumption
 *   display L "TEXT" / display auto   console text from the controller
 *   raise SEV CODE [...] / clear alert I / clear key K   explicit alerts
 *
 * Pure C: no Net-SNMP, no I/O.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feed_proto.h"
#include "feed_proto_internal.h"
#include "prt_change.h"
#include "prt_rules.h"
#include "prt_state.h"
#include "prt_text.h"

/* Checks c against the model as it is now: the session's part (a device
 * selected that still exists), then the model's (prt_change_check).  NULL
 * or a reason. */
static const char *check(const struct prt_model *m, const struct cmd *c, char *tmp, size_t cap)
{
    const struct prt_device *d;

    if (c->op >= PRT_CHANGE_NOPS || c->op == PRT_CHANGE_NONE)
        return NULL;
    if (c->dev == 0)
        return "no device selected (use: device NAME)";
    d = prt_model_find(m, c->dev);
    if (d == NULL)
        return "the selected device no longer exists";
    return prt_change_check(d, &c->ch, tmp, cap) == PRT_OK ? NULL : tmp;
}

/* Applies a checked command.  Returns the alert index for raise, else 0. */
static int32_t apply(struct prt_model *m, const struct cmd *c)
{
    return prt_change_apply(m, prt_model_find(m, c->dev), &c->ch);
}

static void changed(struct feed_session *s, struct prt_device *d)
{
    if (s->hooks.changed != NULL)
        s->hooks.changed(s->arg, d);
    else
        prt_rules_apply(s->m, d);
}

/* ---- sessions ---- */

struct feed_session *feed_session_new(struct prt_model *m, const struct feed_hooks *h, void *arg)
{
    struct feed_session *s = calloc(1, sizeof(*s));

    if (s == NULL)
        return NULL;
    s->m = m;
    if (h != NULL)
        s->hooks = *h;
    s->arg = arg;
    /* One device: nothing to select. */
    if (m != NULL && m->n_devices == 1)
        s->dev = m->devices[0]->hr_index;
    return s;
}

void feed_session_free(struct feed_session *s)
{
    if (s == NULL)
        return;
    fd_pending_clear(s);
    free(s->pend);
    free(s->batch);
    free(s);
}

int32_t feed_session_device(const struct feed_session *s)
{
    return s->dev;
}

bool feed_session_watching(const struct feed_session *s)
{
    return s->watching;
}

enum feed_kind feed_session_kind(const struct feed_session *s)
{
    return s->kind;
}

const char *feed_session_name(const struct feed_session *s)
{
    return s->name;
}

bool feed_session_in_batch(const struct feed_session *s)
{
    return s->in_batch;
}

void feed_session_set_model(struct feed_session *s, struct prt_model *m)
{
    s->m = m;
    s->in_batch = false;
    s->n_batch = 0;
    s->batch_failed = 0;
    fd_pending_clear(s);
    if (m != NULL && s->dev != 0 && prt_model_find(m, s->dev) == NULL)
        s->dev = 0;
    if (m != NULL && s->dev == 0 && m->n_devices == 1)
        s->dev = m->devices[0]->hr_index;
}

static void batch_end(struct feed_session *s)
{
    s->in_batch = false;
    s->batch_failed = 0;
    s->n_batch = 0;
    fd_pending_clear(s);
}

static enum feed_result commit(struct feed_session *s, struct feed_out *o)
{
    char tmp[512];
    size_t n = s->n_batch;
    struct prt_device *touched[16];
    size_t n_touched = 0;
    bool overflow = false;
    struct fd_plan *plan = NULL;

    if (s->batch_failed) {
        unsigned f = s->batch_failed;
        batch_end(s);
        feed_out_printf(o, "error batch rejected: %u command%s failed, nothing applied\n", f,
                        f == 1 ? "" : "s");
        return FEED_R_ERROR;
    }
    /* validate all against the state of now ... */
    for (size_t i = 0; i < n; i++) {
        const struct cmd *c = &s->batch[i];
        const char *why = check(s->m, c, tmp, sizeof(tmp));

        if (why == NULL && (c->op == PRT_CHANGE_CLEAR_ALERT || c->op == PRT_CHANGE_CLEAR_KEY)) {
            for (size_t j = 0; j < i; j++) {
                const struct cmd *p = &s->batch[j];
                if (p->op == c->op && p->dev == c->dev &&
                    (c->op == PRT_CHANGE_CLEAR_ALERT ? p->ch.row == c->ch.row
                                                     : p->ch.key == c->ch.key)) {
                    why = "the batch clears the same alert twice";
                    break;
                }
            }
        }
        if (why != NULL) {
            char reason[600];
            snprintf(reason, sizeof(reason), "%s", why);
            batch_end(s);
            feed_out_printf(o, "error batch rejected: command %zu: %s; nothing applied\n", i + 1,
                            reason);
            return FEED_R_ERROR;
        }
    }
    /* ... the devices added and removed too: built, checked, and the
     * registry saved, before anything changes ... */
    if (s->n_pend > 0) {
        const char *why = fd_prepare(s, &plan, tmp, sizeof(tmp));
        if (why != NULL) {
            char reason[600];
            snprintf(reason, sizeof(reason), "%s", why);
            batch_end(s);
            feed_out_printf(o, "error batch rejected: %s; nothing applied\n", reason);
            return FEED_R_ERROR;
        }
    }
    /* ... then apply all, then run the rules once per device */
    for (size_t i = 0; i < n; i++) {
        const struct cmd *c = &s->batch[i];
        struct prt_device *d;
        size_t k;

        if (c->op >= PRT_CHANGE_NOPS)
            continue; /* device add/remove and skeleton lines: fd_apply */

        apply(s->m, c);
        d = prt_model_find(s->m, c->dev);
        for (k = 0; k < n_touched; k++)
            if (touched[k] == d)
                break;
        if (k == n_touched) {
            if (n_touched < sizeof(touched) / sizeof(touched[0]))
                touched[n_touched++] = d;
            else
                overflow = true;
        }
    }
    if (overflow) {
        /* more than 16 devices in one tick: run them all */
        for (size_t i = 0; i < s->m->n_devices; i++)
            changed(s, s->m->devices[i]);
    } else {
        for (size_t k = 0; k < n_touched; k++)
            changed(s, touched[k]);
    }
    if (plan != NULL)
        fd_apply(s, plan, o); /* data lines "device index=N ..." */
    batch_end(s);
    feed_out_printf(o, "ok committed %zu\n", n);
    return FEED_R_OK;
}

enum feed_result feed_session_line(struct feed_session *s, const char *line, size_t len,
                                   struct feed_out *o)
{
    struct words ws;
    struct cmd c;
    char tmp[512], sb[80];
    const char *why;

    if (len > 0 && line[len - 1] == '\r')
        len--; /* tolerate CRLF clients */
    if (len > FEED_LINE_MAX)
        return fp_error(s, o, "line longer than %d octets", FEED_LINE_MAX);
    if (fd_is_skeleton_line(line, len))
        return fd_skeleton_line(s, line, len, o);
    why = fp_split(line, len, &ws);
    if (why != NULL)
        return fp_error(s, o, "%s", why);
    if (ws.n == 0) {
        /* blank lines and comments are ignored but still answered, so a
         * client can always count replies */
        feed_out_printf(o, "ok\n");
        return FEED_R_OK;
    }
    if (ws.w[0].s[0] == '#' && !ws.w[0].quoted) {
        feed_out_printf(o, "ok\n");
        return FEED_R_OK;
    }
    why = fp_parse(&ws, &c, tmp, sizeof(tmp));
    if (why != NULL)
        return fp_error(s, o, "%s", why);
    c.dev = s->dev;
    c.ch.op = c.op;

    switch (c.op) {
    case OP_DEVICE: {
        const struct word *w = &ws.w[1];
        const struct prt_device *d = NULL;
        int32_t idx;

        if (!w->quoted && fp_to_i32(w, &idx))
            d = prt_model_find(s->m, idx);
        if (d == NULL)
            d = prt_model_find_name(s->m, w->s);
        if (d == NULL)
            return fp_error(s, o, "no device \"%s\"", fp_show(w, sb, sizeof(sb)));
        s->dev = d->hr_index;
        feed_out_printf(o, "ok device %" PRId32 " ", d->hr_index);
        feed_out_quote(o, d->name);
        feed_out_printf(o, "\n");
        return FEED_R_OK;
    }
    case OP_DEVICE_ADD:
    case OP_DEVICE_REMOVE:
        return fd_device_cmd(s, &ws, &c, o);
    case OP_GET:
        if (s->in_batch)
            return fp_error(s, o, "get is not allowed inside a batch");
        return fp_do_get(s, &ws, o);
    case OP_WATCH:
        s->watching = c.ch.v != 0;
        feed_out_printf(o, "ok watch %s\n", s->watching ? "on" : "off");
        return FEED_R_OK;
    case OP_HELP:
        feed_out_printf(o, "%s", fp_help_text);
        feed_out_printf(o, "ok\n");
        return FEED_R_OK;
    case OP_PING:
        feed_out_printf(o, "ok pong\n");
        return FEED_R_OK;
    case OP_HELLO: {
        const struct word *w = &ws.w[2];

        if (s->kind != FEED_KIND_UNDECLARED)
            return fp_error(s, o, "hello was already said");
        if (c.ch.v == FEED_KIND_TOOL) {
            s->kind = FEED_KIND_TOOL;
            feed_out_printf(o, "ok hello tool\n");
            return FEED_R_OK;
        }
        if (w->len == 0 || w->len > FEED_NAME_MAX)
            return fp_error(s, o, "controller name must be 1 to %d octets", FEED_NAME_MAX);
        for (size_t i = 0, k; i < w->len; i += k) {
            k = prt_text_safe_len(w->s + i, w->len - i);
            if (k == 0)
                return fp_error(s, o, "control character or malformed UTF-8 in controller "
                                      "name");
        }
        s->kind = FEED_KIND_CONTROLLER;
        memcpy(s->name, w->s, w->len);
        s->name[w->len] = '\0';
        feed_out_printf(o, "ok hello controller ");
        feed_out_quote(o, s->name);
        feed_out_printf(o, "\n");
        return FEED_R_OK;
    }
    case OP_QUIT:
        batch_end(s);
        feed_out_printf(o, "ok bye\n");
        return FEED_R_QUIT;
    case OP_BEGIN:
        if (s->in_batch)
            return fp_error(s, o, "a batch is already open");
        s->in_batch = true;
        s->batch_failed = 0;
        s->n_batch = 0;
        feed_out_printf(o, "ok begin\n");
        return FEED_R_OK;
    case OP_COMMIT:
        if (!s->in_batch)
            return fp_error(s, o, "commit without begin");
        return commit(s, o);
    case OP_ABORT: {
        size_t n = s->n_batch;
        if (!s->in_batch)
            return fp_error(s, o, "abort without begin");
        batch_end(s);
        feed_out_printf(o, "ok aborted %zu\n", n);
        return FEED_R_OK;
    }
    default:
        break;
    }

    /* a state change */
    why = check(s->m, &c, tmp, sizeof(tmp));
    if (why != NULL)
        return fp_error(s, o, "%s", why);
    if (s->in_batch)
        return fp_queue(s, &c, o);
    {
        int32_t r = apply(s->m, &c);
        struct prt_device *d = prt_model_find(s->m, c.dev);

        changed(s, d);
        if (c.op == PRT_CHANGE_RAISE) {
            if (r < 0) {
                feed_out_printf(o, "error alert not raised: %s\n", prt_strerror(r));
                return FEED_R_ERROR;
            }
            feed_out_printf(o, "ok alert %" PRId32 " key %" PRIu64 "\n", r, c.ch.tmpl.key);
        } else {
            feed_out_printf(o, "ok\n");
        }
    }
    return FEED_R_OK;
}
