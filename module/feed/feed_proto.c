/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * feed_proto.c: the feed line protocol, parser and state transitions.
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
#include "prt_change.h"
#include "prt_rules.h"
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

/* ---- words ---- */

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

/* Splits line into words.  Returns NULL or a reason. */
static const char *split(const char *line, size_t len, struct words *ws)
{
    const char *p = line, *end = line + len;
    char *st = ws->store;

    ws->n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)line[i];
        if ((c < 0x20 && c != '\t') || c == 0x7f)
            return "control character in line (escape it inside a quoted string)";
    }
    for (;;) {
        while (p < end && (*p == ' ' || *p == '\t'))
            p++;
        if (p >= end)
            return NULL;
        if (ws->n == MAX_WORDS)
            return "too many words";
        struct word *w = &ws->w[ws->n++];
        if (*p == '"') {
            /* unquote into the store; the line is not NUL-terminated, so
             * copy the quoted token first */
            const char *q = p + 1;
            while (q < end && *q != '"') {
                if (*q == '\\' && q + 1 < end)
                    q++;
                q++;
            }
            if (q >= end)
                return "unterminated quoted string";
            q++;
            if (q < end && *q != ' ' && *q != '\t')
                return "quoted string must be followed by a space";
            {
                size_t ql = (size_t)(q - p), outlen;
                char tmp[FEED_LINE_MAX + 1];
                const char *tp = tmp;
                int rc;

                memcpy(tmp, p, ql);
                tmp[ql] = '\0';
                rc = prt_state_unquote(&tp, st, ql, &outlen);
                if (rc < 0 || *tp != '\0')
                    return "malformed quoted string";
                w->s = st;
                w->len = outlen;
                w->quoted = true;
                st += outlen + 1;
            }
            p = q;
        } else {
            const char *q = p;
            while (q < end && *q != ' ' && *q != '\t')
                q++;
            if (memchr(p, '"', (size_t)(q - p)) != NULL)
                return "stray quote inside a word";
            memcpy(st, p, (size_t)(q - p));
            st[q - p] = '\0';
            w->s = st;
            w->len = (size_t)(q - p);
            w->quoted = false;
            st += (q - p) + 1;
            p = q;
        }
    }
}

static bool is(const struct word *w, const char *s)
{
    return !w->quoted && strcmp(w->s, s) == 0;
}

/* Strict decimal Integer32. */
static bool to_i32(const struct word *w, int32_t *v)
{
    char *end;
    long long x;

    if (w->quoted || w->len == 0 || w->len > 12)
        return false;
    if (!((w->s[0] >= '0' && w->s[0] <= '9') ||
          (w->s[0] == '-' && w->s[1] >= '0' && w->s[1] <= '9')))
        return false;
    errno = 0;
    x = strtoll(w->s, &end, 10);
    if (errno || *end != '\0' || x < INT32_MIN || x > INT32_MAX)
        return false;
    *v = (int32_t)x;
    return true;
}

static bool to_u64(const struct word *w, uint64_t *v)
{
    char *end;
    unsigned long long x;

    if (w->quoted || w->len == 0 || w->len > 20 || !(w->s[0] >= '0' && w->s[0] <= '9'))
        return false;
    errno = 0;
    x = strtoull(w->s, &end, 10);
    if (errno || *end != '\0')
        return false;
    *v = x;
    return true;
}

static bool to_bool(const struct word *w, int32_t *v)
{
    if (is(w, "yes") || is(w, "on") || is(w, "true") || is(w, "1"))
        *v = 1;
    else if (is(w, "no") || is(w, "off") || is(w, "false") || is(w, "0"))
        *v = 0;
    else
        return false;
    return true;
}

static bool to_enum(const struct prt_enum *e, const struct word *w, int32_t *v)
{
    int x;

    if (w->quoted || prt_enum_value(e, w->s, &x) < 0)
        return false;
    *v = x;
    return true;
}

/* ---- commands ---- */

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
    OP_PING
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
    bool in_batch;
    unsigned batch_failed;
    struct cmd *batch;
    size_t n_batch, cap_batch;
    char err[512];
};

