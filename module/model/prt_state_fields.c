/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_state_fields.c: what a state file stores, as descriptors: for each
 * table (device-wide groups and row tables) its fields with their key,
 * MIB column, kind, range, enum and flags (live, feed text, restored last,
 * level against the row's capacity), and the helpers that reach a row and
 * decide whether a field is saved.  The writer (prt_state_format.c) and
 * the reader (prt_state_read.c) both follow these descriptors.
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
