/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_state.c: durable device state, one text file per device.
 *
 * What is kept (see prt_state.h for the format):
 *  - every column prt_column_writable() reports writable (the SETs a manager
 *    made), restored through prt_set_check()/prt_set_apply() so a restore
 *    follows exactly the path of the original SET;
 *  - the live state the controller reports: levels (prtInputCurrentLevel,
 *    prtOutputRemainingCapacity, prtMarkerSuppliesLevel), sensor conditions
 *    (cover status, tray/bin/cartridge missing, output offline/full, media
 *    path jams and their location, the device-wide conditions), console
 *    text set by the feed;
 *  - counters a manager relies on across restarts: prtMarkerLifeCount and
 *    PowerOnCount, prtGeneralConfigChanges, prtAlertCriticalEvents /
 *    AllEvents, hrDeviceErrors, the billing counters;
 *  - the active alert table with every field, next prtAlertIndex and the
 *    insertion sequence, so a restart neither re-numbers rows nor re-sends
 *    traps for alerts that were already active (RFC 3805 §2.2.13.3: indexes
 *    only restart at 1 after a printer reset).
 * Derived values (sub-unit status, HR status, lights) are not stored: the
 * caller runs prt_rules_apply() after loading.
 *
 * Loading works on a scratch copy of the device: the whole file is verified
 * (header, trailer line count and CRC-32), parsed and applied to the copy;
 * only when every line was good are the results copied into the device.
 *
 * Pure C + POSIX: no Net-SNMP headers.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "prt_state.h"

/* ---- CRC-32 ---- */

