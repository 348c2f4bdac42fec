/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_set.c: SET validation and application for every read-write object of
 * Printer-MIB v2 (RFC 3805).
 *
 * One descriptor per writable column (table, column, struct field, whether
 * it is a configuration object); the value's kind, SYNTAX range,
 * enumeration and SIZE come from the column catalogue (prt_columns.h,
 * generated from tools/printdev-columns.tsv), so they are written once.
 * The glue names an object by table + column and needs no per-object
 * code.  prt_set_check() never changes anything;
 * prt_set_apply() re-checks, saves the old value for UNDO and writes.
 * prtGeneralReset is an action, not a value: prt_set_apply() only checks
 * it and prt_set_action() runs it, once the whole request has passed.
 * prt_set_revert() puts an old value back without counting it.
 *
 * Check order follows RFC 3416 §4.2.5: a column that is never writable is
 * notWritable (-PRT_ERDONLY) whatever the value or row; then the value
 * itself (wrongValue -PRT_EINVAL, wrongLength -PRT_ETOOLONG); then the row
 * (noCreation -PRT_ENOENT: no Printer-MIB table allows row creation); then
 * the value against the rest of the device (inconsistentValue
 * -PRT_EINCONSISTENT: a default index naming no row, a level above the
 * maximum capacity, ...).
 *
 * prtGeneralConfigChanges (RFC 3805, prtGeneralTable): "a configuration
 * change is defined to be an action that results in a change to any MIB
 * object other than those that reflect status or level, or those that act
 * as counters or gauges".  So writing a configuration column bumps it when
 * the value really changes; writing a level (prtInputCurrentLevel,
 * prtOutputRemainingCapacity, prtMarkerSuppliesLevel), the console display
 * text or a light's on/off time (status), or prtGeneralReset (an action)
 * does not.
 *
 * Strings: the MIB SYNTAX is OCTET STRING, but the model stores C strings
 * and writes them to logs and state files, so NUL and other control
 * characters are refused (wrongValue) rather than stored half.
 *
 * Pure C, no Net-SNMP headers.
 */
#include <string.h>

#include "prt_columns.h"
#include "prt_model.h"

enum col_flags {
    F_CONFIG = 1, /* configuration object: bumps prtGeneralConfigChanges */
    F_RESET = 4   /* prtGeneralReset */
};

struct col_desc {
    int table;  /* enum prt_table */
    int column; /* PRT_COL_* */
    size_t off;
    size_t size; /* of the field (strings: buffer, SIZE + 1) */
    int flags;
};

#define C(t, c, type, f, fl)                                                                       \
    {                                                                                              \
        t, c, offsetof(type, f), sizeof(((type *)0)->f), fl                                        \
    }

