/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * feed_parse.c: the feed protocol's lines into commands: the word splitter
 * (double-quoted strings with the escapes of the state file) and the
 * command table, one parser per first word: a state change is parsed into
 * its arguments and built by the model's named change (prt_change_*(),
 * prt_change.h), which the model checks and applies; a session command is
 * named in the struct cmd.
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

/* ---- words ---- */

/* Splits line into words.  Returns NULL or a reason. */
const char *fp_split(const char *line, size_t len, struct words *ws)
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

bool fp_is(const struct word *w, const char *s)
{
    return !w->quoted && strcmp(w->s, s) == 0;
}

/* Strict decimal Integer32. */
bool fp_to_i32(const struct word *w, int32_t *v)
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
    if (fp_is(w, "yes") || fp_is(w, "on") || fp_is(w, "true") || fp_is(w, "1"))
        *v = 1;
    else if (fp_is(w, "no") || fp_is(w, "off") || fp_is(w, "false") || fp_is(w, "0"))
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

/* A word for an error message: printable, bounded. */
const char *fp_show(const struct word *w, char *buf, size_t cap)
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
    int32_t row, v;

    if (n < 2)
        return "usage: set input|output|supply|cover N ...";
    if (fp_is(&w[1], "input")) {
        NEED(5, "set input N level V | set input N missing yes|no");
        if (!fp_to_i32(&w[2], &row))
            return "input index must be a number";
        if (fp_is(&w[3], "level")) {
            if (!fp_to_i32(&w[4], &v))
                return "level must be an integer";
            prt_change_input_level(&c->ch, row, v);
        } else if (fp_is(&w[3], "missing")) {
            if (!to_bool(&w[4], &v))
                return "expected yes or no";
            prt_change_input_missing(&c->ch, row, v);
        } else
            return "usage: set input N level V | set input N missing yes|no";
        return NULL;
    }
    if (fp_is(&w[1], "output")) {
        NEED(5, "set output N remaining V | set output N full|offline|missing yes|no");
        if (!fp_to_i32(&w[2], &row))
            return "output index must be a number";
        if (fp_is(&w[3], "remaining")) {
            if (!fp_to_i32(&w[4], &v))
                return "remaining must be an integer";
            prt_change_output_remaining(&c->ch, row, v);
            return NULL;
        }
        if (!fp_is(&w[3], "full") && !fp_is(&w[3], "offline") && !fp_is(&w[3], "missing"))
            return "usage: set output N remaining V | set output N full|offline|missing yes|no";
        if (!to_bool(&w[4], &v))
            return "expected yes or no";
        if (fp_is(&w[3], "full"))
            prt_change_output_full(&c->ch, row, v);
        else if (fp_is(&w[3], "offline"))
            prt_change_output_offline(&c->ch, row, v);
        else
            prt_change_output_missing(&c->ch, row, v);
        return NULL;
    }
    if (fp_is(&w[1], "supply")) {
        NEED(5, "set supply N level V | set supply N missing yes|no");
        if (!fp_to_i32(&w[2], &row))
            return "supply index must be a number";
        if (fp_is(&w[3], "level")) {
            if (!fp_to_i32(&w[4], &v))
                return "level must be an integer";
            prt_change_supply_level(&c->ch, row, v);
        } else if (fp_is(&w[3], "missing")) {
            if (!to_bool(&w[4], &v))
                return "expected yes or no";
            prt_change_supply_missing(&c->ch, row, v);
        } else
            return "usage: set supply N level V | set supply N missing yes|no";
        return NULL;
    }
    if (fp_is(&w[1], "cover")) {
        NEED(4, "set cover N open|closed|interlock-open|interlock-closed");
        if (!fp_to_i32(&w[2], &row))
            return "cover index must be a number";
        for (size_t i = 0; i < sizeof(cover_states) / sizeof(cover_states[0]); i++)
            if (fp_is(&w[3], cover_states[i].name)) {
                prt_change_cover(&c->ch, row, cover_states[i].value);
                return NULL;
            }
        return "cover state must be open, closed, interlock-open, interlock-closed, other or "
               "unknown";
    }
    return "usage: set input|output|supply|cover N ...";
}

static const char *parse_jam(const struct word *w, int n, struct cmd *c, char *tmp, size_t tmpcap)
{
    int32_t path, location = -2;

    if (n != 2 && n != 4)
        return "usage: jam PATH [location L]";
    if (!fp_to_i32(&w[1], &path))
        return "media path index must be a number";
    if (n == 4) {
        if (!fp_is(&w[2], "location"))
            return "usage: jam PATH [location L]";
        if (!fp_to_i32(&w[3], &location))
            return "location must be an integer";
    }
    prt_change_jam(&c->ch, path, location);
    return NULL;
}

