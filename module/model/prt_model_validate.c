/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_model_validate.c: prt_device_validate(), the checks of what the MIB
 * implies within and across a device's tables (default indexes naming real
 * rows, supplies naming real markers and colorants, enumerations and ranges
 * from the column catalogue, the mandatory groups of prtMIB2Compliance being
 * present, ...).
 *
 * Pure C + POSIX: no Net-SNMP headers.  The model as a whole is described
 * atop prt_model.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prt_columns.h"
#include "prt_model.h"
#include "prt_model_internal.h"

/* ---- validation ---- */

static int fail(char *msg, size_t msglen, int err, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int fail(char *msg, size_t msglen, int err, const char *fmt, ...)
{
    va_list ap;

    if (msg != NULL && msglen > 0) {
        va_start(ap, fmt);
        vsnprintf(msg, msglen, fmt, ap);
        va_end(ap);
    }
    return err;
}

/* Column facts come from the column catalogue (prt_columns.h): the column
 * of catalogue table PRT_CAT_<tab> named PRT_COL_<col>. */
#define COLUMN(tab, col) (&prt_catalogue[PRT_CAT_##tab].cols[PRT_COL_##col - 1])

/* An enumerated column holds one of its TC's assigned values. */
#define CHECK_ENUM(tab, col, val, what, idx)                                                       \
    do {                                                                                           \
        const struct prt_column *c_ = COLUMN(tab, col);                                            \
        if (prt_enum_name(c_->values, (val)) == NULL)                                              \
            return fail(msg, msglen, -PRT_EINVAL, "%s %d: %d is not a valid %s", what, (int)(idx), \
                        (int)(val), c_->tc);                                                       \
    } while (0)

/* An Integer32 column is not below the lower end of its MIB range
 * ((-2..2147483647) or (-3..2147483647) for sizes, levels, margins). */
#define CHECK_MIN(tab, col, val, what, idx, name)                                                  \
    do {                                                                                           \
        const struct prt_column *c_ = COLUMN(tab, col);                                            \
        if ((val) < c_->min)                                                                       \
            return fail(msg, msglen, -PRT_EINVAL, "%s %d: %s %d is below %d", what, (int)(idx),    \
                        name, (int)(val), (int)c_->min);                                           \
    } while (0)

static int validate_general(const struct prt_device *d, char *msg, size_t msglen)
{
    const struct prt_general *g = &d->general;

    if (prt_localization_find(d, g->current_localization) == NULL)
        return fail(msg, msglen, -PRT_EINCONSISTENT,
                    "current localization %d names no localization row",
                    (int)g->current_localization);
    if (prt_localization_find(d, g->console_localization) == NULL)
        return fail(msg, msglen, -PRT_EINCONSISTENT,
                    "console localization %d names no localization row",
                    (int)g->console_localization);
    if (prt_input_find(d, g->input_default_index) == NULL)
        return fail(msg, msglen, -PRT_EINCONSISTENT, "default input %d does not exist",
                    (int)g->input_default_index);
    if (prt_output_find(d, g->output_default_index) == NULL)
        return fail(msg, msglen, -PRT_EINCONSISTENT, "default output %d does not exist",
                    (int)g->output_default_index);
    if (prt_marker_find(d, g->marker_default_index) == NULL)
        return fail(msg, msglen, -PRT_EINCONSISTENT, "default marker %d does not exist",
                    (int)g->marker_default_index);
    if (prt_media_path_find(d, g->media_path_default_index) == NULL)
        return fail(msg, msglen, -PRT_EINCONSISTENT, "default media path %d does not exist",
                    (int)g->media_path_default_index);
    if (g->reset != PrtGeneralResetTC_notResetting)
        return fail(msg, msglen, -PRT_EINVAL, "prtGeneralReset must read notResetting(3)");
    if (g->console_display_lines < 0 || g->console_display_lines > PRT_INDEX_MAX ||
        g->console_display_chars < 0 || g->console_display_chars > PRT_INDEX_MAX)
        return fail(msg, msglen, -PRT_EINVAL, "console display size out of range 0..65535");
    if (prt_enum_name(&prt_tc_PrtConsoleDisableTC, g->console_disable) == NULL)
        return fail(msg, msglen, -PRT_EINVAL, "console disable %d is not a valid value",
                    (int)g->console_disable);
    if (prt_enum_name(&prt_tc_PresentOnOff, g->startup_page) == NULL ||
        prt_enum_name(&prt_tc_PresentOnOff, g->banner_page) == NULL)
        return fail(msg, msglen, -PRT_EINVAL, "startup/banner page is not a PresentOnOff value");
    return PRT_OK;
}

static int validate_rows(const struct prt_device *d, char *msg, size_t msglen)
{
    size_t i;

    for (i = 0; i < d->n_localizations; i++) {
        const struct prt_localization *l = &d->localizations[i];
        if (strlen(l->language) != 2 || strlen(l->country) != 2)
            return fail(msg, msglen, -PRT_EINVAL,
                        "localization %d: language and country must be 2 characters",
                        (int)l->index);
        if (!prt_charset_valid(l->charset))
            return fail(msg, msglen, -PRT_EINVAL, "localization %d: charset %d is not valid",
                        (int)l->index, (int)l->charset);
    }
    for (i = 0; i < d->n_covers; i++)
        CHECK_ENUM(COVER, COVER_STATUS, d->covers[i].status, "cover", d->covers[i].index);
    for (i = 0; i < d->n_inputs; i++) {
        const struct prt_input *in = &d->inputs[i];
        CHECK_ENUM(INPUT, INPUT_TYPE, in->type, "input", in->index);
        CHECK_ENUM(INPUT, INPUT_DIM_UNIT, in->dim_unit, "input", in->index);
        CHECK_ENUM(INPUT, INPUT_CAPACITY_UNIT, in->capacity_unit, "input", in->index);
        CHECK_ENUM(INPUT, INPUT_SECURITY, in->security, "input", in->index);
        CHECK_MIN(INPUT, INPUT_MAX_CAPACITY, in->max_capacity, "input", in->index, "max capacity");
        CHECK_MIN(INPUT, INPUT_CURRENT_LEVEL, in->current_level, "input", in->index, "level");
        CHECK_MIN(INPUT, INPUT_MEDIA_DIM_FEED_DIR_DECLARED, in->dim_feed_declared, "input",
                  in->index, "feed dimension");
        CHECK_MIN(INPUT, INPUT_MEDIA_DIM_X_FEED_DIR_DECLARED, in->dim_xfeed_declared, "input",
                  in->index, "cross-feed dimension");
        CHECK_MIN(INPUT, INPUT_MEDIA_DIM_FEED_DIR_CHOSEN, in->dim_feed_chosen, "input", in->index,
                  "chosen feed dimension");
        CHECK_MIN(INPUT, INPUT_MEDIA_DIM_X_FEED_DIR_CHOSEN, in->dim_xfeed_chosen, "input",
                  in->index, "chosen cross-feed dimension");
        CHECK_MIN(INPUT, INPUT_MEDIA_WEIGHT, in->media_weight, "input", in->index, "media weight");
        CHECK_MIN(INPUT, INPUT_MEDIA_FORM_PARTS, in->media_form_parts, "input", in->index,
                  "form parts");
        CHECK_MIN(INPUT, INPUT_MEDIA_LOAD_TIMEOUT, in->media_load_timeout, "input", in->index,
                  "load timeout");
        CHECK_MIN(INPUT, INPUT_NEXT_INDEX, in->next_index, "input", in->index, "next index");
        if (in->max_capacity >= 0 && in->current_level > in->max_capacity)
            return fail(msg, msglen, -PRT_EINCONSISTENT, "input %d: level %d exceeds max %d",
                        (int)in->index, (int)in->current_level, (int)in->max_capacity);
        if (in->next_index > 0 && prt_input_find(d, in->next_index) == NULL)
            return fail(msg, msglen, -PRT_EINCONSISTENT, "input %d: next input %d does not exist",
                        (int)in->index, (int)in->next_index);
        if (in->low_threshold < 0)
            return fail(msg, msglen, -PRT_EINVAL, "input %d: low threshold is negative",
                        (int)in->index);
    }
    for (i = 0; i < d->n_outputs; i++) {
        const struct prt_output *o = &d->outputs[i];
        CHECK_ENUM(OUTPUT, OUTPUT_TYPE, o->type, "output", o->index);
        CHECK_ENUM(OUTPUT, OUTPUT_CAPACITY_UNIT, o->capacity_unit, "output", o->index);
        CHECK_ENUM(OUTPUT, OUTPUT_SECURITY, o->security, "output", o->index);
        CHECK_ENUM(OUTPUT, OUTPUT_DIM_UNIT, o->dim_unit, "output", o->index);
        CHECK_ENUM(OUTPUT, OUTPUT_STACKING_ORDER, o->stacking_order, "output", o->index);
        CHECK_ENUM(OUTPUT, OUTPUT_PAGE_DELIVERY_ORIENTATION, o->page_delivery_orientation, "output",
                   o->index);
        CHECK_ENUM(OUTPUT, OUTPUT_BURSTING, o->bursting, "output", o->index);
        CHECK_ENUM(OUTPUT, OUTPUT_DECOLLATING, o->decollating, "output", o->index);
        CHECK_ENUM(OUTPUT, OUTPUT_PAGE_COLLATED, o->page_collated, "output", o->index);
        CHECK_ENUM(OUTPUT, OUTPUT_OFFSET_STACKING, o->offset_stacking, "output", o->index);
        CHECK_MIN(OUTPUT, OUTPUT_MAX_CAPACITY, o->max_capacity, "output", o->index, "max capacity");
        CHECK_MIN(OUTPUT, OUTPUT_REMAINING_CAPACITY, o->remaining_capacity, "output", o->index,
                  "remaining capacity");
        CHECK_MIN(OUTPUT, OUTPUT_MAX_DIM_FEED_DIR, o->max_dim_feed, "output", o->index,
                  "max feed dimension");
        CHECK_MIN(OUTPUT, OUTPUT_MAX_DIM_X_FEED_DIR, o->max_dim_xfeed, "output", o->index,
                  "max cross-feed dimension");
        CHECK_MIN(OUTPUT, OUTPUT_MIN_DIM_FEED_DIR, o->min_dim_feed, "output", o->index,
                  "min feed dimension");
        CHECK_MIN(OUTPUT, OUTPUT_MIN_DIM_X_FEED_DIR, o->min_dim_xfeed, "output", o->index,
                  "min cross-feed dimension");
        if (o->max_capacity >= 0 && o->remaining_capacity > o->max_capacity)
            return fail(msg, msglen, -PRT_EINCONSISTENT, "output %d: remaining %d exceeds max %d",
                        (int)o->index, (int)o->remaining_capacity, (int)o->max_capacity);
        if ((o->max_dim_feed >= 0 && o->min_dim_feed > o->max_dim_feed) ||
            (o->max_dim_xfeed >= 0 && o->min_dim_xfeed > o->max_dim_xfeed))
            return fail(msg, msglen, -PRT_EINCONSISTENT,
                        "output %d: minimum media size exceeds the maximum", (int)o->index);
        if (o->near_full_threshold < 0)
            return fail(msg, msglen, -PRT_EINVAL, "output %d: near-full threshold is negative",
                        (int)o->index);
    }
    for (i = 0; i < d->n_markers; i++) {
        const struct prt_marker *mk = &d->markers[i];
        CHECK_ENUM(MARKER, MARKER_MARK_TECH, mk->mark_tech, "marker", mk->index);
        CHECK_ENUM(MARKER, MARKER_COUNTER_UNIT, mk->counter_unit, "marker", mk->index);
        CHECK_ENUM(MARKER, MARKER_ADDRESSABILITY_UNIT, mk->addressability_unit, "marker",
                   mk->index);
        if (mk->process_colorants < 0 || mk->process_colorants > PRT_INDEX_MAX ||
            mk->spot_colorants < 0 || mk->spot_colorants > PRT_INDEX_MAX)
            return fail(msg, msglen, -PRT_EINVAL, "marker %d: colorant counts out of 0..65535",
                        (int)mk->index);
        /* prtMarkerProcessColorants: "the values of this object and
         * prtMarkerSpotColorants cannot both be 0" (RFC 3805). */
        if (mk->process_colorants == 0 && mk->spot_colorants == 0)
            return fail(msg, msglen, -PRT_EINCONSISTENT,
                        "marker %d: process and spot colorants cannot both be 0", (int)mk->index);
        CHECK_MIN(MARKER, MARKER_ADDRESSABILITY_FEED_DIR, mk->addressability_feed, "marker",
                  mk->index, "feed addressability");
        CHECK_MIN(MARKER, MARKER_ADDRESSABILITY_X_FEED_DIR, mk->addressability_xfeed, "marker",
                  mk->index, "cross-feed addressability");
        CHECK_MIN(MARKER, MARKER_NORTH_MARGIN, mk->north_margin, "marker", mk->index,
                  "north margin");
        CHECK_MIN(MARKER, MARKER_SOUTH_MARGIN, mk->south_margin, "marker", mk->index,
                  "south margin");
        CHECK_MIN(MARKER, MARKER_WEST_MARGIN, mk->west_margin, "marker", mk->index, "west margin");
        CHECK_MIN(MARKER, MARKER_EAST_MARGIN, mk->east_margin, "marker", mk->index, "east margin");
    }
    for (i = 0; i < d->n_colorants; i++) {
        const struct prt_colorant *c = &d->colorants[i];
        CHECK_ENUM(MARKER_COLORANT, MARKER_COLORANT_ROLE, c->role, "colorant", c->index);
        if (prt_marker_find(d, c->marker_index) == NULL)
            return fail(msg, msglen, -PRT_EINCONSISTENT, "colorant %d: marker %d does not exist",
                        (int)c->index, (int)c->marker_index);
        if (c->tonality < 2)
            return fail(msg, msglen, -PRT_EINVAL, "colorant %d: tonality %d is below 2",
                        (int)c->index, (int)c->tonality);
    }
    for (i = 0; i < d->n_supplies; i++) {
        const struct prt_supply *s = &d->supplies[i];
        CHECK_ENUM(MARKER_SUPPLIES, MARKER_SUPPLIES_CLASS, s->supply_class, "supply", s->index);
        CHECK_ENUM(MARKER_SUPPLIES, MARKER_SUPPLIES_TYPE, s->type, "supply", s->index);
        CHECK_ENUM(MARKER_SUPPLIES, MARKER_SUPPLIES_SUPPLY_UNIT, s->supply_unit, "supply",
                   s->index);
        CHECK_MIN(MARKER_SUPPLIES, MARKER_SUPPLIES_MAX_CAPACITY, s->max_capacity, "supply",
                  s->index, "max capacity");
        CHECK_MIN(MARKER_SUPPLIES, MARKER_SUPPLIES_LEVEL, s->level, "supply", s->index, "level");
        if (s->marker_index != 0 && prt_marker_find(d, s->marker_index) == NULL)
            return fail(msg, msglen, -PRT_EINCONSISTENT, "supply %d: marker %d does not exist",
                        (int)s->index, (int)s->marker_index);
        if (s->colorant_index != 0 && prt_colorant_find(d, s->colorant_index) == NULL)
            return fail(msg, msglen, -PRT_EINCONSISTENT, "supply %d: colorant %d does not exist",
                        (int)s->index, (int)s->colorant_index);
        if (s->max_capacity >= 0 && s->level > s->max_capacity)
            return fail(msg, msglen, -PRT_EINCONSISTENT, "supply %d: level %d exceeds max %d",
                        (int)s->index, (int)s->level, (int)s->max_capacity);
        if (s->finisher < 0 || (size_t)s->finisher > d->n_finisher_models)
            return fail(msg, msglen, -PRT_EINCONSISTENT,
                        "supply %d: finisher %d does not exist (%zu finisher models)",
                        (int)s->index, (int)s->finisher, d->n_finisher_models);
        if (s->low_percent < -1 || s->low_percent > 100)
            return fail(msg, msglen, -PRT_EINVAL, "supply %d: low threshold %d%% out of range",
                        (int)s->index, (int)s->low_percent);
    }
    for (i = 0; i < d->n_media_paths; i++) {
        const struct prt_media_path *p = &d->media_paths[i];
        CHECK_ENUM(MEDIA_PATH, MEDIA_PATH_MAX_SPEED_PRINT_UNIT, p->max_speed_unit, "media path",
                   p->index);
        CHECK_ENUM(MEDIA_PATH, MEDIA_PATH_MEDIA_SIZE_UNIT, p->media_size_unit, "media path",
                   p->index);
        CHECK_ENUM(MEDIA_PATH, MEDIA_PATH_TYPE, p->type, "media path", p->index);
        CHECK_MIN(MEDIA_PATH, MEDIA_PATH_MAX_SPEED, p->max_speed, "media path", p->index,
                  "max speed");
        CHECK_MIN(MEDIA_PATH, MEDIA_PATH_MAX_MEDIA_FEED_DIR, p->max_media_feed, "media path",
                  p->index, "max feed");
        CHECK_MIN(MEDIA_PATH, MEDIA_PATH_MAX_MEDIA_X_FEED_DIR, p->max_media_xfeed, "media path",
                  p->index, "max cross-feed");
        CHECK_MIN(MEDIA_PATH, MEDIA_PATH_MIN_MEDIA_FEED_DIR, p->min_media_feed, "media path",
                  p->index, "min feed");
        CHECK_MIN(MEDIA_PATH, MEDIA_PATH_MIN_MEDIA_X_FEED_DIR, p->min_media_xfeed, "media path",
                  p->index, "min cross-feed");
    }
    for (i = 0; i < d->n_interpreters; i++) {
        const struct prt_interpreter *it = &d->interpreters[i];
        CHECK_ENUM(INTERPRETER, INTERPRETER_LANG_FAMILY, it->lang_family, "interpreter", it->index);
        CHECK_ENUM(INTERPRETER, INTERPRETER_DEFAULT_ORIENTATION, it->default_orientation,
                   "interpreter", it->index);
        CHECK_ENUM(INTERPRETER, INTERPRETER_TWO_WAY, it->two_way, "interpreter", it->index);
        CHECK_MIN(INTERPRETER, INTERPRETER_FEED_ADDRESSABILITY, it->feed_addressability,
                  "interpreter", it->index, "feed addressability");
        CHECK_MIN(INTERPRETER, INTERPRETER_X_FEED_ADDRESSABILITY, it->xfeed_addressability,
                  "interpreter", it->index, "cross-feed addressability");
        if (!prt_charset_valid(it->default_charset_in) ||
            !prt_charset_valid(it->default_charset_out))
            return fail(msg, msglen, -PRT_EINVAL, "interpreter %d: charset is not valid",
                        (int)it->index);
    }
    for (i = 0; i < d->n_channels; i++) {
        const struct prt_channel *c = &d->channels[i];
        CHECK_ENUM(CHANNEL, CHANNEL_TYPE, c->type, "channel", c->index);
        CHECK_ENUM(CHANNEL, CHANNEL_STATE, c->state, "channel", c->index);
        if (c->if_index < 0)
            return fail(msg, msglen, -PRT_EINVAL, "channel %d: ifIndex is negative", (int)c->index);
        /* prtChannelCurrentJobCntlLangIndex / DefaultPageDescLangIndex:
         * "the value zero indicates that ... none" (RFC 3805), else a
         * prtInterpreterIndex. */
        if (c->current_job_cntl_lang_index != 0 &&
            prt_interpreter_find(d, c->current_job_cntl_lang_index) == NULL)
            return fail(msg, msglen, -PRT_EINCONSISTENT,
                        "channel %d: job control language interpreter %d does not exist",
                        (int)c->index, (int)c->current_job_cntl_lang_index);
        if (c->default_page_desc_lang_index != 0 &&
            prt_interpreter_find(d, c->default_page_desc_lang_index) == NULL)
            return fail(msg, msglen, -PRT_EINCONSISTENT,
                        "channel %d: page description language interpreter %d does not exist",
                        (int)c->index, (int)c->default_page_desc_lang_index);
    }
    for (i = 0; i < d->n_display; i++) {
        const struct prt_display_line *l = &d->display[i];
        if (d->general.console_display_lines > 0 && l->index > d->general.console_display_lines)
            return fail(msg, msglen, -PRT_EINCONSISTENT,
                        "display line %d exceeds the %d console display lines", (int)l->index,
                        (int)d->general.console_display_lines);
    }
    for (i = 0; i < d->n_lights; i++) {
        const struct prt_light *l = &d->lights[i];
        CHECK_ENUM(CONSOLE_LIGHT, CONSOLE_COLOR, l->color, "light", l->index);
        if (l->on_time < 0 || l->off_time < 0)
            return fail(msg, msglen, -PRT_EINVAL, "light %d: on/off time is negative",
                        (int)l->index);
        if (l->role < PRT_LIGHT_NONE || l->role > PRT_LIGHT_POWER)
            return fail(msg, msglen, -PRT_EINVAL, "light %d: unknown role %d", (int)l->index,
                        (int)l->role);
    }
    for (i = 0; i < d->n_ports; i++) {
        const struct prt_ppm_port *p = &d->ports[i];
        if (p->target_port < 0 || p->target_port > 65535)
            return fail(msg, msglen, -PRT_EINVAL, "port %d: target port %d out of 0..65535",
                        (int)p->index, (int)p->target_port);
        if (p->protocol_type < 0)
            return fail(msg, msglen, -PRT_EINVAL, "port %d: protocol type is negative",
                        (int)p->index);
        if (p->channel_index != 0 && prt_channel_find(d, p->channel_index) == NULL)
            return fail(msg, msglen, -PRT_EINCONSISTENT, "port %d: channel %d does not exist",
                        (int)p->index, (int)p->channel_index);
    }
    for (i = 0; i < d->n_storage_refs; i++) {
        const struct prt_storage_ref *s = &d->storage_refs[i];
        /* prtStorageRefIndex: the hrDeviceIndex of the printer using
         * that storage (RFC 3805, 43.5.2). */
        if (s->device_index != d->hr_index)
            return fail(msg, msglen, -PRT_EINCONSISTENT,
                        "storage ref %d.%d: device index %d is not this device (%d)",
                        (int)s->hr_storage_index, (int)s->seq, (int)s->device_index,
                        (int)d->hr_index);
    }
    return PRT_OK;
}

int prt_device_validate(const struct prt_device *d, char *msg, size_t msglen)
{
    int rc;

    if (msg != NULL && msglen > 0)
        msg[0] = '\0';
    if (d == NULL)
        return fail(msg, msglen, -PRT_EINVAL, "no device");
    if (!prt_model_index_ok(d->hr_index))
        return fail(msg, msglen, -PRT_EINVAL, "hrDeviceIndex %d out of range 1..65535",
                    (int)d->hr_index);
    if (d->name[0] == '\0')
        return fail(msg, msglen, -PRT_EINVAL, "device has no name");
    if (d->hr_device_id.len < 2 || d->hr_device_id.len > PRT_OID_MAX || d->hr_device_id.ids[0] > 2)
        return fail(msg, msglen, -PRT_EINVAL, "hrDeviceID is not a valid OID");
    if (d->n_finisher_models > sizeof(d->finisher_models) / sizeof(d->finisher_models[0]))
        return fail(msg, msglen, -PRT_ELIMIT, "too many finisher models");
    if (d->rules.alert_table_size < 1 || d->rules.alert_table_size > PRT_MAX_ROWS)
        return fail(msg, msglen, -PRT_EINVAL, "alert table size %d out of range 1..%d",
                    (int)d->rules.alert_table_size, PRT_MAX_ROWS);
    if (d->rules.toner_low_percent < 0 || d->rules.toner_low_percent > 100 ||
        d->rules.toner_empty_percent < 0 || d->rules.toner_empty_percent > 100 ||
        d->rules.input_low_percent < 0 || d->rules.input_low_percent > 100)
        return fail(msg, msglen, -PRT_EINVAL, "rules percentages must be 0..100");
    if (d->rules.toner_empty_percent > d->rules.toner_low_percent)
        return fail(msg, msglen, -PRT_EINCONSISTENT,
                    "toner empty threshold %d%% is above the low threshold %d%%",
                    (int)d->rules.toner_empty_percent, (int)d->rules.toner_low_percent);

    /* The MANDATORY-GROUPS of prtMIB2Compliance (RFC 3805): a printer has
     * at least one row in each of these tables. */
    if (d->n_localizations == 0)
        return fail(msg, msglen, -PRT_EINCONSISTENT, "no localization (mandatory)");
    if (d->n_inputs == 0)
        return fail(msg, msglen, -PRT_EINCONSISTENT, "no input (mandatory)");
    if (d->n_outputs == 0)
        return fail(msg, msglen, -PRT_EINCONSISTENT, "no output (mandatory)");
    if (d->n_markers == 0)
        return fail(msg, msglen, -PRT_EINCONSISTENT, "no marker (mandatory)");
    if (d->n_media_paths == 0)
        return fail(msg, msglen, -PRT_EINCONSISTENT, "no media path (mandatory)");
    if (d->n_channels == 0)
        return fail(msg, msglen, -PRT_EINCONSISTENT, "no channel (mandatory)");
    if (d->n_interpreters == 0)
        return fail(msg, msglen, -PRT_EINCONSISTENT, "no interpreter (mandatory)");

    rc = validate_rows(d, msg, msglen);
    if (rc != PRT_OK)
        return rc;
    return validate_general(d, msg, msglen);
}