/* The RW objects of RFC 3805's MIB module (MAX-ACCESS read-write). */
static const struct col_desc cols[] = {
    /* prtGeneralTable 43.5.1 */
    C(PRT_T_GENERAL, PRT_COL_GENERAL_CURRENT_LOCALIZATION, struct prt_general, current_localization,
      F_CONFIG),
    C(PRT_T_GENERAL, PRT_COL_GENERAL_RESET, struct prt_general, reset, F_RESET),
    C(PRT_T_GENERAL, PRT_COL_GENERAL_CURRENT_OPERATOR, struct prt_general, current_operator,
      F_CONFIG),
    C(PRT_T_GENERAL, PRT_COL_GENERAL_SERVICE_PERSON, struct prt_general, service_person, F_CONFIG),
    C(PRT_T_GENERAL, PRT_COL_INPUT_DEFAULT_INDEX, struct prt_general, input_default_index,
      F_CONFIG),
    C(PRT_T_GENERAL, PRT_COL_OUTPUT_DEFAULT_INDEX, struct prt_general, output_default_index,
      F_CONFIG),
    C(PRT_T_GENERAL, PRT_COL_MARKER_DEFAULT_INDEX, struct prt_general, marker_default_index,
      F_CONFIG),
    C(PRT_T_GENERAL, PRT_COL_MEDIA_PATH_DEFAULT_INDEX, struct prt_general, media_path_default_index,
      F_CONFIG),
    C(PRT_T_GENERAL, PRT_COL_CONSOLE_LOCALIZATION, struct prt_general, console_localization,
      F_CONFIG),
    C(PRT_T_GENERAL, PRT_COL_CONSOLE_DISABLE, struct prt_general, console_disable, F_CONFIG),
    C(PRT_T_GENERAL, PRT_COL_AUXILIARY_SHEET_STARTUP_PAGE, struct prt_general, startup_page,
      F_CONFIG),
    C(PRT_T_GENERAL, PRT_COL_AUXILIARY_SHEET_BANNER_PAGE, struct prt_general, banner_page,
      F_CONFIG),
    C(PRT_T_GENERAL, PRT_COL_GENERAL_PRINTER_NAME, struct prt_general, printer_name, F_CONFIG),
    C(PRT_T_GENERAL, PRT_COL_GENERAL_SERIAL_NUMBER, struct prt_general, serial_number, F_CONFIG),
    /* prtInputTable 43.8.2 */
    C(PRT_T_INPUT, PRT_COL_INPUT_MEDIA_DIM_FEED_DIR_DECLARED, struct prt_input, dim_feed_declared,
      F_CONFIG),
    C(PRT_T_INPUT, PRT_COL_INPUT_MEDIA_DIM_X_FEED_DIR_DECLARED, struct prt_input,
      dim_xfeed_declared, F_CONFIG),
    C(PRT_T_INPUT, PRT_COL_INPUT_MAX_CAPACITY, struct prt_input, max_capacity, F_CONFIG),
    C(PRT_T_INPUT, PRT_COL_INPUT_CURRENT_LEVEL, struct prt_input, current_level, 0),
    C(PRT_T_INPUT, PRT_COL_INPUT_MEDIA_NAME, struct prt_input, media_name, F_CONFIG),
    C(PRT_T_INPUT, PRT_COL_INPUT_NAME, struct prt_input, name, F_CONFIG),
    C(PRT_T_INPUT, PRT_COL_INPUT_SECURITY, struct prt_input, security, F_CONFIG),
    C(PRT_T_INPUT, PRT_COL_INPUT_MEDIA_WEIGHT, struct prt_input, media_weight, F_CONFIG),
    C(PRT_T_INPUT, PRT_COL_INPUT_MEDIA_TYPE, struct prt_input, media_type, F_CONFIG),
    C(PRT_T_INPUT, PRT_COL_INPUT_MEDIA_COLOR, struct prt_input, media_color, F_CONFIG),
    C(PRT_T_INPUT, PRT_COL_INPUT_MEDIA_FORM_PARTS, struct prt_input, media_form_parts, F_CONFIG),
    C(PRT_T_INPUT, PRT_COL_INPUT_MEDIA_LOAD_TIMEOUT, struct prt_input, media_load_timeout,
      F_CONFIG),
    C(PRT_T_INPUT, PRT_COL_INPUT_NEXT_INDEX, struct prt_input, next_index, F_CONFIG),
    /* prtOutputTable 43.9.2 */
    C(PRT_T_OUTPUT, PRT_COL_OUTPUT_MAX_CAPACITY, struct prt_output, max_capacity, F_CONFIG),
    C(PRT_T_OUTPUT, PRT_COL_OUTPUT_REMAINING_CAPACITY, struct prt_output, remaining_capacity, 0),
    C(PRT_T_OUTPUT, PRT_COL_OUTPUT_NAME, struct prt_output, name, F_CONFIG),
    C(PRT_T_OUTPUT, PRT_COL_OUTPUT_SECURITY, struct prt_output, security, F_CONFIG),
    C(PRT_T_OUTPUT, PRT_COL_OUTPUT_MAX_DIM_FEED_DIR, struct prt_output, max_dim_feed, F_CONFIG),
    C(PRT_T_OUTPUT, PRT_COL_OUTPUT_MAX_DIM_X_FEED_DIR, struct prt_output, max_dim_xfeed, F_CONFIG),
    C(PRT_T_OUTPUT, PRT_COL_OUTPUT_MIN_DIM_FEED_DIR, struct prt_output, min_dim_feed, F_CONFIG),
    C(PRT_T_OUTPUT, PRT_COL_OUTPUT_MIN_DIM_X_FEED_DIR, struct prt_output, min_dim_xfeed, F_CONFIG),
    C(PRT_T_OUTPUT, PRT_COL_OUTPUT_STACKING_ORDER, struct prt_output, stacking_order, F_CONFIG),
    C(PRT_T_OUTPUT, PRT_COL_OUTPUT_PAGE_DELIVERY_ORIENTATION, struct prt_output,
      page_delivery_orientation, F_CONFIG),
    C(PRT_T_OUTPUT, PRT_COL_OUTPUT_BURSTING, struct prt_output, bursting, F_CONFIG),
    C(PRT_T_OUTPUT, PRT_COL_OUTPUT_DECOLLATING, struct prt_output, decollating, F_CONFIG),
    C(PRT_T_OUTPUT, PRT_COL_OUTPUT_PAGE_COLLATED, struct prt_output, page_collated, F_CONFIG),
    C(PRT_T_OUTPUT, PRT_COL_OUTPUT_OFFSET_STACKING, struct prt_output, offset_stacking, F_CONFIG),
    /* prtMarkerSuppliesTable 43.11.1 */
    C(PRT_T_SUPPLY, PRT_COL_MARKER_SUPPLIES_MAX_CAPACITY, struct prt_supply, max_capacity,
      F_CONFIG),
    C(PRT_T_SUPPLY, PRT_COL_MARKER_SUPPLIES_LEVEL, struct prt_supply, level, 0),
    /* prtChannelTable 43.14.1 */
    C(PRT_T_CHANNEL, PRT_COL_CHANNEL_CURRENT_JOB_CNTL_LANG_INDEX, struct prt_channel,
      current_job_cntl_lang_index, F_CONFIG),
    C(PRT_T_CHANNEL, PRT_COL_CHANNEL_DEFAULT_PAGE_DESC_LANG_INDEX, struct prt_channel,
      default_page_desc_lang_index, F_CONFIG),
    C(PRT_T_CHANNEL, PRT_COL_CHANNEL_STATE, struct prt_channel, state, F_CONFIG),
    C(PRT_T_CHANNEL, PRT_COL_CHANNEL_IF_INDEX, struct prt_channel, if_index, F_CONFIG),
    /* prtInterpreterTable 43.15.1 */
    C(PRT_T_INTERPRETER, PRT_COL_INTERPRETER_DEFAULT_ORIENTATION, struct prt_interpreter,
      default_orientation, F_CONFIG),
    C(PRT_T_INTERPRETER, PRT_COL_INTERPRETER_DEFAULT_CHAR_SET_IN, struct prt_interpreter,
      default_charset_in, F_CONFIG),
    C(PRT_T_INTERPRETER, PRT_COL_INTERPRETER_DEFAULT_CHAR_SET_OUT, struct prt_interpreter,
      default_charset_out, F_CONFIG),
    /* prtConsoleDisplayBufferTable 43.16.5: panel content is status */
    C(PRT_T_DISPLAY, PRT_COL_CONSOLE_DISPLAY_BUFFER_TEXT, struct prt_display_line, text, 0),
    /* prtConsoleLightTable 43.17.6: light state is status */
    C(PRT_T_LIGHT, PRT_COL_CONSOLE_ON_TIME, struct prt_light, on_time, 0),
    C(PRT_T_LIGHT, PRT_COL_CONSOLE_OFF_TIME, struct prt_light, off_time, 0),
};