static const char *parse_clear(const struct word *w, int n, struct cmd *c, char *tmp, size_t tmpcap)
{
    int32_t row;
    uint64_t key;

    if (n != 3)
        return "usage: clear jam PATH | clear alert INDEX | clear key KEY";
    if (fp_is(&w[1], "jam")) {
        if (!fp_to_i32(&w[2], &row))
            return "media path index must be a number";
        prt_change_jam_clear(&c->ch, row);
    } else if (fp_is(&w[1], "alert")) {
        if (!fp_to_i32(&w[2], &row))
            return "alert index must be a number";
        prt_change_clear_alert(&c->ch, row);
    } else if (fp_is(&w[1], "key")) {
        if (!to_u64(&w[2], &key))
            return "key must be an unsigned number";
        prt_change_clear_key(&c->ch, key);
    } else
        return "usage: clear jam PATH | clear alert INDEX | clear key KEY";
    return NULL;
}

static const char *parse_status(const struct word *w, int n, struct cmd *c, char *tmp,
                                size_t tmpcap)
{
    NEED(2, "status "
            "idle|printing|warmup|standby|offline|moving-offline|unavailable|testing|unknown");
    for (int32_t e = 0; feed_engine_name(e) != NULL; e++)
        if (fp_is(&w[1], feed_engine_name(e))) {
            prt_change_engine(&c->ch, e);
            return NULL;
        }
    return "unknown engine state (idle printing warmup standby offline moving-offline "
           "unavailable testing unknown)";
}

static const char *parse_condition(const struct word *w, int n, struct cmd *c, char *tmp,
                                   size_t tmpcap)
{
    int32_t on;

    if (n != 2)
        return "usage: service|maintenance|intervention yes|no";
    if (!to_bool(&w[1], &on))
        return "expected yes or no";
    if (fp_is(&w[0], "service"))
        prt_change_service(&c->ch, on);
    else if (fp_is(&w[0], "maintenance"))
        prt_change_maintenance(&c->ch, on);
    else
        prt_change_intervention(&c->ch, on);
    return NULL;
}

static const char *parse_count(const struct word *w, int n, struct cmd *c, char *tmp, size_t tmpcap)
{
    int32_t impressions, color = PRT_BILL_MONO, size = PRT_BILL_SMALL, sides = PRT_BILL_SIMPLEX;
    int32_t input = 0, output = 0, marker = 0;
    int i = 1;

    if (n >= 2 && fp_is(&w[1], "impressions"))
        i = 2;
    if (i >= n || !fp_to_i32(&w[i], &impressions))
        return "usage: count [impressions] N [color mono|color] [size small|large] "
               "[sides simplex|duplex] [input I] [output O] [marker M]";
    for (i++; i < n; i += 2) {
        if (i + 1 >= n)
            return "count: option without a value";
        const struct word *k = &w[i], *val = &w[i + 1];
        if (fp_is(k, "color")) {
            if (fp_is(val, "mono"))
                color = PRT_BILL_MONO;
            else if (fp_is(val, "color"))
                color = PRT_BILL_COLOR;
            else
                return "color must be mono or color";
        } else if (fp_is(k, "size")) {
            if (fp_is(val, "small"))
                size = PRT_BILL_SMALL;
            else if (fp_is(val, "large"))
                size = PRT_BILL_LARGE;
            else
                return "size must be small or large";
        } else if (fp_is(k, "sides")) {
            if (fp_is(val, "simplex"))
                sides = PRT_BILL_SIMPLEX;
            else if (fp_is(val, "duplex"))
                sides = PRT_BILL_DUPLEX;
            else
                return "sides must be simplex or duplex";
        } else if (fp_is(k, "input")) {
            if (!fp_to_i32(val, &input) || input < 1)
                return "input must be an input index";
        } else if (fp_is(k, "output")) {
            if (!fp_to_i32(val, &output) || output < 1)
                return "output must be an output index";
        } else if (fp_is(k, "marker")) {
            if (!fp_to_i32(val, &marker) || marker < 1)
                return "marker must be a marker index";
        } else {
            char sb[80];
            snprintf(tmp, tmpcap, "count: unknown option \"%s\"", fp_show(k, sb, 64));
            return tmp;
        }
    }
    prt_change_count(&c->ch, impressions, color, size, sides, input, output, marker);
    return NULL;
}

static const char *parse_display(const struct word *w, int n, struct cmd *c, char *tmp,
                                 size_t tmpcap)
{
    int32_t line;

    if (n == 2 && fp_is(&w[1], "auto")) {
        prt_change_display_auto(&c->ch);
        return NULL;
    }
    NEED(3, "display LINE \"TEXT\" | display auto");
    if (!fp_to_i32(&w[1], &line))
        return "display line must be a number";
    if (!w[2].quoted)
        return "display text must be a quoted string";
    if (!printable(&w[2]))
        return "display text contains control characters";
    if (prt_change_display(&c->ch, line, w[2].s) != PRT_OK)
        return "display text longer than 255 octets";
    return NULL;
}