static enum feed_result error(struct feed_session *s, struct feed_out *o, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static enum feed_result error(struct feed_session *s, struct feed_out *o, const char *fmt, ...)
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

/* A word for an error message: printable, bounded. */
static const char *show(const struct word *w, char *buf, size_t cap)
{
    size_t n = 0;

    for (size_t i = 0; i < w->len && n + 4 < cap; i++) {
        unsigned char c = (unsigned char)w->s[i];
        buf[n++] = (c < 0x20 || c == 0x7f || c == '"' || c == '\\') ? '?' : (char)c;
        if (i == 40) {
            buf[n++] = '.';
            buf[n++] = '.';
            break;
        }
    }
    buf[n] = '\0';
    return buf;
}

static const char *const engine_names[] = {
    [PRT_ENGINE_IDLE] = "idle",
    [PRT_ENGINE_PRINTING] = "printing",
    [PRT_ENGINE_WARMUP] = "warmup",
    [PRT_ENGINE_STANDBY] = "standby",
    [PRT_ENGINE_OFFLINE] = "offline",
    [PRT_ENGINE_MOVING_OFFLINE] = "moving-offline",
    [PRT_ENGINE_UNAVAILABLE] = "unavailable",
    [PRT_ENGINE_TESTING] = "testing",
    [PRT_ENGINE_UNKNOWN] = "unknown",
};

const char *feed_engine_name(int32_t engine)
{
    if (engine < 0 || (size_t)engine >= sizeof(engine_names) / sizeof(engine_names[0]))
        return NULL;
    return engine_names[engine];
}

static const struct {
    const char *name;
    int32_t value;
} cover_states[] = {
    {"open", PrtCoverStatusTC_coverOpen},
    {"closed", PrtCoverStatusTC_coverClosed},
    {"interlock-open", PrtCoverStatusTC_interlockOpen},
    {"interlock-closed", PrtCoverStatusTC_interlockClosed},
    {"other", PrtCoverStatusTC_other},
    {"unknown", PrtCoverStatusTC_unknown},
};

static uint64_t raise_key(const struct prt_alert *a)
{
    uint64_t h = UINT64_C(1469598103934665603);
    int32_t v[4] = {a->code, a->group, a->group_index, a->location};

    for (int i = 0; i < 4; i++)
        for (int b = 0; b < 4; b++) {
            h ^= (uint8_t)((uint32_t)v[i] >> (8 * b));
            h *= UINT64_C(1099511628211);
        }
    h &= ~PRT_ALERT_KEY_DERIVED;
    return h ? h : 1;
}

static bool severity_binary(int32_t sev)
{
    return sev == PrtAlertSeverityLevelTC_critical ||
           sev == PrtAlertSeverityLevelTC_warningBinaryChangeEvent;
}

/* Device strings follow the SNMP SET rule of prt_set.c: no control characters. */
static bool printable(const struct word *w)
{
    for (size_t i = 0; i < w->len; i++) {
        unsigned char ch = (unsigned char)w->s[i];
        if (ch < 0x20 || ch == 0x7f)
            return false;
    }
    return true;
}

/* ---- the command table: one parser per first word ----
 * Each parser fills c from the words of a line whose first word named it
 * (n words in all) and returns NULL or a reason (c->op tells the kind). */
#define NEED(k, usage)                                                                             \
    do {                                                                                           \
        if (n != (k))                                                                              \
            return "usage: " usage;                                                                \
    } while (0)

static const char *parse_set(const struct word *w, int n, struct cmd *c, char *tmp, size_t tmpcap)
{
    if (n < 2)
        return "usage: set input|output|supply|cover N ...";
    if (is(&w[1], "input")) {
        NEED(5, "set input N level V | set input N missing yes|no");
        if (!to_i32(&w[2], &c->ch.row))
            return "input index must be a number";
        if (is(&w[3], "level")) {
            c->op = PRT_CHANGE_INPUT_LEVEL;
            if (!to_i32(&w[4], &c->ch.v))
                return "level must be an integer";
        } else if (is(&w[3], "missing")) {
            c->op = PRT_CHANGE_INPUT_MISSING;
            if (!to_bool(&w[4], &c->ch.v))
                return "expected yes or no";
        } else
            return "usage: set input N level V | set input N missing yes|no";
        return NULL;
    }
    if (is(&w[1], "output")) {
        NEED(5, "set output N remaining V | set output N full|offline|missing yes|no");
        if (!to_i32(&w[2], &c->ch.row))
            return "output index must be a number";
        if (is(&w[3], "remaining")) {
            c->op = PRT_CHANGE_OUTPUT_REMAINING;
            if (!to_i32(&w[4], &c->ch.v))
                return "remaining must be an integer";
            return NULL;
        }
        if (is(&w[3], "full"))
            c->op = PRT_CHANGE_OUTPUT_FULL;
        else if (is(&w[3], "offline"))
            c->op = PRT_CHANGE_OUTPUT_OFFLINE;
        else if (is(&w[3], "missing"))
            c->op = PRT_CHANGE_OUTPUT_MISSING;
        else
            return "usage: set output N remaining V | set output N full|offline|missing yes|no";
        if (!to_bool(&w[4], &c->ch.v))
            return "expected yes or no";
        return NULL;
    }
    if (is(&w[1], "supply")) {
        NEED(5, "set supply N level V | set supply N missing yes|no");
        if (!to_i32(&w[2], &c->ch.row))
            return "supply index must be a number";
        if (is(&w[3], "level")) {
            c->op = PRT_CHANGE_SUPPLY_LEVEL;
            if (!to_i32(&w[4], &c->ch.v))
                return "level must be an integer";
        } else if (is(&w[3], "missing")) {
            c->op = PRT_CHANGE_SUPPLY_MISSING;
            if (!to_bool(&w[4], &c->ch.v))
                return "expected yes or no";
        } else
            return "usage: set supply N level V | set supply N missing yes|no";
        return NULL;
    }
    if (is(&w[1], "cover")) {
        NEED(4, "set cover N open|closed|interlock-open|interlock-closed");
        if (!to_i32(&w[2], &c->ch.row))
            return "cover index must be a number";
        c->op = PRT_CHANGE_COVER;
        for (size_t i = 0; i < sizeof(cover_states) / sizeof(cover_states[0]); i++)
            if (is(&w[3], cover_states[i].name)) {
                c->ch.v = cover_states[i].value;
                return NULL;
            }
        return "cover state must be open, closed, interlock-open, interlock-closed, other or "
               "unknown";
    }
    return "usage: set input|output|supply|cover N ...";
}

static const char *parse_jam(const struct word *w, int n, struct cmd *c, char *tmp, size_t tmpcap)
{
    if (n != 2 && n != 4)
        return "usage: jam PATH [location L]";
    c->op = PRT_CHANGE_JAM;
    if (!to_i32(&w[1], &c->ch.row))
        return "media path index must be a number";
    c->ch.v = -2;
    if (n == 4) {
        if (!is(&w[2], "location"))
            return "usage: jam PATH [location L]";
        if (!to_i32(&w[3], &c->ch.v))
            return "location must be an integer";
    }
    return NULL;
}

static const char *parse_clear(const struct word *w, int n, struct cmd *c, char *tmp, size_t tmpcap)
{
    if (n != 3)
        return "usage: clear jam PATH | clear alert INDEX | clear key KEY";
    if (is(&w[1], "jam")) {
        c->op = PRT_CHANGE_CLEAR_JAM;
        if (!to_i32(&w[2], &c->ch.row))
            return "media path index must be a number";
    } else if (is(&w[1], "alert")) {
        c->op = PRT_CHANGE_CLEAR_ALERT;
        if (!to_i32(&w[2], &c->ch.row))
            return "alert index must be a number";
    } else if (is(&w[1], "key")) {
        c->op = PRT_CHANGE_CLEAR_KEY;
        if (!to_u64(&w[2], &c->ch.key))
            return "key must be an unsigned number";
    } else
        return "usage: clear jam PATH | clear alert INDEX | clear key KEY";
    return NULL;
}

static const char *parse_status(const struct word *w, int n, struct cmd *c, char *tmp,
                                size_t tmpcap)
{
    NEED(2, "status "
            "idle|printing|warmup|standby|offline|moving-offline|unavailable|testing|unknown");
    c->op = PRT_CHANGE_STATUS;
    for (int32_t e = 0; feed_engine_name(e) != NULL; e++)
        if (is(&w[1], feed_engine_name(e))) {
            c->ch.v = e;
            return NULL;
        }
    return "unknown engine state (idle printing warmup standby offline moving-offline "
           "unavailable testing unknown)";
}

static const char *parse_condition(const struct word *w, int n, struct cmd *c, char *tmp,
                                   size_t tmpcap)
{
    if (n != 2)
        return "usage: service|maintenance|intervention yes|no";
    c->op = is(&w[0], "service")       ? PRT_CHANGE_SERVICE
            : is(&w[0], "maintenance") ? PRT_CHANGE_MAINTENANCE
                                       : PRT_CHANGE_INTERVENTION;
    if (!to_bool(&w[1], &c->ch.v))
        return "expected yes or no";
    return NULL;
}

static const char *parse_count(const struct word *w, int n, struct cmd *c, char *tmp, size_t tmpcap)
{
    int i = 1;

    c->op = PRT_CHANGE_COUNT;
    if (n >= 2 && is(&w[1], "impressions"))
        i = 2;
    if (i >= n || !to_i32(&w[i], &c->ch.v))
        return "usage: count [impressions] N [color mono|color] [size small|large] "
               "[sides simplex|duplex] [input I] [output O] [marker M]";
    c->ch.color = PRT_BILL_MONO;
    c->ch.size = PRT_BILL_SMALL;
    c->ch.sides = PRT_BILL_SIMPLEX;
    for (i++; i < n; i += 2) {
        if (i + 1 >= n)
            return "count: option without a value";
        const struct word *k = &w[i], *val = &w[i + 1];
        if (is(k, "color")) {
            if (is(val, "mono"))
                c->ch.color = PRT_BILL_MONO;
            else if (is(val, "color"))
                c->ch.color = PRT_BILL_COLOR;
            else
                return "color must be mono or color";
        } else if (is(k, "size")) {
            if (is(val, "small"))
                c->ch.size = PRT_BILL_SMALL;
            else if (is(val, "large"))
                c->ch.size = PRT_BILL_LARGE;
            else
                return "size must be small or large";
        } else if (is(k, "sides")) {
            if (is(val, "simplex"))
                c->ch.sides = PRT_BILL_SIMPLEX;
            else if (is(val, "duplex"))
                c->ch.sides = PRT_BILL_DUPLEX;
            else
                return "sides must be simplex or duplex";
        } else if (is(k, "input")) {
            if (!to_i32(val, &c->ch.input) || c->ch.input < 1)
                return "input must be an input index";
        } else if (is(k, "output")) {
            if (!to_i32(val, &c->ch.output) || c->ch.output < 1)
                return "output must be an output index";
        } else if (is(k, "marker")) {
            if (!to_i32(val, &c->ch.marker) || c->ch.marker < 1)
                return "marker must be a marker index";
        } else {
            char sb[80];
            snprintf(tmp, tmpcap, "count: unknown option \"%s\"", show(k, sb, 64));
            return tmp;
        }
    }
    return NULL;
}

static const char *parse_display(const struct word *w, int n, struct cmd *c, char *tmp,
                                 size_t tmpcap)
{
    if (n == 2 && is(&w[1], "auto")) {
        c->op = PRT_CHANGE_DISPLAY_AUTO;
        return NULL;
    }
    NEED(3, "display LINE \"TEXT\" | display auto");
    c->op = PRT_CHANGE_DISPLAY;
    if (!to_i32(&w[1], &c->ch.row))
        return "display line must be a number";
    if (!w[2].quoted)
        return "display text must be a quoted string";
    if (w[2].len >= sizeof(c->ch.tmpl.description))
        return "display text longer than 255 octets";
    if (!printable(&w[2]))
        return "display text contains control characters";
    memcpy(c->ch.tmpl.description, w[2].s, w[2].len + 1);
    return NULL;
}

static const char *parse_raise(const struct word *w, int n, struct cmd *c, char *tmp, size_t tmpcap)
{
    struct prt_alert *a = &c->ch.tmpl;

    if (n < 3)
        return "usage: raise SEVERITY CODE [group G] [index I] [location L] [training T] "
               "[key K] [\"TEXT\"]";
    c->op = PRT_CHANGE_RAISE;
    if (is(&w[1], "warning-binary"))
        a->severity = PrtAlertSeverityLevelTC_warningBinaryChangeEvent;
    else if (!to_enum(&prt_tc_PrtAlertSeverityLevelTC, &w[1], &a->severity))
        return "severity must be critical, warning, warning-binary or other";
    if (!to_enum(&prt_tc_PrtAlertCodeTC, &w[2], &a->code))
        return "code must be a PrtAlertCodeTC name or value";
    a->group = PrtAlertGroupTC_generalPrinter;
    a->group_index = -1;
    a->location = -2;
    a->training = PrtAlertTrainingLevelTC_untrained;
    for (int i = 3; i < n; i++) {
        if (w[i].quoted) {
            if (w[i].len >= sizeof(a->description))
                return "alert text longer than 255 octets";
            if (!printable(&w[i]))
                return "alert text contains control characters";
            memcpy(a->description, w[i].s, w[i].len + 1);
            continue;
        }
        if (i + 1 >= n)
            return "raise: option without a value";
        const struct word *k = &w[i], *val = &w[i + 1];
        i++;
        if (is(k, "group")) {
            if (!to_enum(&prt_tc_PrtAlertGroupTC, val, &a->group))
                return "group must be a PrtAlertGroupTC name or value";
        } else if (is(k, "index")) {
            if (!to_i32(val, &a->group_index) || a->group_index < -1)
                return "group index must be -1 or more";
        } else if (is(k, "location")) {
            if (!to_i32(val, &a->location) || a->location < -2)
                return "location must be -2 or more";
        } else if (is(k, "training")) {
            if (!to_enum(&prt_tc_PrtAlertTrainingLevelTC, val, &a->training))
                return "training must be a PrtAlertTrainingLevelTC name or value";
        } else if (is(k, "key")) {
            if (!to_u64(val, &c->ch.key) || c->ch.key == 0 || (c->ch.key & PRT_ALERT_KEY_DERIVED))
                return "key must be 1..9223372036854775807";
        } else if (is(k, "text")) {
            if (!val->quoted)
                return "text must be a quoted string";
            if (val->len >= sizeof(a->description))
                return "alert text longer than 255 octets";
            if (!printable(val))
                return "alert text contains control characters";
            memcpy(a->description, val->s, val->len + 1);
        } else {
            char sb[80];
            snprintf(tmp, tmpcap, "raise: unknown option \"%s\"", show(k, sb, 64));
            return tmp;
        }
    }
    if (severity_binary(a->severity)) {
        a->key = c->ch.key ? c->ch.key : raise_key(a);
    } else {
        if (c->ch.key != 0)
            return "a unary alert (warning, other) has no key";
        a->key = 0;
    }
    return NULL;
}

static const char *parse_device(const struct word *w, int n, struct cmd *c, char *tmp,
                                size_t tmpcap)
{
    NEED(2, "device NAME|INDEX");
    c->op = OP_DEVICE;
    return NULL;
}

static const char *parse_get(const struct word *w, int n, struct cmd *c, char *tmp, size_t tmpcap)
{
    c->op = OP_GET;
    return NULL; /* checked by do_get */
}

static const char *parse_watch(const struct word *w, int n, struct cmd *c, char *tmp, size_t tmpcap)
{
    if (n > 2 || (n == 2 && !is(&w[1], "on") && !is(&w[1], "off")))
        return "usage: watch [on|off]";
    c->op = OP_WATCH;
    c->ch.v = n == 1 || is(&w[1], "on");
    return NULL;
}

static const char *parse_help(const struct word *w, int n, struct cmd *c, char *tmp, size_t tmpcap)
{
    c->op = OP_HELP;
    return NULL;
}

static const char *parse_quit(const struct word *w, int n, struct cmd *c, char *tmp, size_t tmpcap)
{
    NEED(1, "quit");
    c->op = OP_QUIT;
    return NULL;
}

static const char *parse_ping(const struct word *w, int n, struct cmd *c, char *tmp, size_t tmpcap)
{
    NEED(1, "ping");
    c->op = OP_PING;
    return NULL;
}

static const char *parse_begin(const struct word *w, int n, struct cmd *c, char *tmp, size_t tmpcap)
{
    NEED(1, "begin");
    c->op = OP_BEGIN;
    return NULL;
}

static const char *parse_commit(const struct word *w, int n, struct cmd *c, char *tmp,
                                size_t tmpcap)
{
    NEED(1, "commit");
    c->op = OP_COMMIT;
    return NULL;
}

static const char *parse_abort(const struct word *w, int n, struct cmd *c, char *tmp, size_t tmpcap)
{
    NEED(1, "abort");
    c->op = OP_ABORT;
    return NULL;
}

#undef NEED

static const struct {
    const char *word;
    const char *(*parse)(const struct word *w, int n, struct cmd *c, char *tmp, size_t tmpcap);
} commands[] = {
    {"set", parse_set},
    {"jam", parse_jam},
    {"clear", parse_clear},
    {"status", parse_status},
    {"service", parse_condition},
    {"maintenance", parse_condition},
    {"intervention", parse_condition},
    {"count", parse_count},
    {"display", parse_display},
    {"raise", parse_raise},
    {"device", parse_device},
    {"get", parse_get},
    {"watch", parse_watch},
    {"help", parse_help},
    {"quit", parse_quit},
    {"exit", parse_quit},
    {"ping", parse_ping},
    {"begin", parse_begin},
    {"commit", parse_commit},
    {"abort", parse_abort},
};

/* Parses words into c through the command table.  Returns NULL or a reason
 * (c->op tells the kind). */
static const char *parse(const struct words *ws, struct cmd *c, char *tmp, size_t tmpcap)
{
    const struct word *w = ws->w;
    char sb[80];

    memset(c, 0, sizeof(*c));
    if (ws->n == 0)
        return "empty line";
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        if (is(&w[0], commands[i].word))
            return commands[i].parse(w, ws->n, c, tmp, tmpcap);
    snprintf(tmp, tmpcap, "unknown command \"%s\" (try help)", show(&w[0], sb, 64));
    return tmp;
}

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

/* ---- reads ---- */

static void put_yn(struct feed_out *o, const char *k, bool v)
{
    feed_out_printf(o, " %s=%s", k, v ? "yes" : "no");
}

static void kq(struct feed_out *o, const char *k, const char *v)
{
    feed_out_printf(o, " %s=", k);
    feed_out_quote(o, v);
}

static void put_device(struct feed_out *o, const struct prt_device *d)
{
    feed_out_printf(o, "device index=%" PRId32, d->hr_index);
    kq(o, "name", d->name);
    kq(o, "descr", d->hr_descr);
    feed_out_printf(o, " engine=%s",
                    feed_engine_name(d->cond.engine) ? feed_engine_name(d->cond.engine) : "?");
    put_yn(o, "service", d->cond.service_requested);
    put_yn(o, "maintenance", d->cond.overdue_maintenance);
    put_yn(o, "intervention", d->cond.operator_intervention);
    feed_out_printf(o,
                    " hr_device_status=%" PRId32 " hr_printer_status=%" PRId32
                    " error_state=%02x%02x device_errors=%" PRIu32 " config_changes=%" PRIu32
                    " critical_events=%" PRIu32 " all_events=%" PRIu32 " alerts=%zu"
                    " next_alert_index=%" PRId32 " generation=%" PRIu64,
                    d->hr_device_status, d->hr_printer_status, d->hr_error_state[0],
                    d->hr_error_state[1], d->hr_device_errors, d->general.config_changes,
                    d->general.alert_critical_events, d->general.alert_all_events, d->n_alerts,
                    d->next_alert_index, d->generation);
    feed_out_printf(o,
                    " inputs=%zu outputs=%zu supplies=%zu markers=%zu covers=%zu paths=%zu"
                    " display_lines=%zu",
                    d->n_inputs, d->n_outputs, d->n_supplies, d->n_markers, d->n_covers,
                    d->n_media_paths, d->n_display);
    put_yn(o, "display_from_feed", d->console_text_from_feed);
    feed_out_printf(o, "\n");
}

static void put_input(struct feed_out *o, const struct prt_input *r)
{
    feed_out_printf(o, "input index=%" PRId32, r->index);
    kq(o, "name", r->name);
    feed_out_printf(o, " level=%" PRId32 " max=%" PRId32 " unit=%" PRId32 " status=%" PRId32,
                    r->current_level, r->max_capacity, r->capacity_unit, r->status);
    put_yn(o, "missing", r->missing);
    kq(o, "media", r->media_name);
    feed_out_printf(o, " feed=%" PRId32 " xfeed=%" PRId32 "\n", r->dim_feed_chosen,
                    r->dim_xfeed_chosen);
}

static void put_output(struct feed_out *o, const struct prt_output *r)
{
    feed_out_printf(o, "output index=%" PRId32, r->index);
    kq(o, "name", r->name);
    feed_out_printf(o, " remaining=%" PRId32 " max=%" PRId32 " unit=%" PRId32 " status=%" PRId32,
                    r->remaining_capacity, r->max_capacity, r->capacity_unit, r->status);
    put_yn(o, "full", r->full_sensor);
    put_yn(o, "offline", r->offline);
    put_yn(o, "missing", r->missing);
    feed_out_printf(o, "\n");
}

static void put_supply(struct feed_out *o, const struct prt_supply *r)
{
    feed_out_printf(o, "supply index=%" PRId32, r->index);
    kq(o, "description", r->description);
    feed_out_printf(o,
                    " level=%" PRId32 " max=%" PRId32 " unit=%" PRId32 " class=%" PRId32
                    " type=%" PRId32 " marker=%" PRId32 " colorant=%" PRId32,
                    r->level, r->max_capacity, r->supply_unit, r->supply_class, r->type,
                    r->marker_index, r->colorant_index);
    put_yn(o, "missing", r->missing);
    feed_out_printf(o, "\n");
}

static void put_marker(struct feed_out *o, const struct prt_marker *r)
{
    feed_out_printf(o,
                    "marker index=%" PRId32 " life=%" PRIu32 " power_on=%" PRIu32 " unit=%" PRId32
                    " status=%" PRId32 " colorants=%" PRId32 "\n",
                    r->index, r->life_count, r->power_on_count, r->counter_unit, r->status,
                    r->process_colorants);
}

static void put_cover(struct feed_out *o, const struct prt_cover *r)
{
    feed_out_printf(o, "cover index=%" PRId32, r->index);
    kq(o, "description", r->description);
    feed_out_printf(o, " status=%" PRId32 "\n", r->status);
}

static void put_path(struct feed_out *o, const struct prt_media_path *r)
{
    feed_out_printf(o, "path index=%" PRId32, r->index);
    kq(o, "description", r->description);
    put_yn(o, "jammed", r->jammed);
    feed_out_printf(o, " location=%" PRId32 " status=%" PRId32 "\n", r->jam_location, r->status);
}

static void put_alert(struct feed_out *o, const struct prt_alert *a)
{
    const char *cn = prt_enum_name(&prt_tc_PrtAlertCodeTC, a->code);

    feed_out_printf(o,
                    "alert index=%" PRId32 " severity=%" PRId32 " training=%" PRId32
                    " group=%" PRId32 " group_index=%" PRId32 " location=%" PRId32 " code=%" PRId32
                    " code_name=%s time=%" PRIu32 " key=%" PRIu64,
                    a->index, a->severity, a->training, a->group, a->group_index, a->location,
                    a->code, cn ? cn : "?", a->time, a->key);
    kq(o, "description", a->description);
    feed_out_printf(o, "\n");
}

static void put_display(struct feed_out *o, const struct prt_display_line *r)
{
    feed_out_printf(o, "display index=%" PRId32, r->index);
    kq(o, "text", r->text);
    feed_out_printf(o, "\n");
}

static void put_billing(struct feed_out *o, const struct prt_device *d)
{
    static const char *const cn[] = {"mono", "color"}, *const sn[] = {"small", "large"},
                             *const xn[] = {"simplex", "duplex"};

    for (int c = 0; c < PRT_BILL_NCOLOR; c++)
        for (int s = 0; s < PRT_BILL_NSIZE; s++)
            for (int x = 0; x < PRT_BILL_NSIDES; x++)
                feed_out_printf(o, "billing color=%s size=%s sides=%s impressions=%" PRIu64 "\n",
                                cn[c], sn[s], xn[x], d->billing[c][s][x]);
}

/* One table, all rows or one.  Returns false when the row is absent. */
#define GET_TABLE(arr, n, type, put, findfn)                                                       \
    do {                                                                                           \
        if (all) {                                                                                 \
            for (size_t i_ = 0; i_ < d->n; i_++)                                                   \
                put(o, &d->arr[i_]);                                                               \
        } else {                                                                                   \
            const type *r_ = findfn(d, row);                                                       \
            if (r_ == NULL)                                                                        \
                return false;                                                                      \
            put(o, r_);                                                                            \
        }                                                                                          \
    } while (0)

static bool get_one(struct feed_out *o, const struct prt_device *d, const char *what, bool all,
                    int32_t row)
{
    if (strcmp(what, "input") == 0)
        GET_TABLE(inputs, n_inputs, struct prt_input, put_input, prt_input_find);
    else if (strcmp(what, "output") == 0)
        GET_TABLE(outputs, n_outputs, struct prt_output, put_output, prt_output_find);
    else if (strcmp(what, "supply") == 0)
        GET_TABLE(supplies, n_supplies, struct prt_supply, put_supply, prt_supply_find);
    else if (strcmp(what, "marker") == 0)
        GET_TABLE(markers, n_markers, struct prt_marker, put_marker, prt_marker_find);
    else if (strcmp(what, "cover") == 0)
        GET_TABLE(covers, n_covers, struct prt_cover, put_cover, prt_cover_find);
    else if (strcmp(what, "path") == 0)
        GET_TABLE(media_paths, n_media_paths, struct prt_media_path, put_path, prt_media_path_find);
    else if (strcmp(what, "alert") == 0)
        GET_TABLE(alerts, n_alerts, struct prt_alert, put_alert, prt_alert_find);
    else if (strcmp(what, "display") == 0)
        GET_TABLE(display, n_display, struct prt_display_line, put_display, prt_display_find);
    return true;
}

static const struct {
    const char *plural, *singular;
} get_names[] = {
    {"inputs", "input"}, {"outputs", "output"}, {"supplies", "supply"}, {"markers", "marker"},
    {"covers", "cover"}, {"paths", "path"},     {"alerts", "alert"},    {"display", "display"},
};

static enum feed_result do_get(struct feed_session *s, const struct words *ws, struct feed_out *o)
{
    const struct word *w = ws->w;
    const struct prt_device *d;
    char sb[80];

    if (ws->n == 2 && is(&w[1], "devices")) {
        for (size_t i = 0; i < s->m->n_devices; i++) {
            feed_out_printf(o, "device index=%" PRId32, s->m->devices[i]->hr_index);
            kq(o, "name", s->m->devices[i]->name);
            feed_out_printf(o, "\n");
        }
        feed_out_printf(o, "ok %zu device%s\n", s->m->n_devices, s->m->n_devices == 1 ? "" : "s");
        return FEED_R_OK;
    }
    if (ws->n < 2 || ws->n > 3)
        return error(s, o,
                     "usage: get devices|device|all|billing|inputs|input N|outputs|output N|"
                     "supplies|supply N|markers|marker N|covers|cover N|paths|path N|"
                     "alerts|alert N|display");
    if (s->dev == 0)
        return error(s, o, "no device selected (use: device NAME)");
    d = prt_model_find(s->m, s->dev);
    if (d == NULL)
        return error(s, o, "the selected device no longer exists");
    if (ws->n == 2 && is(&w[1], "device")) {
        put_device(o, d);
    } else if (ws->n == 2 && is(&w[1], "billing")) {
        put_billing(o, d);
    } else if (ws->n == 2 && is(&w[1], "all")) {
        put_device(o, d);
        for (size_t i = 0; i < sizeof(get_names) / sizeof(get_names[0]); i++)
            get_one(o, d, get_names[i].singular, true, 0);
        put_billing(o, d);
    } else {
        size_t i;
        int32_t row = 0;

        for (i = 0; i < sizeof(get_names) / sizeof(get_names[0]); i++) {
            if (ws->n == 2 && is(&w[1], get_names[i].plural))
                break;
            if (ws->n == 3 && is(&w[1], get_names[i].singular))
                break;
        }
        if (i == sizeof(get_names) / sizeof(get_names[0]))
            return error(s, o, "cannot get \"%s\" (try help)", show(&w[1], sb, sizeof(sb)));
        if (ws->n == 3 && !to_i32(&w[2], &row))
            return error(s, o, "index must be a number");
        if (!get_one(o, d, get_names[i].singular, ws->n == 2, row))
            return error(s, o, "device %s has no %s %" PRId32, d->name, get_names[i].singular, row);
    }
    feed_out_printf(o, "ok\n");
    return FEED_R_OK;
}

static const char help_text[] =
    "help device NAME|INDEX                 select the device the next commands apply to\n"
    "help set input N level V               tray level (-3..max; -1 no limit, -2 unknown, -3 "
    "some)\n"
    "help set input N missing yes|no        tray pulled out\n"
    "help set output N remaining V          bin space left (0 = full)\n"
    "help set output N full|offline|missing yes|no\n"
    "help set supply N level V              toner/ink/waste level\n"
    "help set supply N missing yes|no       cartridge removed\n"
    "help set cover N open|closed|interlock-open|interlock-closed\n"
    "help jam PATH [location L]             paper jam in a media path; clear jam PATH\n"
    "help status idle|printing|warmup|standby|offline|moving-offline|unavailable|testing|unknown\n"
    "help service yes|no | maintenance yes|no | intervention yes|no\n"
    "help count [impressions] N [color mono|color] [size small|large] [sides simplex|duplex]"
    " [input I] [output O] [marker M]\n"
    "help display LINE \"TEXT\" | display auto\n"
    "help raise SEVERITY CODE [group G] [index I] [location L] [training T] [key K] [\"TEXT\"]\n"
    "help clear alert INDEX | clear key KEY\n"
    "help get devices|device|all|billing|inputs|input N|outputs|output N|supplies|supply N|"
    "markers|marker N|covers|cover N|paths|path N|alerts|alert N|display\n"
    "help begin ... commit | abort          apply several commands as one tick\n"
    "help watch [on|off]                    stream alert events; ping; quit\n";

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
}