#define NCOLS (sizeof(cols) / sizeof(cols[0]))

static const struct col_desc *find_col(int table, int column)
{
    size_t i;

    for (i = 0; i < NCOLS; i++)
        if (cols[i].table == table && cols[i].column == column)
            return &cols[i];
    return NULL;
}

/* The catalogue's facts about c (type, range, enumeration, SIZE). */
static const struct prt_column *cat_col(const struct col_desc *c)
{
    enum prt_cat_table t;

    switch (c->table) {
    case PRT_T_GENERAL:
        t = PRT_CAT_GENERAL;
        break;
    case PRT_T_INPUT:
        t = PRT_CAT_INPUT;
        break;
    case PRT_T_OUTPUT:
        t = PRT_CAT_OUTPUT;
        break;
    case PRT_T_SUPPLY:
        t = PRT_CAT_MARKER_SUPPLIES;
        break;
    case PRT_T_CHANNEL:
        t = PRT_CAT_CHANNEL;
        break;
    case PRT_T_INTERPRETER:
        t = PRT_CAT_INTERPRETER;
        break;
    case PRT_T_DISPLAY:
        t = PRT_CAT_CONSOLE_DISPLAY_BUFFER;
        break;
    case PRT_T_LIGHT:
        t = PRT_CAT_CONSOLE_LIGHT;
        break;
    default:
        return NULL;
    }
    return prt_column_get(t, (unsigned)c->column);
}

