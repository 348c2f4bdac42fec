/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * feed_get.c: the feed protocol's reads: `get` records
 * ("<record> key=value ...") of devices, rows, alerts and billing
 * counters, and the event lines for `watch` clients.
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

enum feed_result fp_do_get(struct feed_session *s, const struct words *ws, struct feed_out *o)
{
    const struct word *w = ws->w;
    const struct prt_device *d;
    char sb[80];

    if (ws->n == 2 && fp_is(&w[1], "devices")) {
        for (size_t i = 0; i < s->m->n_devices; i++) {
            feed_out_printf(o, "device index=%" PRId32, s->m->devices[i]->hr_index);
            kq(o, "name", s->m->devices[i]->name);
            /* devices with an identity (printdevIdentity, device add) */
            if (s->m->devices[i]->identity[0] != '\0') {
                kq(o, "identity", s->m->devices[i]->identity);
                feed_out_printf(o, " added=%s", s->m->devices[i]->runtime ? "yes" : "no");
            }
            feed_out_printf(o, "\n");
        }
        feed_out_printf(o, "ok %zu device%s\n", s->m->n_devices, s->m->n_devices == 1 ? "" : "s");
        return FEED_R_OK;
    }
    if (ws->n < 2 || ws->n > 3)
        return fp_error(s, o,
                        "usage: get devices|device|all|billing|inputs|input N|outputs|output N|"
                        "supplies|supply N|markers|marker N|covers|cover N|paths|path N|"
                        "alerts|alert N|display");
    if (s->dev == 0)
        return fp_error(s, o, "no device selected (use: device NAME)");
    d = prt_model_find(s->m, s->dev);
    if (d == NULL)
        return fp_error(s, o, "the selected device no longer exists");
    if (ws->n == 2 && fp_is(&w[1], "device")) {
        put_device(o, d);
    } else if (ws->n == 2 && fp_is(&w[1], "billing")) {
        put_billing(o, d);
    } else if (ws->n == 2 && fp_is(&w[1], "all")) {
        put_device(o, d);
        for (size_t i = 0; i < sizeof(get_names) / sizeof(get_names[0]); i++)
            get_one(o, d, get_names[i].singular, true, 0);
        put_billing(o, d);
    } else {
        size_t i;
        int32_t row = 0;

        for (i = 0; i < sizeof(get_names) / sizeof(get_names[0]); i++) {
            if (ws->n == 2 && fp_is(&w[1], get_names[i].plural))
                break;
            if (ws->n == 3 && fp_is(&w[1], get_names[i].singular))
                break;
        }
        if (i == sizeof(get_names) / sizeof(get_names[0]))
            return fp_error(s, o, "cannot get \"%s\" (try help)", fp_show(&w[1], sb, sizeof(sb)));
        if (ws->n == 3 && !fp_to_i32(&w[2], &row))
            return fp_error(s, o, "index must be a number");
        if (!get_one(o, d, get_names[i].singular, ws->n == 2, row))
            return fp_error(s, o, "device %s has no %s %" PRId32, d->name, get_names[i].singular,
                            row);
    }
    feed_out_printf(o, "ok\n");
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