unsigned long prt_state_crc32(unsigned long crc, const void *buf, size_t len)
{
    static uint32_t table[256];
    static int init;
    const unsigned char *p = buf;
    uint32_t c;

    if (!init) {
        for (uint32_t i = 0; i < 256; i++) {
            c = i;
            for (int k = 0; k < 8; k++)
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        init = 1;
    }
    c = (uint32_t)crc ^ 0xFFFFFFFFu;
    while (len--)
        c = table[(c ^ *p++) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

/* ---- quoting ---- */

size_t prt_state_quote(char *buf, size_t cap, const char *s, size_t len)
{
    size_t n = 0;
    char tmp[5];

#define PUT(ch)                                                                                    \
    do {                                                                                           \
        if (cap > 0 && n + 1 < cap)                                                                \
            buf[n] = (ch);                                                                         \
        n++;                                                                                       \
    } while (0)
    PUT('"');
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)s[i];
        const char *esc = NULL;

        switch (ch) {
        case '\\':
            esc = "\\\\";
            break;
        case '"':
            esc = "\\\"";
            break;
        case '\n':
            esc = "\\n";
            break;
        case '\t':
            esc = "\\t";
            break;
        case '\r':
            esc = "\\r";
            break;
        default:
            if (ch < 0x20 || ch == 0x7f) {
                snprintf(tmp, sizeof(tmp), "\\x%02x", ch);
                esc = tmp;
            }
        }
        if (esc != NULL) {
            for (; *esc; esc++)
                PUT(*esc);
        } else {
            PUT((char)ch);
        }
    }
    PUT('"');
#undef PUT
    if (cap > 0)
        buf[n < cap ? n : cap - 1] = '\0';
    return n;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int prt_state_unquote(const char **pp, char *out, size_t cap, size_t *outlen)
{
    const char *p = *pp;
    size_t n = 0;
    int toolong = 0;

    while (*p == ' ')
        p++;
    if (*p != '"')
        return -PRT_EINVAL;
    p++;
    for (;;) {
        int ch = (unsigned char)*p;

        if (ch == '\0')
            return -PRT_EINVAL; /* unterminated */
        p++;
        if (ch == '"')
            break;
        if (ch < 0x20 || ch == 0x7f)
            return -PRT_EINVAL; /* raw control characters must be escaped */
        if (ch == '\\') {
            int e = (unsigned char)*p++;

            switch (e) {
            case '\\':
                ch = '\\';
                break;
            case '"':
                ch = '"';
                break;
            case 'n':
                ch = '\n';
                break;
            case 't':
                ch = '\t';
                break;
            case 'r':
                ch = '\r';
                break;
            case 'x': {
                int h = hexval((unsigned char)p[0]), l;

                l = h < 0 ? -1 : hexval((unsigned char)p[1]);
                if (h < 0 || l < 0)
                    return -PRT_EINVAL;
                ch = h * 16 + l;
                if (ch == 0)
                    return -PRT_EINVAL; /* strings are NUL-terminated in the model */
                p += 2;
                break;
            }
            default:
                return -PRT_EINVAL;
            }
        }
        if (n + 1 < cap)
            out[n] = (char)ch;
        else
            toolong = 1;
        n++;
    }
    if (cap > 0)
        out[n < cap ? n : cap - 1] = '\0';
    if (outlen != NULL)
        *outlen = n;
    *pp = p;
    return toolong ? -PRT_ETOOLONG : PRT_OK;
}

/* ---- what is stored: descriptors ---- */

enum fkind { K_I32 = 1, K_U32, K_U64, K_BOOL, K_STR };

#define F_LIVE 0x1     /* always saved (live state or counter), restored directly */
#define F_FEEDTEXT 0x2 /* saved when the feed set the console text */
#define F_LAST 0x4     /* restored after every other line (replayed SETs change it) */
#define F_LEVEL 0x8    /* level against the row's max capacity (max_off) */

struct field {
    const char *key; /* text after "<table>." */
    int column;      /* MIB column sub-id, 0 when not a column */
    int kind;
    size_t off;                /* in the row, or in struct prt_device for device tables */
    size_t size;               /* of the field (strings: array size incl. NUL) */
    int64_t min, max;          /* accepted range for numbers */
    const struct prt_enum *en; /* assigned values only, when set */
    unsigned flags;
    size_t max_off; /* F_LEVEL: offset of the max capacity in the row */
};

struct table {
    const char *name;
    int table;       /* enum prt_table; 0 for device-wide groups */
    int device_wide; /* fields are offsets in struct prt_device, index 0 */
    size_t arr_off;  /* offset of the row array pointer in struct prt_device */
    size_t n_off;    /* offset of its size_t row count */
    size_t row_size;
    const struct field *fields;
    size_t n_fields;
};

#define I32MAX INT32_MAX
#define FI(t, k, col, f, lo, hi, e, fl)                                                            \
    {                                                                                              \
        k, col, K_I32, offsetof(t, f), sizeof(((t *)0)->f), lo, hi, e, fl, 0                       \
    }
#define FL(t, k, col, f, maxf)                                                                     \
    {                                                                                              \
        k, col, K_I32, offsetof(t, f), sizeof(((t *)0)->f), -3, I32MAX, NULL, F_LIVE | F_LEVEL,    \
            offsetof(t, maxf)                                                                      \
    }
#define FU(t, k, col, f, fl)                                                                       \
    {                                                                                              \
        k, col, K_U32, offsetof(t, f), sizeof(((t *)0)->f), 0, 0, NULL, fl, 0                      \
    }
#define FQ(t, k, col, f, fl)                                                                       \
    {                                                                                              \
        k, col, K_U64, offsetof(t, f), sizeof(((t *)0)->f), 0, 0, NULL, fl, 0                      \
    }
#define FB(t, k, col, f, fl)                                                                       \
    {                                                                                              \
        k, col, K_BOOL, offsetof(t, f), sizeof(((t *)0)->f), 0, 1, NULL, fl, 0                     \
    }
#define FS(t, k, col, f, fl)                                                                       \
    {                                                                                              \
        k, col, K_STR, offsetof(t, f), sizeof(((t *)0)->f), 0, 0, NULL, fl, 0                      \
    }

#define D struct prt_device
static const struct field general_fields[] = {
    FU(D, "config_changes", 1, general.config_changes, F_LIVE | F_LAST),
    FI(D, "current_localization", 2, general.current_localization, 1, 65535, NULL, 0),
    FS(D, "current_operator", 4, general.current_operator, 0),
    FS(D, "service_person", 5, general.service_person, 0),
    FI(D, "input_default_index", 6, general.input_default_index, 1, 65535, NULL, 0),
    FI(D, "output_default_index", 7, general.output_default_index, 1, 65535, NULL, 0),
    FI(D, "marker_default_index", 8, general.marker_default_index, 1, 65535, NULL, 0),
    FI(D, "media_path_default_index", 9, general.media_path_default_index, 1, 65535, NULL, 0),
    FI(D, "console_localization", 10, general.console_localization, 1, 65535, NULL, 0),
    FI(D, "console_disable", 13, general.console_disable, 0, I32MAX, &prt_tc_PrtConsoleDisableTC,
       0),
    FI(D, "startup_page", 14, general.startup_page, 0, I32MAX, &prt_tc_PresentOnOff, 0),
    FI(D, "banner_page", 15, general.banner_page, 0, I32MAX, &prt_tc_PresentOnOff, 0),
    FS(D, "printer_name", 16, general.printer_name, 0),
    FS(D, "serial_number", 17, general.serial_number, 0),
    FU(D, "alert_critical_events", 18, general.alert_critical_events, F_LIVE),
    FU(D, "alert_all_events", 19, general.alert_all_events, F_LIVE),
};

static const struct field device_fields[] = {
    FU(D, "hr_device_errors", 0, hr_device_errors, F_LIVE),
    FI(D, "next_alert_index", 0, next_alert_index, 0, I32MAX, NULL, F_LIVE),
    FQ(D, "alert_seq", 0, alert_seq, F_LIVE),
    /* after the SETs: a replayed prtConsoleDisplayBufferText SET marks the
     * text as set from outside */
    FB(D, "console_text_from_feed", 0, console_text_from_feed, F_LIVE | F_LAST),
};

static const struct field cond_fields[] = {
    FI(D, "engine", 0, cond.engine, PRT_ENGINE_IDLE, PRT_ENGINE_UNKNOWN, NULL, F_LIVE),
    FB(D, "service_requested", 0, cond.service_requested, F_LIVE),
    FB(D, "overdue_maintenance", 0, cond.overdue_maintenance, F_LIVE),
    FB(D, "operator_intervention", 0, cond.operator_intervention, F_LIVE),
};

static const struct field billing_fields[] = {
    FQ(D, "mono.small.simplex", 0, billing[PRT_BILL_MONO][PRT_BILL_SMALL][PRT_BILL_SIMPLEX],
       F_LIVE),
    FQ(D, "mono.small.duplex", 0, billing[PRT_BILL_MONO][PRT_BILL_SMALL][PRT_BILL_DUPLEX], F_LIVE),
    FQ(D, "mono.large.simplex", 0, billing[PRT_BILL_MONO][PRT_BILL_LARGE][PRT_BILL_SIMPLEX],
       F_LIVE),
    FQ(D, "mono.large.duplex", 0, billing[PRT_BILL_MONO][PRT_BILL_LARGE][PRT_BILL_DUPLEX], F_LIVE),
    FQ(D, "color.small.simplex", 0, billing[PRT_BILL_COLOR][PRT_BILL_SMALL][PRT_BILL_SIMPLEX],
       F_LIVE),
    FQ(D, "color.small.duplex", 0, billing[PRT_BILL_COLOR][PRT_BILL_SMALL][PRT_BILL_DUPLEX],
       F_LIVE),
    FQ(D, "color.large.simplex", 0, billing[PRT_BILL_COLOR][PRT_BILL_LARGE][PRT_BILL_SIMPLEX],
       F_LIVE),
    FQ(D, "color.large.duplex", 0, billing[PRT_BILL_COLOR][PRT_BILL_LARGE][PRT_BILL_DUPLEX],
       F_LIVE),
};
#undef D

#define R struct prt_cover
static const struct field cover_fields[] = {
    FI(R, "status", 3, status, 0, I32MAX, &prt_tc_PrtCoverStatusTC, F_LIVE),
};
#undef R

#define R struct prt_input
static const struct field input_fields[] = {
    FI(R, "dim_feed_declared", 4, dim_feed_declared, -2, I32MAX, NULL, 0),
    FI(R, "dim_xfeed_declared", 5, dim_xfeed_declared, -2, I32MAX, NULL, 0),
    FI(R, "dim_feed_chosen", 6, dim_feed_chosen, -2, I32MAX, NULL, 0),
    FI(R, "dim_xfeed_chosen", 7, dim_xfeed_chosen, -2, I32MAX, NULL, 0),
    FI(R, "max_capacity", 9, max_capacity, -2, I32MAX, NULL, 0),
    FL(R, "current_level", 10, current_level, max_capacity),
    FS(R, "media_name", 12, media_name, 0),
    FS(R, "name", 13, name, 0),
    FI(R, "security", 19, security, 0, I32MAX, &prt_tc_PresentOnOff, 0),
    FI(R, "media_weight", 20, media_weight, -2, I32MAX, NULL, 0),
    FS(R, "media_type", 21, media_type, 0),
    FS(R, "media_color", 22, media_color, 0),
    FI(R, "media_form_parts", 23, media_form_parts, -2, I32MAX, NULL, 0),
    FI(R, "media_load_timeout", 24, media_load_timeout, -2, I32MAX, NULL, 0),
    FI(R, "next_index", 25, next_index, -3, I32MAX, NULL, 0),
    FB(R, "missing", 0, missing, F_LIVE),
};
#undef R

#define R struct prt_output
static const struct field output_fields[] = {
    FI(R, "max_capacity", 4, max_capacity, -2, I32MAX, NULL, 0),
    FL(R, "remaining_capacity", 5, remaining_capacity, max_capacity),
    FS(R, "name", 7, name, 0),
    FI(R, "security", 13, security, 0, I32MAX, &prt_tc_PresentOnOff, 0),
    FI(R, "max_dim_feed", 15, max_dim_feed, -2, I32MAX, NULL, 0),
    FI(R, "max_dim_xfeed", 16, max_dim_xfeed, -2, I32MAX, NULL, 0),
    FI(R, "min_dim_feed", 17, min_dim_feed, -2, I32MAX, NULL, 0),
    FI(R, "min_dim_xfeed", 18, min_dim_xfeed, -2, I32MAX, NULL, 0),
    FI(R, "stacking_order", 19, stacking_order, 0, I32MAX, &prt_tc_PrtOutputStackingOrderTC, 0),
    FI(R, "page_delivery_orientation", 20, page_delivery_orientation, 0, I32MAX,
       &prt_tc_PrtOutputPageDeliveryOrientationTC, 0),
    FI(R, "bursting", 21, bursting, 0, I32MAX, &prt_tc_PresentOnOff, 0),
    FI(R, "decollating", 22, decollating, 0, I32MAX, &prt_tc_PresentOnOff, 0),
    FI(R, "page_collated", 23, page_collated, 0, I32MAX, &prt_tc_PresentOnOff, 0),
    FI(R, "offset_stacking", 24, offset_stacking, 0, I32MAX, &prt_tc_PresentOnOff, 0),
    FB(R, "missing", 0, missing, F_LIVE),
    FB(R, "offline", 0, offline, F_LIVE),
    FB(R, "full_sensor", 0, full_sensor, F_LIVE),
};
#undef R

#define R struct prt_marker
static const struct field marker_fields[] = {
    FU(R, "life_count", 4, life_count, F_LIVE),
    FU(R, "power_on_count", 5, power_on_count, F_LIVE),
};
#undef R

#define R struct prt_supply
static const struct field supply_fields[] = {
    FI(R, "max_capacity", 8, max_capacity, -2, I32MAX, NULL, 0),
    FL(R, "level", 9, level, max_capacity),
    FB(R, "missing", 0, missing, F_LIVE),
};
#undef R

#define R struct prt_media_path
static const struct field media_path_fields[] = {
    FB(R, "jammed", 0, jammed, F_LIVE),
    FI(R, "jam_location", 0, jam_location, -2, I32MAX, NULL, F_LIVE),
};
#undef R

#define R struct prt_channel
static const struct field channel_fields[] = {
    FI(R, "current_job_cntl_lang_index", 4, current_job_cntl_lang_index, 0, 65535, NULL, 0),
    FI(R, "default_page_desc_lang_index", 5, default_page_desc_lang_index, 0, 65535, NULL, 0),
    FI(R, "state", 6, state, 0, I32MAX, &prt_tc_PrtChannelStateTC, 0),
    FI(R, "if_index", 7, if_index, 0, I32MAX, NULL, 0),
};
#undef R

#define R struct prt_interpreter
static const struct field interpreter_fields[] = {
    FI(R, "default_orientation", 7, default_orientation, 0, I32MAX, &prt_tc_PrtPrintOrientationTC,
       0),
    FI(R, "default_charset_in", 10, default_charset_in, 0, I32MAX, NULL, 0),
    FI(R, "default_charset_out", 11, default_charset_out, 0, I32MAX, NULL, 0),
};
#undef R

#define R struct prt_display_line
static const struct field display_fields[] = {
    FS(R, "text", 2, text, F_FEEDTEXT),
};
#undef R

#define R struct prt_light
static const struct field light_fields[] = {
    FI(R, "on_time", 2, on_time, 0, I32MAX, NULL, 0),
    FI(R, "off_time", 3, off_time, 0, I32MAX, NULL, 0),
};
#undef R

#define NF(a) (sizeof(a) / sizeof((a)[0]))
#define DEVTAB(name, tab, f)                                                                       \
    {                                                                                              \
        name, tab, 1, 0, 0, 0, f, NF(f)                                                            \
    }
#define ROWTAB(name, tab, arr, n, type, f)                                                         \
    {                                                                                              \
        name, tab, 0, offsetof(struct prt_device, arr), offsetof(struct prt_device, n),            \
            sizeof(type), f, NF(f)                                                                 \
    }

static const struct table tables[] = {
    DEVTAB("general", PRT_T_GENERAL, general_fields),
    DEVTAB("device", 0, device_fields),
    DEVTAB("cond", 0, cond_fields),
    DEVTAB("billing", 0, billing_fields),
    ROWTAB("cover", PRT_T_COVER, covers, n_covers, struct prt_cover, cover_fields),
    ROWTAB("input", PRT_T_INPUT, inputs, n_inputs, struct prt_input, input_fields),
    ROWTAB("output", PRT_T_OUTPUT, outputs, n_outputs, struct prt_output, output_fields),
    ROWTAB("marker", PRT_T_MARKER, markers, n_markers, struct prt_marker, marker_fields),
    ROWTAB("supply", PRT_T_SUPPLY, supplies, n_supplies, struct prt_supply, supply_fields),
    ROWTAB("media_path", PRT_T_MEDIA_PATH, media_paths, n_media_paths, struct prt_media_path,
           media_path_fields),
    ROWTAB("channel", PRT_T_CHANNEL, channels, n_channels, struct prt_channel, channel_fields),
    ROWTAB("interpreter", PRT_T_INTERPRETER, interpreters, n_interpreters, struct prt_interpreter,
           interpreter_fields),
    ROWTAB("display", PRT_T_DISPLAY, display, n_display, struct prt_display_line, display_fields),
    ROWTAB("light", PRT_T_LIGHT, lights, n_lights, struct prt_light, light_fields),
};

static void *tab_rows(const struct table *t, const struct prt_device *d)
{
    void *p;

    memcpy(&p, (const char *)d + t->arr_off, sizeof(p));
    return p;
}

static size_t tab_count(const struct table *t, const struct prt_device *d)
{
    size_t n;

    memcpy(&n, (const char *)d + t->n_off, sizeof(n));
    return n;
}

/* Row base for index (device-wide tables: the device itself, index 0). */
static char *tab_row(const struct table *t, const struct prt_device *d, int64_t index)
{
    char *rows;
    size_t n, lo, hi;

    if (t->device_wide)
        return index == 0 ? (char *)d : NULL;
    rows = tab_rows(t, d);
    n = tab_count(t, d);
    lo = 0;
    hi = n;
    while (lo < hi) { /* every row type starts with its int32_t index, sorted */
        size_t mid = lo + (hi - lo) / 2;
        int32_t k;

        memcpy(&k, rows + mid * t->row_size, sizeof(k));
        if (k == index)
            return rows + mid * t->row_size;
        if (k < index)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static int32_t get_i32(const char *base, size_t off)
{
    int32_t v;

    memcpy(&v, base + off, sizeof(v));
    return v;
}

/* Rows whose writable columns the rules drive: lights with a role
 * (prtConsoleOnTime/OffTime follow the device state), nothing to keep. */
static int row_derived(const struct table *t, const char *row)
{
    if (t->table == PRT_T_LIGHT) {
        int32_t role;
        memcpy(&role, row + offsetof(struct prt_light, role), sizeof(role));
        return role != PRT_LIGHT_NONE;
    }
    return 0;
}

/* Whether a field is written for this device. */
static int field_saved(const struct table *t, const struct field *f, const struct prt_device *d)
{
    if (f->flags & F_LIVE)
        return 1;
    if ((f->flags & F_FEEDTEXT) && d->console_text_from_feed)
        return 1;
    return f->column > 0 && t->table > 0 && prt_column_writable(t->table, f->column);
}

/* ---- writing ---- */

struct sbuf {
    char *p;
    size_t len, cap;
    int err;
    unsigned lines;
};

static void sb_grow(struct sbuf *b, size_t need)
{
    char *np;
    size_t ncap;

    if (b->err || b->len + need + 1 <= b->cap)
        return;
    ncap = b->cap ? b->cap : 4096;
    while (ncap < b->len + need + 1)
        ncap *= 2;
    np = realloc(b->p, ncap);
    if (np == NULL) {
        b->err = 1;
        return;
    }
    b->p = np;
    b->cap = ncap;
}

static void sb_printf(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_printf(struct sbuf *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->err = 1;
        return;
    }
    sb_grow(b, (size_t)n);
    if (b->err)
        return;
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

static void sb_quote(struct sbuf *b, const char *s, size_t len)
{
    size_t n = prt_state_quote(NULL, 0, s, len);

    sb_grow(b, n);
    if (b->err)
        return;
    prt_state_quote(b->p + b->len, b->cap - b->len, s, len);
    b->len += n;
}

static void sb_field(struct sbuf *b, const struct table *t, const struct field *f, const char *base,
                     int64_t index)
{
    sb_printf(b, "%s.%s %" PRId64 " ", t->name, f->key, index);
    switch (f->kind) {
    case K_I32:
        sb_printf(b, "%" PRId32, get_i32(base, f->off));
        break;
    case K_U32: {
        uint32_t v;

        memcpy(&v, base + f->off, sizeof(v));
        sb_printf(b, "%" PRIu32, v);
        break;
    }
    case K_U64: {
        uint64_t v;

        memcpy(&v, base + f->off, sizeof(v));
        sb_printf(b, "%" PRIu64, v);
        break;
    }
    case K_BOOL: {
        bool v;

        memcpy(&v, base + f->off, sizeof(v));
        sb_printf(b, "%s", v ? "yes" : "no");
        break;
    }
    case K_STR:
        sb_quote(b, base + f->off, strnlen(base + f->off, f->size - 1));
        break;
    }
    sb_printf(b, "\n");
    b->lines++;
}

int prt_state_format(const struct prt_device *d, char **out, size_t *outlen)
{
    struct sbuf b = {0};
    unsigned long crc;

    sb_printf(&b, "printdev-state %d\n", PRT_STATE_VERSION);
    sb_printf(&b, "device %" PRId32 " ", d->hr_index);
    sb_quote(&b, d->name, strnlen(d->name, sizeof(d->name) - 1));
    sb_printf(&b, "\n");
    b.lines = 2;
    for (size_t ti = 0; ti < NF(tables); ti++) {
        const struct table *t = &tables[ti];

        if (t->device_wide) {
            for (size_t fi = 0; fi < t->n_fields; fi++)
                if (field_saved(t, &t->fields[fi], d))
                    sb_field(&b, t, &t->fields[fi], (const char *)d, 0);
            continue;
        }
        const char *rows = tab_rows(t, d);
        size_t n = tab_count(t, d);
        for (size_t r = 0; r < n; r++) {
            const char *row = rows + r * t->row_size;
            if (row_derived(t, row))
                continue;
            for (size_t fi = 0; fi < t->n_fields; fi++)
                if (field_saved(t, &t->fields[fi], d))
                    sb_field(&b, t, &t->fields[fi], row, get_i32(row, 0));
        }
    }
    for (size_t i = 0; i < d->n_alerts; i++) {
        const struct prt_alert *a = &d->alerts[i];

        sb_printf(&b,
                  "alert %" PRId32 " %" PRId32 " %" PRId32 " %" PRId32 " %" PRId32 " %" PRId32
                  " %" PRId32 " %" PRIu32 " %" PRIu64 " %" PRIu64 " ",
                  a->index, a->severity, a->training, a->group, a->group_index, a->location,
                  a->code, a->time, a->key, a->seq);
        sb_quote(&b, a->description, strnlen(a->description, sizeof(a->description) - 1));
        sb_printf(&b, "\n");
        b.lines++;
    }
    if (b.err) {
        free(b.p);
        return -PRT_ENOMEM;
    }
    crc = prt_state_crc32(0, b.p, b.len);
    sb_printf(&b, "end %u %08lx\n", b.lines, crc);
    if (b.err) {
        free(b.p);
        return -PRT_ENOMEM;
    }
    *out = b.p;
    *outlen = b.len;
    return PRT_OK;
}

/* Device names become file names: keep them to a safe alphabet. */
static int name_ok(const char *name)
{
    if (name[0] == '\0' || name[0] == '.' || name[0] == '-')
        return 0;
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '.' || *p == '_' || *p == '-'))
            return 0;
    return 1;
}

static int write_all(int fd, const char *p, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, p, len);

        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

int prt_state_save(const struct prt_device *d, const char *dir)
{
    char path[PATH_MAX], tmp[PATH_MAX];
    char *buf = NULL;
    size_t len = 0;
    int fd, dfd, rc, saved;

    if (!name_ok(d->name))
        return -PRT_EINVAL;
    if ((size_t)snprintf(path, sizeof(path), "%s/%s.state", dir, d->name) >= sizeof(path) ||
        (size_t)snprintf(tmp, sizeof(tmp), "%s/%s.state.tmp", dir, d->name) >= sizeof(tmp))
        return -PRT_EINVAL;
    rc = prt_state_format(d, &buf, &len);
    if (rc < 0)
        return rc;
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        saved = errno;
        free(buf);
        errno = saved;
        return -PRT_EIO;
    }
    if (fchmod(fd, 0600) < 0 || write_all(fd, buf, len) < 0 || fsync(fd) < 0) {
        saved = errno;
        close(fd);
        unlink(tmp);
        free(buf);
        errno = saved;
        return -PRT_EIO;
    }
    free(buf);
    if (close(fd) < 0 || rename(tmp, path) < 0) {
        saved = errno;
        unlink(tmp);
        errno = saved;
        return -PRT_EIO;
    }
    /* Make the rename itself durable. */
    dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0)
        return -PRT_EIO;
    rc = fsync(dfd);
    saved = errno;
    close(dfd);
    errno = saved;
    return rc < 0 ? -PRT_EIO : PRT_OK;
}

/* ---- reading ---- */

#define LINE_MAX_LEN 8192

struct deferred {
    unsigned line;
    const struct table *t;
    const struct field *f;
    int64_t index;
    struct prt_value v;
    char str[256];
};

struct loadctx {
    const char *name;
    char *msg;
    size_t msglen;
    unsigned skipped;
    const struct table *skip_t; /* last row reported missing */
    int64_t skip_index;
    struct prt_device *copy; /* scratch device the file is applied to */
    struct prt_alert *alerts;
    size_t n_alerts, cap_alerts;
    struct deferred *deferred; /* SETs refused as inconsistent, retried at the end */
    size_t n_deferred, cap_deferred;
    struct {
        const struct field *f;
        int64_t v;
    } last[4]; /* F_LAST values, written after the replayed SETs */
    size_t n_last;
};

static int fail(struct loadctx *c, unsigned line, int err, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int fail(struct loadctx *c, unsigned line, int err, const char *fmt, ...)
{
    va_list ap;
    int n = 0;

    if (c->msg == NULL || c->msglen == 0)
        return err;
    if (line > 0)
        n = snprintf(c->msg, c->msglen, "%s:%u: ", c->name, line);
    else
        n = snprintf(c->msg, c->msglen, "%s: ", c->name);
    if (n < 0 || (size_t)n >= c->msglen)
        return err;
    va_start(ap, fmt);
    vsnprintf(c->msg + n, c->msglen - (size_t)n, fmt, ap);
    va_end(ap);
    return err;
}

/* Records a skipped entry; the message keeps as many as fit. */
static void skip(struct loadctx *c, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void skip(struct loadctx *c, unsigned line, const char *fmt, ...)
{
    va_list ap;
    size_t used;
    int n;

    c->skipped++;
    if (c->msg == NULL || c->msglen == 0)
        return;
    used = strlen(c->msg);
    if (used + 1 >= c->msglen)
        return;
    n = snprintf(c->msg + used, c->msglen - used, "%s%s:%u: ignored: ", used ? "; " : "", c->name,
                 line);
    if (n < 0 || used + (size_t)n >= c->msglen)
        return;
    used += (size_t)n;
    va_start(ap, fmt);
    vsnprintf(c->msg + used, c->msglen - used, fmt, ap);
    va_end(ap);
}

/* Reads a decimal integer token at *p (after one space). */
static int parse_int(const char **pp, int64_t *v, int is_unsigned)
{
    const char *p = *pp;
    char *end;

    if (*p != ' ')
        return -1;
    p++;
    if (!((*p >= '0' && *p <= '9') || (*p == '-' && !is_unsigned && p[1] >= '0' && p[1] <= '9')))
        return -1;
    errno = 0;
    if (is_unsigned) {
        unsigned long long u = strtoull(p, &end, 10);
        if (errno || u > (unsigned long long)INT64_MAX)
            return -1;
        *v = (int64_t)u;
    } else {
        long long s = strtoll(p, &end, 10);
        if (errno)
            return -1;
        *v = s;
    }
    if (*end != ' ' && *end != '\0')
        return -1;
    *pp = end;
    return 0;
}

static int parse_u64(const char **pp, uint64_t *v)
{
    const char *p = *pp;
    char *end;
    unsigned long long u;

    if (*p != ' ' || !(p[1] >= '0' && p[1] <= '9'))
        return -1;
    errno = 0;
    u = strtoull(p + 1, &end, 10);
    if (errno || (*end != ' ' && *end != '\0'))
        return -1;
    *v = u;
    *pp = end;
    return 0;
}

static const struct table *find_table(const char *key, size_t klen, const struct field **fo)
{
    for (size_t ti = 0; ti < NF(tables); ti++) {
        const struct table *t = &tables[ti];
        size_t tl = strlen(t->name);

        if (klen <= tl + 1 || strncmp(key, t->name, tl) != 0 || key[tl] != '.')
            continue;
        for (size_t fi = 0; fi < t->n_fields; fi++) {
            const char *fk = t->fields[fi].key;
            if (strlen(fk) == klen - tl - 1 && memcmp(fk, key + tl + 1, klen - tl - 1) == 0) {
                *fo = &t->fields[fi];
                return t;
            }
        }
    }
    return NULL;
}

static void store_num(char *base, const struct field *f, int64_t v)
{
    switch (f->kind) {
    case K_I32: {
        int32_t x = (int32_t)v;
        memcpy(base + f->off, &x, sizeof(x));
        break;
    }
    case K_U32: {
        uint32_t x = (uint32_t)v;
        memcpy(base + f->off, &x, sizeof(x));
        break;
    }
    case K_U64: {
        uint64_t x = (uint64_t)v;
        memcpy(base + f->off, &x, sizeof(x));
        break;
    }
    case K_BOOL: {
        bool x = v != 0;
        memcpy(base + f->off, &x, sizeof(x));
        break;
    }
    }
}

static int load_value_line(struct loadctx *c, unsigned line, const char *l, const char *sp)
{
    const struct field *f = NULL;
    const struct table *t = find_table(l, (size_t)(sp - l), &f);
    const char *p = sp;
    int64_t index, num = 0;
    uint64_t u64 = 0;
    char str[256];
    size_t slen = 0;
    char *row;
    int rc;

    if (t == NULL)
        return fail(c, line, -PRT_EINVAL, "unknown key \"%.*s\"", (int)(sp - l), l);
    if (parse_int(&p, &index, 0) < 0 || index < 0 || index > PRT_INDEX_MAX ||
        (t->device_wide && index != 0) || (!t->device_wide && index < 1))
        return fail(c, line, -PRT_EINVAL, "bad index for %s.%s", t->name, f->key);
    switch (f->kind) {
    case K_I32:
        if (parse_int(&p, &num, 0) < 0 || num < f->min || num > f->max)
            return fail(c, line, -PRT_EINVAL, "%s.%s: value out of range", t->name, f->key);
        if (f->en != NULL && prt_enum_name(f->en, (int)num) == NULL)
            return fail(c, line, -PRT_EINVAL, "%s.%s: %" PRId64 " is not a %s value", t->name,
                        f->key, num, f->en->tc);
        break;
    case K_U32:
        if (parse_int(&p, &num, 1) < 0 || num > UINT32_MAX)
            return fail(c, line, -PRT_EINVAL, "%s.%s: value out of range", t->name, f->key);
        break;
    case K_U64:
        if (parse_u64(&p, &u64) < 0)
            return fail(c, line, -PRT_EINVAL, "%s.%s: value out of range", t->name, f->key);
        break;
    case K_BOOL:
        if (strcmp(p, " yes") == 0)
            num = 1;
        else if (strcmp(p, " no") == 0)
            num = 0;
        else
            return fail(c, line, -PRT_EINVAL, "%s.%s: expected yes or no", t->name, f->key);
        p += strlen(p);
        break;
    case K_STR:
        if (*p != ' ')
            return fail(c, line, -PRT_EINVAL, "%s.%s: expected a quoted string", t->name, f->key);
        p++;
        rc = prt_state_unquote(&p, str, f->size < sizeof(str) ? f->size : sizeof(str), &slen);
        if (rc == -PRT_ETOOLONG)
            return fail(c, line, rc, "%s.%s: string longer than %zu octets", t->name, f->key,
                        f->size - 1);
        if (rc < 0)
            return fail(c, line, rc, "%s.%s: malformed string", t->name, f->key);
        break;
    }
    if (*p != '\0')
        return fail(c, line, -PRT_EINVAL, "%s.%s: trailing text", t->name, f->key);

    /* The line is well-formed; from here on problems are the profile's. */
    row = tab_row(t, c->copy, index);
    if (row == NULL) {
        /* once per row: the writer groups a row's lines together */
        if (c->skip_t != t || c->skip_index != index)
            skip(c, line, "%s %" PRId64 " is not in the profile", t->name, index);
        c->skip_t = t;
        c->skip_index = index;
        return PRT_OK;
    }
    if (row_derived(t, row))
        return PRT_OK; /* the rules set it (files from before the row got its role) */
    if (f->column > 0 && t->table > 0 && prt_column_writable(t->table, f->column) &&
        !(f->flags & F_LAST)) {
        struct prt_value v = {0}, old;
        char oldbuf[256];
        int32_t rowidx = t->device_wide ? c->copy->hr_index : (int32_t)index;

        if (f->kind == K_STR) {
            v.kind = PRT_V_STRING;
            v.s = str;
            v.len = slen;
        } else {
            v.kind = PRT_V_INT;
            v.i = (int32_t)num;
        }
        rc = prt_set_check(c->copy, t->table, rowidx, f->column, &v);
        if (rc == PRT_OK)
            rc = prt_set_apply(c->copy, t->table, rowidx, f->column, &v, &old, oldbuf,
                               sizeof(oldbuf));
        if (rc == -PRT_EINCONSISTENT) {
            /* may fit once the other saved values are in (level vs max):
             * try again after the last line */
            struct deferred *dl;

            if (c->n_deferred == c->cap_deferred) {
                size_t ncap = c->cap_deferred ? c->cap_deferred * 2 : 8;
                struct deferred *nd = realloc(c->deferred, ncap * sizeof(*nd));
                if (nd == NULL)
                    return fail(c, line, -PRT_ENOMEM, "out of memory");
                c->deferred = nd;
                c->cap_deferred = ncap;
            }
            dl = &c->deferred[c->n_deferred++];
            dl->line = line;
            dl->t = t;
            dl->f = f;
            dl->index = index;
            dl->v = v;
            if (f->kind == K_STR)
                memcpy(dl->str, str, slen + 1);
            return PRT_OK;
        }
        if (rc < 0)
            skip(c, line, "%s.%s %" PRId64 ": %s", t->name, f->key, index, prt_strerror(rc));
        return PRT_OK;
    }
    if (!(f->flags & (F_LIVE | F_FEEDTEXT))) {
        skip(c, line, "%s.%s is no longer writable", t->name, f->key);
        return PRT_OK;
    }
    if (f->flags & F_LEVEL) {
        int32_t max = get_i32(row, f->max_off);
        if (max >= 0 && num > max) {
            skip(c, line, "%s.%s %" PRId64 ": %" PRId64 " exceeds the capacity %" PRId32, t->name,
                 f->key, index, num, max);
            return PRT_OK;
        }
    }
    if (f->flags & F_LAST) {
        size_t i;

        for (i = 0; i < c->n_last && c->last[i].f != f; i++)
            ;
        if (i == sizeof(c->last) / sizeof(c->last[0]))
            return fail(c, line, -PRT_EINVAL, "internal error: too many deferred fields");
        c->last[i].f = f;
        c->last[i].v = num;
        if (i == c->n_last)
            c->n_last++;
        return PRT_OK;
    }
    if (f->kind == K_STR)
        memcpy(row + f->off, str, slen + 1);
    else if (f->kind == K_U64)
        memcpy(row + f->off, &u64, sizeof(u64));
    else
        store_num(row, f, num);
    return PRT_OK;
}

static int load_alert_line(struct loadctx *c, unsigned line, const char *p)
{
    struct prt_alert a;
    int64_t v[8];
    size_t slen;
    int rc;

    memset(&a, 0, sizeof(a));
    for (int i = 0; i < 8; i++)
        if (parse_int(&p, &v[i], i == 7) < 0)
            return fail(c, line, -PRT_EINVAL, "alert: malformed number in field %d", i + 1);
    if (parse_u64(&p, &a.key) < 0 || parse_u64(&p, &a.seq) < 0 || *p != ' ')
        return fail(c, line, -PRT_EINVAL, "alert: malformed key or sequence");
    p++;
    rc = prt_state_unquote(&p, a.description, sizeof(a.description), &slen);
    if (rc < 0)
        return fail(c, line, rc, "alert: malformed or too long description");
    if (*p != '\0')
        return fail(c, line, -PRT_EINVAL, "alert: trailing text");
    if (v[0] < 1 || v[0] > INT32_MAX)
        return fail(c, line, -PRT_EINVAL, "alert: index out of range");
    if (prt_enum_name(&prt_tc_PrtAlertSeverityLevelTC, (int)v[1]) == NULL || v[1] != (int)v[1])
        return fail(c, line, -PRT_EINVAL, "alert: bad severity");
    if (prt_enum_name(&prt_tc_PrtAlertTrainingLevelTC, (int)v[2]) == NULL || v[2] != (int)v[2])
        return fail(c, line, -PRT_EINVAL, "alert: bad training level");
    if (prt_enum_name(&prt_tc_PrtAlertGroupTC, (int)v[3]) == NULL || v[3] != (int)v[3])
        return fail(c, line, -PRT_EINVAL, "alert: bad group");
    if (v[4] < -1 || v[4] > INT32_MAX || v[5] < -2 || v[5] > INT32_MAX || v[6] < 1 ||
        v[6] > INT32_MAX || v[7] > UINT32_MAX)
        return fail(c, line, -PRT_EINVAL, "alert: value out of range");
    a.index = (int32_t)v[0];
    a.severity = (int32_t)v[1];
    a.training = (int32_t)v[2];
    a.group = (int32_t)v[3];
    a.group_index = (int32_t)v[4];
    a.location = (int32_t)v[5];
    a.code = (int32_t)v[6];
    a.time = (uint32_t)v[7];
    if (c->n_alerts >= PRT_MAX_ROWS)
        return fail(c, line, -PRT_ELIMIT, "alert: more than %d rows", PRT_MAX_ROWS);
    if (c->n_alerts == c->cap_alerts) {
        size_t ncap = c->cap_alerts ? c->cap_alerts * 2 : 16;
        struct prt_alert *na = realloc(c->alerts, ncap * sizeof(*na));
        if (na == NULL)
            return fail(c, line, -PRT_ENOMEM, "out of memory");
        c->alerts = na;
        c->cap_alerts = ncap;
    }
    /* The writer emits rows sorted by index; anything else is not ours. */
    if (c->n_alerts > 0 && c->alerts[c->n_alerts - 1].index >= a.index)
        return fail(c, line, -PRT_EINVAL, "alert: index %" PRId32 " out of order or duplicate",
                    a.index);
    c->alerts[c->n_alerts++] = a;
    return PRT_OK;
}

/* Scratch copy: the device struct plus private copies of the row arrays
 * the loader may write. */
static int copy_make(struct prt_device *copy, const struct prt_device *d)
{
    *copy = *d;
    for (size_t ti = 0; ti < NF(tables); ti++) {
        const struct table *t = &tables[ti];
        void *src, *dst = NULL;
        size_t n;

        if (t->device_wide)
            continue;
        src = tab_rows(t, d);
        n = tab_count(t, d);
        if (n > 0) {
            dst = malloc(n * t->row_size);
            if (dst == NULL) {
                for (size_t tj = 0; tj < ti; tj++) {
                    if (!tables[tj].device_wide && tab_count(&tables[tj], d) > 0)
                        free(tab_rows(&tables[tj], copy));
                }
                return -PRT_ENOMEM;
            }
            memcpy(dst, src, n * t->row_size);
        }
        memcpy((char *)copy + t->arr_off, &dst, sizeof(dst));
    }
    return PRT_OK;
}

static void copy_free(struct prt_device *copy)
{
    for (size_t ti = 0; ti < NF(tables); ti++)
        if (!tables[ti].device_wide)
            free(tab_rows(&tables[ti], copy));
}

/* Moves what the loader may have changed from the copy into d. */
static void copy_commit(struct prt_device *d, struct prt_device *copy, struct loadctx *c)
{
    for (size_t ti = 0; ti < NF(tables); ti++) {
        const struct table *t = &tables[ti];

        if (t->device_wide) {
            for (size_t fi = 0; fi < t->n_fields; fi++)
                memcpy((char *)d + t->fields[fi].off, (char *)copy + t->fields[fi].off,
                       t->fields[fi].size);
            continue;
        }
        size_t n = tab_count(t, d);
        if (n > 0)
            memcpy(tab_rows(t, d), tab_rows(t, copy), n * t->row_size);
    }
    /* SETs may have touched other general columns (e.g. chosen = declared). */
    d->general = copy->general;
    for (size_t i = 0; i < c->n_last; i++)
        store_num((char *)d, c->last[i].f, c->last[i].v);
    free(d->alerts);
    d->alerts = c->alerts;
    d->n_alerts = c->n_alerts;
    c->alerts = NULL;
    d->generation++;
}

/* Replays the deferred SETs until no more of them fit; reports the rest. */
static void retry_deferred(struct loadctx *c)
{
    bool progress = true;

    while (progress && c->n_deferred > 0) {
        progress = false;
        for (size_t i = 0; i < c->n_deferred;) {
            struct deferred *dl = &c->deferred[i];
            int32_t rowidx = dl->t->device_wide ? c->copy->hr_index : (int32_t)dl->index;
            struct prt_value old;
            char oldbuf[256];
            int rc;

            if (dl->v.kind == PRT_V_STRING)
                dl->v.s = dl->str;
            rc = prt_set_check(c->copy, dl->t->table, rowidx, dl->f->column, &dl->v);
            if (rc == PRT_OK)
                rc = prt_set_apply(c->copy, dl->t->table, rowidx, dl->f->column, &dl->v, &old,
                                   oldbuf, sizeof(oldbuf));
            if (rc == -PRT_EINCONSISTENT) {
                i++;
                continue;
            }
            if (rc < 0)
                skip(c, dl->line, "%s.%s %" PRId64 ": %s", dl->t->name, dl->f->key, dl->index,
                     prt_strerror(rc));
            c->deferred[i] = c->deferred[--c->n_deferred];
            progress = true;
        }
    }
    for (size_t i = 0; i < c->n_deferred; i++)
        skip(c, c->deferred[i].line, "%s.%s %" PRId64 ": %s", c->deferred[i].t->name,
             c->deferred[i].f->key, c->deferred[i].index, prt_strerror(-PRT_EINCONSISTENT));
    c->n_deferred = 0;
}

int prt_state_load_buffer(struct prt_device *d, const char *name, const char *buf, size_t len,
                          char *msg, size_t msglen)
{
    struct loadctx c;
    struct prt_device copy;
    const char *body_end, *p, *end;
    unsigned nlines = 0, want_lines;
    unsigned long crc, want_crc;
    char line[LINE_MAX_LEN];
    char tail[64];
    int rc = PRT_OK, consumed = 0;

    memset(&c, 0, sizeof(c));
    c.name = name;
    c.msg = msg;
    c.msglen = msglen;
    if (msg != NULL && msglen > 0)
        msg[0] = '\0';

    if (len > PRT_STATE_MAX_FILE)
        return fail(&c, 0, -PRT_EINVAL, "file larger than %u octets", PRT_STATE_MAX_FILE);
    if (len == 0)
        return fail(&c, 1, -PRT_EINVAL, "empty state file");
    if (memchr(buf, '\0', len) != NULL)
        return fail(&c, 0, -PRT_EINVAL, "NUL octet in state file");
    for (size_t i = 0; i < len; i++)
        if (buf[i] == '\n')
            nlines++;
    if (buf[len - 1] != '\n')
        return fail(&c, nlines + 1, -PRT_EINVAL,
                    "truncated state file (last line incomplete, no end line)");
    /* The trailer is the last line. */
    body_end = buf + len - 1;
    while (body_end > buf && body_end[-1] != '\n')
        body_end--;
    {
        size_t tl = (size_t)(buf + len - 1 - body_end);
        if (tl >= sizeof(tail) || tl == 0)
            return fail(&c, nlines, -PRT_EINVAL, "truncated or damaged state file (no end line)");
        memcpy(tail, body_end, tl);
        tail[tl] = '\0';
    }
    {
        char x[2];
        if (sscanf(tail, "end %u %8lx%1s", &want_lines, &want_crc, x) != 2 ||
            strncmp(tail, "end ", 4) != 0)
            return fail(&c, nlines, -PRT_EINVAL, "truncated or damaged state file (no end line)");
    }
    if (want_lines != nlines - 1)
        return fail(&c, nlines, -PRT_EINVAL, "end line counts %u lines, file has %u", want_lines,
                    nlines - 1);
    crc = prt_state_crc32(0, buf, (size_t)(body_end - buf));
    if (crc != want_crc)
        return fail(&c, nlines, -PRT_EINVAL,
                    "checksum mismatch (file damaged or edited): %08lx, expected %08lx", crc,
                    want_crc);

    rc = copy_make(&copy, d);
    if (rc < 0)
        return fail(&c, 0, rc, "out of memory");
    c.copy = &copy;
    p = buf;
    for (unsigned ln = 1; p < body_end; ln++, p = end + 1) {
        size_t ll;
        const char *sp;

        end = memchr(p, '\n', (size_t)(body_end - p));
        ll = (size_t)(end - p);
        if (ll >= sizeof(line)) {
            rc = fail(&c, ln, -PRT_EINVAL, "line longer than %d octets", LINE_MAX_LEN - 1);
            break;
        }
        memcpy(line, p, ll);
        line[ll] = '\0';
        if (ln == 1) {
            int ver;
            char x[2];

            if (sscanf(line, "printdev-state %d%1s", &ver, x) != 1 ||
                strncmp(line, "printdev-state ", 15) != 0) {
                rc = fail(&c, ln, -PRT_EINVAL, "not a printdev state file");
                break;
            }
            if (ver != PRT_STATE_VERSION) {
                rc = fail(&c, ln, -PRT_EINVAL, "unsupported state file version %d (this is %d)",
                          ver, PRT_STATE_VERSION);
                break;
            }
            continue;
        }
        if (line[0] == '#')
            continue;
        sp = strchr(line, ' ');
        if (sp == NULL || sp == line) {
            rc = fail(&c, ln, -PRT_EINVAL, "malformed line");
            break;
        }
        if (ln == 2) {
            const char *q = sp;
            int64_t idx;
            char nm[sizeof(d->name)];
            size_t nl;

            if ((size_t)(sp - line) != 6 || strncmp(line, "device", 6) != 0 ||
                parse_int(&q, &idx, 0) < 0 || *q != ' ') {
                rc = fail(&c, ln, -PRT_EINVAL, "expected the device line");
                break;
            }
            q++;
            if (prt_state_unquote(&q, nm, sizeof(nm), &nl) < 0 || *q != '\0') {
                rc = fail(&c, ln, -PRT_EINVAL, "malformed device name");
                break;
            }
            if (strcmp(nm, d->name) != 0) {
                rc = fail(&c, ln, -PRT_EINVAL, "state file belongs to device \"%s\", not \"%s\"",
                          nm, d->name);
                break;
            }
            if (idx != d->hr_index)
                skip(&c, ln,
                     "the hrDeviceIndex it was saved for (%" PRId64 "); the device is now %" PRId32,
                     idx, d->hr_index);
            consumed = 1;
            continue;
        }
        if (!consumed) {
            rc = fail(&c, ln, -PRT_EINVAL, "expected the device line");
            break;
        }
        if ((size_t)(sp - line) == 5 && strncmp(line, "alert", 5) == 0)
            rc = load_alert_line(&c, ln, sp);
        else
            rc = load_value_line(&c, ln, line, sp);
        if (rc < 0)
            break;
    }
    if (rc == PRT_OK && !consumed)
        rc = fail(&c, 2, -PRT_EINVAL, "expected the device line");
    if (rc == PRT_OK)
        retry_deferred(&c);
    free(c.deferred);
    if (rc < 0) {
        copy_free(&copy);
        free(c.alerts);
        return rc;
    }
    copy_commit(d, &copy, &c);
    copy_free(&copy);
    return PRT_OK;
}

int prt_state_matches(const struct prt_device *d, const char *dir)
{
    char path[PATH_MAX];
    char *want = NULL, *have;
    size_t wlen = 0, got = 0;
    struct stat st;
    int fd, same = 0;

    if (!name_ok(d->name) ||
        (size_t)snprintf(path, sizeof(path), "%s/%s.state", dir, d->name) >= sizeof(path) ||
        prt_state_format(d, &want, &wlen) != PRT_OK)
        return 0;
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size == wlen &&
        (have = malloc(wlen + 1)) != NULL) {
        while (got < wlen) {
            ssize_t r = read(fd, have + got, wlen - got);
            if (r < 0 && errno == EINTR)
                continue;
            if (r <= 0)
                break;
            got += (size_t)r;
        }
        same = got == wlen && memcmp(have, want, wlen) == 0;
        free(have);
    }
    if (fd >= 0)
        close(fd);
    free(want);
    return same;
}

/* Owners a state file may have besides root and the effective user. */
static uid_t trusted_uid = (uid_t)-1;

void prt_state_trust_uid(uid_t uid)
{
    trusted_uid = uid;
}

int prt_state_load(struct prt_device *d, const char *dir, char *msg, size_t msglen)
{
    char path[PATH_MAX];
    struct stat st;
    char *buf;
    size_t got = 0;
    int fd, rc;

    if (msg != NULL && msglen > 0)
        msg[0] = '\0';
    if (!name_ok(d->name) ||
        (size_t)snprintf(path, sizeof(path), "%s/%s.state", dir, d->name) >= sizeof(path)) {
        if (msg != NULL && msglen > 0)
            snprintf(msg, msglen, "device name \"%s\" cannot name a state file", d->name);
        return -PRT_EINVAL;
    }
    /* never through a symbolic link (O_NOFOLLOW: ELOOP), never blocking on
     * a FIFO put in its place (O_NONBLOCK, then S_ISREG) */
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0) {
        int e = errno;
        if (msg != NULL && msglen > 0) {
            if (e == ELOOP)
                snprintf(msg, msglen, "%s: is a symbolic link; refused", path);
            else
                snprintf(msg, msglen, "%s: %s", path, strerror(e));
        }
        return e == ENOENT ? -PRT_ENOENT : -PRT_EIO;
    }
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        if (msg != NULL && msglen > 0)
            snprintf(msg, msglen, "%s: not a regular file", path);
        return -PRT_EIO;
    }
    if (st.st_uid != 0 && st.st_uid != geteuid() && st.st_uid != trusted_uid) {
        close(fd);
        if (msg != NULL && msglen > 0)
            snprintf(msg, msglen, "%s: owned by uid %lu, not by the agent's user or root; refused",
                     path, (unsigned long)st.st_uid);
        return -PRT_EIO;
    }
    if ((uintmax_t)st.st_size > PRT_STATE_MAX_FILE) {
        close(fd);
        if (msg != NULL && msglen > 0)
            snprintf(msg, msglen, "%s: file larger than %u octets", path, PRT_STATE_MAX_FILE);
        return -PRT_EINVAL;
    }
    buf = malloc((size_t)st.st_size + 1);
    if (buf == NULL) {
        close(fd);
        return -PRT_ENOMEM;
    }
    while (got < (size_t)st.st_size) {
        ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    rc = prt_state_load_buffer(d, path, buf, got, msg, msglen);
    free(buf);
    return rc;
}

int prt_state_keep_bad(const struct prt_device *d, const char *dir, char *kept, size_t keptlen)
{
    char path[PATH_MAX], bad[PATH_MAX], stamp[32];
    time_t now = time(NULL);
    struct tm tm;

    if (kept != NULL && keptlen > 0)
        kept[0] = '\0';
    if (!name_ok(d->name) ||
        (size_t)snprintf(path, sizeof(path), "%s/%s.state", dir, d->name) >= sizeof(path) ||
        gmtime_r(&now, &tm) == NULL || strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%S", &tm) == 0)
        return -PRT_EINVAL;
    for (int n = 1; n <= 99; n++) {
        int w = n == 1 ? snprintf(bad, sizeof(bad), "%s.bad-%s", path, stamp)
                       : snprintf(bad, sizeof(bad), "%s.bad-%s-%d", path, stamp, n);
        if (w < 0 || (size_t)w >= sizeof(bad))
            return -PRT_EINVAL;
        /* link + unlink never replaces an earlier copy (a symbolic link is
         * linked as such); where hard links to another user's file are not
         * allowed (fs.protected_hardlinks), rename unless the name is taken */
        if (link(path, bad) == 0) {
            if (unlink(path) < 0) {
                int e = errno;
                unlink(bad);
                errno = e;
                return -PRT_EIO;
            }
            if (kept != NULL && keptlen > 0)
                snprintf(kept, keptlen, "%s", bad);
            return PRT_OK;
        }
        if (errno == EPERM) {
            struct stat st;
            if (lstat(bad, &st) == 0)
                continue;
            if (rename(path, bad) == 0) {
                if (kept != NULL && keptlen > 0)
                    snprintf(kept, keptlen, "%s", bad);
                return PRT_OK;
            }
        }
        if (errno == ENOENT)
            return -PRT_ENOENT;
        if (errno != EEXIST)
            return -PRT_EIO;
    }
    errno = EEXIST;
    return -PRT_EIO;
}