static int col_kind(const struct col_desc *c)
{
    const struct prt_column *k = cat_col(c);

    return k != NULL && k->type == PRT_COLTYPE_OCTETSTRING ? PRT_V_STRING : PRT_V_INT;
}

bool prt_column_writable(int table, int column)
{
    return find_col(table, column) != NULL;
}

int prt_column_kind(int table, int column)
{
    const struct col_desc *c = find_col(table, column);

    return c ? col_kind(c) : 0;
}

/* The row a SET addresses, or NULL. */
static void *row_ptr(const struct prt_device *d, int table, int32_t row)
{
    switch (table) {
    case PRT_T_GENERAL:
        /* prtGeneralTable is indexed by hrDeviceIndex alone. */
        if (row == 0 || row == d->hr_index)
            return (void *)&d->general;
        return NULL;
    case PRT_T_INPUT:
        return prt_input_find(d, row);
    case PRT_T_OUTPUT:
        return prt_output_find(d, row);
    case PRT_T_SUPPLY:
        return prt_supply_find(d, row);
    case PRT_T_CHANNEL:
        return prt_channel_find(d, row);
    case PRT_T_INTERPRETER:
        return prt_interpreter_find(d, row);
    case PRT_T_DISPLAY:
        return prt_display_find(d, row);
    case PRT_T_LIGHT:
        return prt_light_find(d, row);
    default:
        return NULL;
    }
}

static int check_value(const struct col_desc *c, const struct prt_value *v)
{
    const struct prt_column *k = cat_col(c);
    size_t i;

    if (v == NULL || k == NULL || v->kind != col_kind(c))
        return -PRT_EINVAL;
    if (v->kind == PRT_V_STRING) {
        if (v->len > 0 && v->s == NULL)
            return -PRT_EINVAL;
        if (v->len > c->size - 1 || (k->ranged && (long long)v->len > k->max))
            return -PRT_ETOOLONG;
        for (i = 0; i < v->len; i++) {
            unsigned char ch = (unsigned char)v->s[i];
            if (ch < 0x20 || ch == 0x7f)
                return -PRT_EINVAL;
        }
        return PRT_OK;
    }
    if (k->values != NULL)
        return prt_enum_name(k->values, v->i) != NULL ? PRT_OK : -PRT_EINVAL;
    if (k->tc != NULL && strcmp(k->tc, "IANACharset") == 0)
        return prt_charset_valid(v->i) ? PRT_OK : -PRT_EINVAL;
    if (k->ranged && ((long long)v->i < k->min || (long long)v->i > k->max))
        return -PRT_EINVAL;
    return PRT_OK;
}

