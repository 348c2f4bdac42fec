/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_state_fields.c: what a state file stores, as descriptors: for each
 * table (device-wide groups and row tables) its fields with their key,
 * MIB column, kind, range, enum and flags (live, feed text, restored last,
 * level against the row's capacity), and the helpers that reach a row and
 * decide whether a field is saved.  The writer (prt_state_format.c) and
 * the reader (prt_state_read.c) both follow these descriptors.
 *
 * The MIB columns' fields come from the column catalogue
 * (prt_column_fields.h, generated from tools/printdev-columns.tsv); each
 * table adds its own live fields after them.
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

#include "prt_column_fields.h"
#include "prt_state.h"
#include "prt_state_internal.h"

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
    PRT_STATE_FIELDS_GENERAL,
};

static const struct field device_fields[] = {
    PRT_STATE_FIELDS_HR_DEVICE,
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

static const struct field cover_fields[] = {
    PRT_STATE_FIELDS_COVER,
};

#define R struct prt_input
static const struct field input_fields[] = {
    PRT_STATE_FIELDS_INPUT,
    /* read-only columns: known keys, never written */
    FI(R, "dim_feed_chosen", 6, dim_feed_chosen, -2, I32MAX, NULL, 0),
    FI(R, "dim_xfeed_chosen", 7, dim_xfeed_chosen, -2, I32MAX, NULL, 0),
    FB(R, "missing", 0, missing, F_LIVE),
};
#undef R

#define R struct prt_output
static const struct field output_fields[] = {
    PRT_STATE_FIELDS_OUTPUT,
    FB(R, "missing", 0, missing, F_LIVE),
    FB(R, "offline", 0, offline, F_LIVE),
    FB(R, "full_sensor", 0, full_sensor, F_LIVE),
};
#undef R

static const struct field marker_fields[] = {
    PRT_STATE_FIELDS_MARKER,
};

#define R struct prt_supply
static const struct field supply_fields[] = {
    PRT_STATE_FIELDS_MARKER_SUPPLIES,
    FB(R, "missing", 0, missing, F_LIVE),
};
#undef R

#define R struct prt_media_path
static const struct field media_path_fields[] = {
    FB(R, "jammed", 0, jammed, F_LIVE),
    FI(R, "jam_location", 0, jam_location, -2, I32MAX, NULL, F_LIVE),
};
#undef R

static const struct field channel_fields[] = {
    PRT_STATE_FIELDS_CHANNEL,
};

static const struct field interpreter_fields[] = {
    PRT_STATE_FIELDS_INTERPRETER,
};

static const struct field display_fields[] = {
    PRT_STATE_FIELDS_CONSOLE_DISPLAY_BUFFER,
};

static const struct field light_fields[] = {
    PRT_STATE_FIELDS_CONSOLE_LIGHT,
};

#define DEVTAB(name, tab, f)                                                                       \
    {                                                                                              \
        name, tab, 1, 0, 0, 0, f, NF(f)                                                            \
    }
#define ROWTAB(name, tab, arr, n, type, f)                                                         \
    {                                                                                              \
        name, tab, 0, offsetof(struct prt_device, arr), offsetof(struct prt_device, n),            \
            sizeof(type), f, NF(f)                                                                 \
    }

const struct table state_tables[] = {
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

const size_t state_n_tables = NF(state_tables);

void *state_tab_rows(const struct table *t, const struct prt_device *d)
{
    void *p;

    memcpy(&p, (const char *)d + t->arr_off, sizeof(p));
    return p;
}

size_t state_tab_count(const struct table *t, const struct prt_device *d)
{
    size_t n;

    memcpy(&n, (const char *)d + t->n_off, sizeof(n));
    return n;
}

/* Row base for index (device-wide tables: the device itself, index 0). */
char *state_tab_row(const struct table *t, const struct prt_device *d, int64_t index)
{
    char *rows;
    size_t n, lo, hi;

    if (t->device_wide)
        return index == 0 ? (char *)d : NULL;
    rows = state_tab_rows(t, d);
    n = state_tab_count(t, d);
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

int32_t state_get_i32(const char *base, size_t off)
{
    int32_t v;

    memcpy(&v, base + off, sizeof(v));
    return v;
}

/* Rows whose writable columns the rules drive: lights with a role
 * (prtConsoleOnTime/OffTime follow the device state), nothing to keep. */
int state_row_derived(const struct table *t, const char *row)
{
    if (t->table == PRT_T_LIGHT) {
        int32_t role;
        memcpy(&role, row + offsetof(struct prt_light, role), sizeof(role));
        return role != PRT_LIGHT_NONE;
    }
    return 0;
}

/* Whether a field is written for this device. */
int state_field_saved(const struct table *t, const struct field *f, const struct prt_device *d)
{
    if (f->flags & F_LIVE)
        return 1;
    if ((f->flags & F_FEEDTEXT) && d->console_text_from_feed)
        return 1;
    return f->column > 0 && t->table > 0 && prt_column_writable(t->table, f->column);
}
