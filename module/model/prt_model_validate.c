/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_model_validate.c: prt_device_validate(), the checks of what the MIB
 * implies within and across a device's tables (default indexes naming real
 * rows, supplies naming real markers and colorants, enumerations and ranges
 * from the column catalogue (PRT_VALIDATE_COLS_<T>, generated), the mandatory groups of
 * prtMIB2Compliance being present, ...).
 *
 * Pure C + POSIX: no Net-SNMP headers.  The model as a whole is described
 * atop prt_model.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prt_column_fields.h"
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

/* A row's enumerated and ranged Integer32 columns (PRT_VALIDATE_COLS_<T>,
 * from the column catalogue): the field's offset and its catalogue column. */
struct vcol {
    size_t off;
    enum prt_cat_table t;
    unsigned col;
};
/* (the array size is negative unless the field is an int32_t) */
#define V(type, f, t, c)                                                                           \
    {                                                                                              \
        offsetof(type, f) + 0 * sizeof(char[sizeof(((type *)0)->f) == sizeof(int32_t) ? 1 : -1]),  \
            t, c                                                                                   \
    }

/* Each column of row holds an assigned value of its TC, or a value in its
 * MIB range. */
static int check_cols(const struct vcol *v, size_t n, const void *row, const char *what,
                      int32_t idx, char *msg, size_t msglen)
{
    for (size_t i = 0; i < n; i++) {
        const struct prt_column *c = prt_column_get(v[i].t, v[i].col);
        int32_t val;

        memcpy(&val, (const char *)row + v[i].off, sizeof(val));
        if (c->values != NULL) {
            if (prt_enum_name(c->values, val) == NULL)
                return fail(msg, msglen, -PRT_EINVAL, "%s %d: %s %d is not a valid %s", what,
                            (int)idx, c->name, (int)val, c->tc);
        } else if (c->ranged && (val < c->min || val > c->max)) {
            return fail(msg, msglen, -PRT_EINVAL, "%s %d: %s %d is out of range %lld..%lld", what,
                        (int)idx, c->name, (int)val, c->min, c->max);
        }
    }
    return PRT_OK;
}

#define CHECK_COLS(tab, row, what)                                                                 \
    do {                                                                                           \
        static const struct vcol v_[] = {PRT_VALIDATE_COLS_##tab};                                 \
        int rc_ =                                                                                  \
            check_cols(v_, sizeof(v_) / sizeof(v_[0]), (row), what, (row)->index, msg, msglen);    \
        if (rc_ != PRT_OK)                                                                         \
            return rc_;                                                                            \
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
        CHECK_COLS(COVER, &d->covers[i], "cover");
    for (i = 0; i < d->n_inputs; i++) {
        const struct prt_input *in = &d->inputs[i];
        CHECK_COLS(INPUT, in, "input");
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
        CHECK_COLS(OUTPUT, o, "output");
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
        CHECK_COLS(MARKER, mk, "marker");
        /* prtMarkerProcessColorants: "the values of this object and
         * prtMarkerSpotColorants cannot both be 0" (RFC 3805). */
        if (mk->process_colorants == 0 && mk->spot_colorants == 0)
            return fail(msg, msglen, -PRT_EINCONSISTENT,
                        "marker %d: process and spot colorants cannot both be 0", (int)mk->index);
    }
    for (i = 0; i < d->n_colorants; i++) {
        const struct prt_colorant *c = &d->colorants[i];
        CHECK_COLS(MARKER_COLORANT, c, "colorant");
        if (prt_marker_find(d, c->marker_index) == NULL)
            return fail(msg, msglen, -PRT_EINCONSISTENT, "colorant %d: marker %d does not exist",
                        (int)c->index, (int)c->marker_index);
    }
    for (i = 0; i < d->n_supplies; i++) {
        const struct prt_supply *s = &d->supplies[i];
        CHECK_COLS(MARKER_SUPPLIES, s, "supply");
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
        CHECK_COLS(MEDIA_PATH, p, "media path");
    }
    for (i = 0; i < d->n_interpreters; i++) {
        const struct prt_interpreter *it = &d->interpreters[i];
        CHECK_COLS(INTERPRETER, it, "interpreter");
        if (!prt_charset_valid(it->default_charset_in) ||
            !prt_charset_valid(it->default_charset_out))
            return fail(msg, msglen, -PRT_EINVAL, "interpreter %d: charset is not valid",
                        (int)it->index);
    }
    for (i = 0; i < d->n_channels; i++) {
        const struct prt_channel *c = &d->channels[i];
        CHECK_COLS(CHANNEL, c, "channel");
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
        CHECK_COLS(CONSOLE_LIGHT, l, "light");
        if (l->role < PRT_LIGHT_NONE || l->role > PRT_LIGHT_POWER)
            return fail(msg, msglen, -PRT_EINVAL, "light %d: unknown role %d", (int)l->index,
                        (int)l->role);
    }
    for (i = 0; i < d->n_ports; i++) {
        const struct prt_ppm_port *p = &d->ports[i];
        CHECK_COLS(PPM_PORT, p, "port");
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