/* Cross-object rules (inconsistentValue). */
static int check_consistent(const struct prt_device *d, const struct col_desc *c, const void *rowp,
                            int32_t v)
{
    const struct prt_input *in;
    const struct prt_output *out;
    const struct prt_supply *s;

    switch (c->table) {
    case PRT_T_GENERAL:
        switch (c->column) {
        case 2:  /* prtGeneralCurrentLocalization: a prtLocalizationIndex */
        case 10: /* prtConsoleLocalization */
            return prt_localization_find(d, v) ? PRT_OK : -PRT_EINCONSISTENT;
        case 6:
            return prt_input_find(d, v) ? PRT_OK : -PRT_EINCONSISTENT;
        case 7:
            return prt_output_find(d, v) ? PRT_OK : -PRT_EINCONSISTENT;
        case 8:
            return prt_marker_find(d, v) ? PRT_OK : -PRT_EINCONSISTENT;
        case 9:
            return prt_media_path_find(d, v) ? PRT_OK : -PRT_EINCONSISTENT;
        }
        return PRT_OK;
    case PRT_T_INPUT:
        in = rowp;
        /* prtInputCurrentLevel <= prtInputMaxCapacity when both are real
         * amounts (the negative values are "other/unknown/some"). */
        if (c->column == 10 && in->max_capacity >= 0 && v > in->max_capacity)
            return -PRT_EINCONSISTENT;
        if (c->column == 9 && v >= 0 && in->current_level > v)
            return -PRT_EINCONSISTENT;
        /* prtInputNextIndex > 0 names another input row. */
        if (c->column == 25 && v > 0 && (v == in->index || prt_input_find(d, v) == NULL))
            return -PRT_EINCONSISTENT;
        return PRT_OK;
    case PRT_T_OUTPUT:
        out = rowp;
        if (c->column == 5 && out->max_capacity >= 0 && v > out->max_capacity)
            return -PRT_EINCONSISTENT;
        if (c->column == 4 && v >= 0 && out->remaining_capacity > v)
            return -PRT_EINCONSISTENT;
        /* prtOutputMinDim* <= prtOutputMaxDim* when both are sizes */
        if (c->column == 15 && v >= 0 && out->min_dim_feed > v)
            return -PRT_EINCONSISTENT;
        if (c->column == 16 && v >= 0 && out->min_dim_xfeed > v)
            return -PRT_EINCONSISTENT;
        if (c->column == 17 && out->max_dim_feed >= 0 && v > out->max_dim_feed)
            return -PRT_EINCONSISTENT;
        if (c->column == 18 && out->max_dim_xfeed >= 0 && v > out->max_dim_xfeed)
            return -PRT_EINCONSISTENT;
        return PRT_OK;
    case PRT_T_SUPPLY:
        s = rowp;
        if (c->column == 9 && s->max_capacity >= 0 && v > s->max_capacity)
            return -PRT_EINCONSISTENT;
        if (c->column == 8 && v >= 0 && s->level > v)
            return -PRT_EINCONSISTENT;
        return PRT_OK;
    case PRT_T_CHANNEL:
        /* 0 = none, else a prtInterpreterIndex */
        if ((c->column == 4 || c->column == 5) && v != 0 && prt_interpreter_find(d, v) == NULL)
            return -PRT_EINCONSISTENT;
        return PRT_OK;
    case PRT_T_LIGHT:
        /* A light driven by the rules (ready/attention/error/power) is
         * re-derived after every change, so a written value could not
         * stick: refuse it instead of pretending. */
        if (((const struct prt_light *)rowp)->role != PRT_LIGHT_NONE)
            return -PRT_EINCONSISTENT;
        return PRT_OK;
    default:
        return PRT_OK;
    }
}

int prt_set_check(const struct prt_device *d, int table, int32_t row, int column,
                  const struct prt_value *v)
{
    const struct col_desc *c = find_col(table, column);
    const void *rowp;
    int rc;

    if (c == NULL)
        return -PRT_ERDONLY;
    rc = check_value(c, v);
    if (rc != PRT_OK)
        return rc;
    if (d == NULL)
        return -PRT_ENOENT;
    rowp = row_ptr(d, table, row);
    if (rowp == NULL)
        return -PRT_ENOENT;
    if (col_kind(c) == PRT_V_INT)
        return check_consistent(d, c, rowp, v->i);
    return PRT_OK;
}

/* ---- prtGeneralReset ---- */

/* Columns restored by resetToFactoryDefaults: every configuration column
 * of every row, taken from the profile copy (rows are never created or
 * deleted at run time, so they match by index). */