static const char *parse_raise(const struct word *w, int n, struct cmd *c, char *tmp, size_t tmpcap)
{
    struct prt_alert alert, *a = &alert;
    uint64_t key = 0;

    if (n < 3)
        return "usage: raise SEVERITY CODE [group G] [index I] [location L] [training T] "
               "[key K] [\"TEXT\"]";
    memset(a, 0, sizeof(*a));
    if (fp_is(&w[1], "warning-binary"))
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
        if (fp_is(k, "group")) {
            if (!to_enum(&prt_tc_PrtAlertGroupTC, val, &a->group))
                return "group must be a PrtAlertGroupTC name or value";
        } else if (fp_is(k, "index")) {
            if (!fp_to_i32(val, &a->group_index) || a->group_index < -1)
                return "group index must be -1 or more";
        } else if (fp_is(k, "location")) {
            if (!fp_to_i32(val, &a->location) || a->location < -2)
                return "location must be -2 or more";
        } else if (fp_is(k, "training")) {
            if (!to_enum(&prt_tc_PrtAlertTrainingLevelTC, val, &a->training))
                return "training must be a PrtAlertTrainingLevelTC name or value";
        } else if (fp_is(k, "key")) {
            if (!to_u64(val, &key) || key == 0 || (key & PRT_ALERT_KEY_DERIVED))
                return "key must be 1..9223372036854775807";
        } else if (fp_is(k, "text")) {
            if (!val->quoted)
                return "text must be a quoted string";
            if (val->len >= sizeof(a->description))
                return "alert text longer than 255 octets";
            if (!printable(val))
                return "alert text contains control characters";
            memcpy(a->description, val->s, val->len + 1);
        } else {
            char sb[80];
            snprintf(tmp, tmpcap, "raise: unknown option \"%s\"", fp_show(k, sb, 64));
            return tmp;
        }
    }
    if (severity_binary(a->severity)) {
        a->key = key ? key : raise_key(a);
    } else {
        if (key != 0)
            return "a unary alert (warning, other) has no key";
        a->key = 0;
    }
    prt_change_raise(&c->ch, a);
    return NULL;
}

static const char *parse_device(const struct word *w, int n, struct cmd *c, char *tmp,
                                size_t tmpcap)
{
    if (n >= 2 && !w[1].quoted && (fp_is(&w[1], "add") || fp_is(&w[1], "remove")) && n >= 3) {
        c->op = fp_is(&w[1], "add") ? OP_DEVICE_ADD : OP_DEVICE_REMOVE;
        return NULL; /* checked by fd_device_cmd */
    }
    NEED(2, "device NAME|INDEX | device add NAME identity=ID | device remove NAME|INDEX");
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
    if (n > 2 || (n == 2 && !fp_is(&w[1], "on") && !fp_is(&w[1], "off")))
        return "usage: watch [on|off]";
    c->op = OP_WATCH;
    c->ch.v = n == 1 || fp_is(&w[1], "on");
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

static const char *parse_hello(const struct word *w, int n, struct cmd *c, char *tmp, size_t tmpcap)
{
    if (n == 3 && fp_is(&w[1], "controller"))
        c->ch.v = FEED_KIND_CONTROLLER;
    else if (n == 2 && fp_is(&w[1], "tool"))
        c->ch.v = FEED_KIND_TOOL;
    else
        return "usage: hello controller NAME | hello tool";
    c->op = OP_HELLO;
    return NULL; /* the name is checked by the session */
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
    {"hello", parse_hello},
    {"begin", parse_begin},
    {"commit", parse_commit},
    {"abort", parse_abort},
};

/* Parses words into c through the command table.  Returns NULL or a reason
 * (c->op tells the kind). */
const char *fp_parse(const struct words *ws, struct cmd *c, char *tmp, size_t tmpcap)
{
    const struct word *w = ws->w;
    char sb[80];

    memset(c, 0, sizeof(*c));
    if (ws->n == 0)
        return "empty line";
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        if (fp_is(&w[0], commands[i].word)) {
            const char *why = commands[i].parse(w, ws->n, c, tmp, tmpcap);
            if (why == NULL && c->ch.op != PRT_CHANGE_NONE)
                c->op = c->ch.op; /* a change the model built */
            return why;
        }
    snprintf(tmp, tmpcap, "unknown command \"%s\" (try help)", fp_show(&w[0], sb, 64));
    return tmp;
}

/* The reply to `help`. */
const char fp_help_text[] =
    "help device NAME|INDEX                 select the device the next commands apply to\n"
    "help device add NAME identity=ID       add a device (in a batch: followed by its profile\n"
    "help                                   lines printdevInput ..., printdevSupply ...)\n"
    "help device remove NAME|INDEX          remove a device added with device add\n"
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
    "help watch [on|off]                    stream alert events; ping; quit\n"
    "help hello controller NAME|hello tool   what this session is (for notifications)\n";