static enum feed_result commit(struct feed_session *s, struct feed_out *o)
{
    char tmp[512];
    size_t n = s->n_batch;
    struct prt_device *touched[16];
    size_t n_touched = 0;
    bool overflow = false;

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
    /* ... then apply all, then run the rules once per device */
    for (size_t i = 0; i < n; i++) {
        const struct cmd *c = &s->batch[i];
        struct prt_device *d;
        size_t k;

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
        return error(s, o, "line longer than %d octets", FEED_LINE_MAX);
    why = split(line, len, &ws);
    if (why != NULL)
        return error(s, o, "%s", why);
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
    why = parse(&ws, &c, tmp, sizeof(tmp));
    if (why != NULL)
        return error(s, o, "%s", why);
    c.dev = s->dev;
    c.ch.op = c.op;

    switch (c.op) {
    case OP_DEVICE: {
        const struct word *w = &ws.w[1];
        const struct prt_device *d = NULL;
        int32_t idx;

        if (!w->quoted && to_i32(w, &idx))
            d = prt_model_find(s->m, idx);
        if (d == NULL)
            d = prt_model_find_name(s->m, w->s);
        if (d == NULL)
            return error(s, o, "no device \"%s\"", show(w, sb, sizeof(sb)));
        s->dev = d->hr_index;
        feed_out_printf(o, "ok device %" PRId32 " ", d->hr_index);
        feed_out_quote(o, d->name);
        feed_out_printf(o, "\n");
        return FEED_R_OK;
    }
    case OP_GET:
        if (s->in_batch)
            return error(s, o, "get is not allowed inside a batch");
        return do_get(s, &ws, o);
    case OP_WATCH:
        s->watching = c.ch.v != 0;
        feed_out_printf(o, "ok watch %s\n", s->watching ? "on" : "off");
        return FEED_R_OK;
    case OP_HELP:
        feed_out_printf(o, "%s", help_text);
        feed_out_printf(o, "ok\n");
        return FEED_R_OK;
    case OP_PING:
        feed_out_printf(o, "ok pong\n");
        return FEED_R_OK;
    case OP_QUIT:
        batch_end(s);
        feed_out_printf(o, "ok bye\n");
        return FEED_R_QUIT;
    case OP_BEGIN:
        if (s->in_batch)
            return error(s, o, "a batch is already open");
        s->in_batch = true;
        s->batch_failed = 0;
        s->n_batch = 0;
        feed_out_printf(o, "ok begin\n");
        return FEED_R_OK;
    case OP_COMMIT:
        if (!s->in_batch)
            return error(s, o, "commit without begin");
        return commit(s, o);
    case OP_ABORT: {
        size_t n = s->n_batch;
        if (!s->in_batch)
            return error(s, o, "abort without begin");
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
        return error(s, o, "%s", why);
    if (s->in_batch) {
        if (s->n_batch >= FEED_BATCH_MAX)
            return error(s, o, "batch larger than %d commands", FEED_BATCH_MAX);
        if (s->n_batch == s->cap_batch) {
            size_t ncap = s->cap_batch ? s->cap_batch * 2 : 16;
            struct cmd *nb = realloc(s->batch, ncap * sizeof(*nb));
            if (nb == NULL)
                return error(s, o, "out of memory");
            s->batch = nb;
            s->cap_batch = ncap;
        }
        s->batch[s->n_batch++] = c;
        feed_out_printf(o, "ok queued %zu\n", s->n_batch);
        return FEED_R_OK;
    }
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

void feed_format_event(struct feed_out *o, const struct prt_device *d, const struct prt_alert *a,
                       int ev)
{
    const char *cn = prt_enum_name(&prt_tc_PrtAlertCodeTC, a->code);

    feed_out_printf(o, "event alert %s device=%" PRId32,
                    ev == PRT_ALERT_ADDED ? "added" : "removed", d->hr_index);
    kq(o, "name", d->name);
    feed_out_printf(o,
                    " index=%" PRId32 " severity=%" PRId32 " training=%" PRId32 " group=%" PRId32
                    " group_index=%" PRId32 " location=%" PRId32 " code=%" PRId32
                    " code_name=%s time=%" PRIu32,
                    a->index, a->severity, a->training, a->group, a->group_index, a->location,
                    a->code, cn ? cn : "?", a->time);
    kq(o, "description", a->description);
    feed_out_printf(o, "\n");
}