static void restore_factory(struct prt_device *d)
{
    const struct prt_device *f = d->factory;
    size_t i;

    if (f == NULL)
        return;
    for (i = 0; i < NCOLS; i++) {
        const struct col_desc *c = &cols[i];
        size_t r, n = 0, len = col_kind(c) == PRT_V_STRING ? c->size : sizeof(int32_t);

        if (!(c->flags & F_CONFIG))
            continue;
        if (c->table == PRT_T_GENERAL) {
            memcpy((char *)&d->general + c->off, (const char *)&f->general + c->off, len);
            continue;
        }
        switch (c->table) {
        case PRT_T_INPUT:
            n = d->n_inputs;
            break;
        case PRT_T_OUTPUT:
            n = d->n_outputs;
            break;
        case PRT_T_SUPPLY:
            n = d->n_supplies;
            break;
        case PRT_T_CHANNEL:
            n = d->n_channels;
            break;
        case PRT_T_INTERPRETER:
            n = d->n_interpreters;
            break;
        }
        for (r = 0; r < n; r++) {
            char *dst = NULL;
            const char *src = NULL;
            int32_t idx = 0;

            switch (c->table) {
            case PRT_T_INPUT:
                idx = d->inputs[r].index;
                dst = (char *)&d->inputs[r];
                src = (const char *)prt_input_find(f, idx);
                break;
            case PRT_T_OUTPUT:
                idx = d->outputs[r].index;
                dst = (char *)&d->outputs[r];
                src = (const char *)prt_output_find(f, idx);
                break;
            case PRT_T_SUPPLY:
                idx = d->supplies[r].index;
                dst = (char *)&d->supplies[r];
                src = (const char *)prt_supply_find(f, idx);
                break;
            case PRT_T_CHANNEL:
                idx = d->channels[r].index;
                dst = (char *)&d->channels[r];
                src = (const char *)prt_channel_find(f, idx);
                break;
            case PRT_T_INTERPRETER:
                idx = d->interpreters[r].index;
                dst = (char *)&d->interpreters[r];
                src = (const char *)prt_interpreter_find(f, idx);
                break;
            }
            if (dst != NULL && src != NULL)
                memcpy(dst + c->off, src + c->off, len);
        }
    }
    /* chosen media sizes follow the declared ones again */
    for (i = 0; i < d->n_inputs; i++) {
        const struct prt_input *fi = prt_input_find(f, d->inputs[i].index);
        if (fi != NULL) {
            d->inputs[i].dim_feed_chosen = fi->dim_feed_chosen;
            d->inputs[i].dim_xfeed_chosen = fi->dim_xfeed_chosen;
        }
    }
    /* a level above a restored capacity would break the MIB's invariant */
    for (i = 0; i < d->n_inputs; i++)
        if (d->inputs[i].max_capacity >= 0 &&
            d->inputs[i].current_level > d->inputs[i].max_capacity)
            d->inputs[i].current_level = d->inputs[i].max_capacity;
    for (i = 0; i < d->n_outputs; i++)
        if (d->outputs[i].max_capacity >= 0 &&
            d->outputs[i].remaining_capacity > d->outputs[i].max_capacity)
            d->outputs[i].remaining_capacity = d->outputs[i].max_capacity;
    for (i = 0; i < d->n_supplies; i++)
        if (d->supplies[i].max_capacity >= 0 && d->supplies[i].level > d->supplies[i].max_capacity)
            d->supplies[i].level = d->supplies[i].max_capacity;
}

/* What a printer reset means for the model (PrtGeneralResetTC):
 * powerCycleReset(4) and resetToNVRAM(5) restart the device with its
 * current (non-volatile) configuration: counts since power-on start again,
 * the alert table is emptied and prtAlertIndex starts at 1 again (RFC 3805
 * §2.2.13.3), prtAlertCriticalEvents/AllEvents restart ("reset on power
 * cycle"); the rules re-derive every alert whose condition still holds,
 * as a real printer does after a restart.  resetToFactoryDefaults(6) also
 * restores every configuration column from the profile.  Live sensor state
 * (levels, covers, jams) is what the sensors say and is kept. */
static void do_reset(struct prt_device *d, int32_t how)
{
    size_t i;

    if (how == PrtGeneralResetTC_notResetting)
        return;
    for (i = 0; i < d->n_markers; i++)
        d->markers[i].power_on_count = 0;
    d->n_alerts = 0;
    d->n_rules_pending = 0;
    d->next_alert_index = 1;
    d->general.alert_critical_events = 0;
    d->general.alert_all_events = 0;
    d->console_text_from_feed = false;
    if (how == PrtGeneralResetTC_resetToFactoryDefaults) {
        restore_factory(d);
        d->general.config_changes++;
    }
    d->general.reset = PrtGeneralResetTC_notResetting;
}

