/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_set.c: SET validation and application for every read-write object of
 * Printer-MIB v2 (RFC 3805).
 *
 * One descriptor per writable column (table, column, struct field, whether
 * it is a configuration object), generated with the value's kind, SYNTAX
 * range, enumeration and SIZE from the column catalogue
 * (prt_column_fields.h and prt_columns.h, from tools/printdev-columns.tsv),
 * so they are written once.
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

#include "prt_column_fields.h"
#include "prt_columns.h"
#include "prt_model.h"

enum col_flags {
    F_CONFIG = 1, /* configuration object: bumps prtGeneralConfigChanges */
    F_RESET = 4   /* prtGeneralReset */
};

struct col_desc {
    int table;              /* enum prt_table */
    enum prt_cat_table cat; /* its catalogue table */
    int column;             /* PRT_COL_* */
    size_t off;
    size_t size; /* of the field (strings: buffer, SIZE + 1) */
    int flags;
};

#define C(t, cat, c, type, f, fl)                                                                  \
    {                                                                                              \
        t, cat, c, offsetof(type, f), sizeof(((type *)0)->f), fl                                   \
    }

/* The RW objects of RFC 3805's MIB module (MAX-ACCESS read-write), from the
 * column catalogue. */
static const struct col_desc cols[] = {PRT_SET_COLS};

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
    return prt_column_get(c->cat, (unsigned)c->column);
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