bool prt_set_is_action(int table, int column)
{
    const struct col_desc *c = find_col(table, column);

    return c != NULL && (c->flags & F_RESET) != 0;
}

int prt_set_action(struct prt_device *d, int table, int column, const struct prt_value *v)
{
    int rc;

    if (!prt_set_is_action(table, column))
        return -PRT_ERDONLY;
    rc = prt_set_check(d, table, 0, column, v);
    if (rc != PRT_OK)
        return rc;
    if (v->i == PrtGeneralResetTC_notResetting)
        return PRT_OK;
    do_reset(d, v->i);
    d->generation++;
    return PRT_OK;
}

/* Writes v (already checked, or an old value being put back) into the
 * field; counts a configuration change when asked to. */
static int write_value(struct prt_device *d, int table, int32_t row, int column,
                       const struct prt_value *v, struct prt_value *old, char *oldbuf,
                       size_t oldbuf_len, bool count);

int prt_set_revert(struct prt_device *d, int table, int32_t row, int column,
                   const struct prt_value *old)
{
    const struct col_desc *c = find_col(table, column);

    if (c == NULL || (c->flags & F_RESET))
        return -PRT_ERDONLY;
    if (d == NULL || row_ptr(d, table, row) == NULL)
        return -PRT_ENOENT;
    /* only what prt_set_apply() could have written comes back: the value
     * rules (kind, range, length, characters), not the cross-object ones,
     * which held when the old value was current */
    if (check_value(c, old) != PRT_OK)
        return -PRT_EINVAL;
    return write_value(d, table, row, column, old, NULL, NULL, 0, false);
}

int prt_set_apply(struct prt_device *d, int table, int32_t row, int column,
                  const struct prt_value *v, struct prt_value *old, char *oldbuf, size_t oldbuf_len)
{
    int rc = prt_set_check(d, table, row, column, v);

    if (rc != PRT_OK)
        return rc;
    return write_value(d, table, row, column, v, old, oldbuf, oldbuf_len, true);
}

static int write_value(struct prt_device *d, int table, int32_t row, int column,
                       const struct prt_value *v, struct prt_value *old, char *oldbuf,
                       size_t oldbuf_len, bool count)
{
    const struct col_desc *c;
    char *rowp, *field;
    int changed = 0;

    c = find_col(table, column);
    rowp = row_ptr(d, table, row);
    field = rowp + c->off;

    if (col_kind(c) == PRT_V_STRING) {
        size_t oldlen = strlen(field);
        if (old != NULL) {
            if (oldbuf == NULL || oldbuf_len < oldlen + 1)
                return -PRT_ETOOLONG;
            memcpy(oldbuf, field, oldlen + 1);
            old->kind = PRT_V_STRING;
            old->i = 0;
            old->s = oldbuf;
            old->len = oldlen;
        }
        changed = oldlen != v->len || memcmp(field, v->s, v->len) != 0;
        if (v->len > 0)
            memcpy(field, v->s, v->len);
        field[v->len] = '\0';
        if (table == PRT_T_DISPLAY)
            /* the written text stays until the controller or another
             * SET replaces it; the rules do not re-derive it */
            d->console_text_from_feed = true;
    } else {
        int32_t cur;
        memcpy(&cur, field, sizeof(cur));
        if (old != NULL) {
            old->kind = PRT_V_INT;
            old->i = cur;
            old->s = NULL;
            old->len = 0;
        }
        if (c->flags & F_RESET)
            /* an action, run by prt_set_action() once the whole request
             * passed; it always reads back (and so "was") notResetting(3) */
            return PRT_OK;
        changed = cur != v->i;
        if (table == PRT_T_INPUT && (column == 4 || column == 5)) {
            /* Without a size sensor the chosen size is the declared one
             * (prtInputMediaDimFeedDirChosen / XFeedDirChosen). */
            struct prt_input *in = (struct prt_input *)rowp;
            int32_t *chosen = column == 4 ? &in->dim_feed_chosen : &in->dim_xfeed_chosen;
            if (*chosen == cur)
                *chosen = v->i;
        }
        memcpy(field, &v->i, sizeof(v->i));
    }
    if (count && changed && (c->flags & F_CONFIG))
        d->general.config_changes++;
    d->generation++;
    return PRT_OK;
}
