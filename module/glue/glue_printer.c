/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * glue_printer.c: the Printer-MIB v2 tables (RFC 3805 §3, mib-2.43) as glue
 * descriptors, and the value function of each table (one switch on the
 * column).  Column sub-ids, SMI types and MAX-ACCESS are those of the
 * Printer-MIB module; counters are Counter32 (prtGeneralConfigChanges,
 * prtMarkerLifeCount, prtMarkerPowerOnCount, prtAlertCriticalEvents,
 * prtAlertAllEvents), prtAlertTime is TimeTicks, everything else INTEGER or
 * OCTET STRING with the model's exact length.
 *
 *   prtGeneralTable 43.5.1      { hrDeviceIndex }
 *   prtStorageRefTable 43.5.2   { hrStorageIndex, prtStorageRefSeqNumber }
 *   prtDeviceRefTable 43.5.3    { hrDeviceIndex, prtDeviceRefSeqNumber }
 *   prtCoverTable 43.6.1, prtLocalizationTable 43.7.1, prtInputTable 43.8.2,
 *   prtOutputTable 43.9.2, prtMarkerTable 43.10.2, prtMarkerSuppliesTable
 *   43.11.1, prtMarkerColorantTable 43.12.1, prtMediaPathTable 43.13.4,
 *   prtChannelTable 43.14.1, prtInterpreterTable 43.15.1,
 *   prtConsoleDisplayBufferTable 43.16.5, prtConsoleLightTable 43.17.6,
 *   prtAlertTable 43.18.1       { hrDeviceIndex, <table>Index }
 *
 * Sample (production profile, device 1):
 *   PRINTER-MIB::prtInputMaxCapacity.1.1 = INTEGER: 2500
 *   PRINTER-MIB::prtMarkerLifeCount.1.1 = Counter32: 123456
 */
#include <config.h>

#include <string.h>

#include "glue_internal.h"
#include "printdev_oids.h"

#define I ASN_INTEGER
#define S ASN_OCTET_STR
#define C ASN_COUNTER
#define T ASN_TIMETICKS
#define NA GLUE_NA
#define RO GLUE_RO
#define RW GLUE_RW

/* ---- prtGeneralTable ---- */
static const struct glue_col general_cols[] = {
    { 1, C, RO },  { 2, I, RW },  { 3, I, RW },  { 4, S, RW },  { 5, S, RW },
    { 6, I, RW },  { 7, I, RW },  { 8, I, RW },  { 9, I, RW },  { 10, I, RW },
    { 11, I, RO }, { 12, I, RO }, { 13, I, RW }, { 14, I, RW }, { 15, I, RW },
    { 16, S, RW }, { 17, S, RW }, { 18, C, RO }, { 19, C, RO },
};

static int general_value(const struct glue_table *t, const struct prt_model *m,
                         const struct prt_device *d, const void *row, const oid *idx, oid col,
                         struct glue_val *v)
{
    const struct prt_general *g = &d->general;
    switch (col) {
    case 1: v->i = (long)g->config_changes; break;
    case 2: v->i = g->current_localization; break;
    case 3: v->i = g->reset; break;
    case 4: glue_set_string(v, g->current_operator); break;
    case 5: glue_set_string(v, g->service_person); break;
    case 6: v->i = g->input_default_index; break;
    case 7: v->i = g->output_default_index; break;
    case 8: v->i = g->marker_default_index; break;
    case 9: v->i = g->media_path_default_index; break;
    case 10: v->i = g->console_localization; break;
    case 11: v->i = g->console_display_lines; break;
    case 12: v->i = g->console_display_chars; break;
    case 13: v->i = g->console_disable; break;
    case 14: v->i = g->startup_page; break;
    case 15: v->i = g->banner_page; break;
    case 16: glue_set_string(v, g->printer_name); break;
    case 17: glue_set_string(v, g->serial_number); break;
    case 18: v->i = (long)g->alert_critical_events; break;
    case 19: v->i = (long)g->alert_all_events; break;
    default: return -1;
    }
    return 0;
}

/* ---- prtStorageRefTable / prtDeviceRefTable ---- */
static const struct glue_col ref_cols[] = { { 1, I, NA }, { 2, I, RO } };

static int storage_ref_value(const struct glue_table *t, const struct prt_model *m,
                             const struct prt_device *d, const void *row, const oid *idx,
                             oid col, struct glue_val *v)
{
    const struct prt_storage_ref *r = row;
    if (col != 2)
        return -1;
    v->i = r->device_index;
    return 0;
}

static int device_ref_value(const struct glue_table *t, const struct prt_model *m,
                            const struct prt_device *d, const void *row, const oid *idx,
                            oid col, struct glue_val *v)
{
    const struct prt_device_ref *r = row;
    if (col != 2)
        return -1;
    v->i = r->ref_index;
    return 0;
}

/* ---- prtCoverTable ---- */
static const struct glue_col cover_cols[] = { { 1, I, NA }, { 2, S, RO }, { 3, I, RO } };

static int cover_value(const struct glue_table *t, const struct prt_model *m,
                       const struct prt_device *d, const void *row, const oid *idx, oid col,
                       struct glue_val *v)
{
    const struct prt_cover *r = row;
    switch (col) {
    case 2: glue_set_string(v, r->description); break;
    case 3: v->i = r->status; break;
    default: return -1;
    }
    return 0;
}

/* ---- prtLocalizationTable ---- */
static const struct glue_col loc_cols[] = { { 1, I, NA }, { 2, S, RO }, { 3, S, RO }, { 4, I, RO } };

static int loc_value(const struct glue_table *t, const struct prt_model *m,
                     const struct prt_device *d, const void *row, const oid *idx, oid col,
                     struct glue_val *v)
{
    const struct prt_localization *r = row;
    switch (col) {
    case 2: glue_set_string(v, r->language); break;
    case 3: glue_set_string(v, r->country); break;
    case 4: v->i = r->charset; break;
    default: return -1;
    }
    return 0;
}

/* ---- prtInputTable ---- */
static const struct glue_col input_cols[] = {
    { 1, I, NA },  { 2, I, RO },  { 3, I, RO },  { 4, I, RW },  { 5, I, RW },
    { 6, I, RO },  { 7, I, RO },  { 8, I, RO },  { 9, I, RW },  { 10, I, RW },
    { 11, I, RO }, { 12, S, RW }, { 13, S, RW }, { 14, S, RO }, { 15, S, RO },
    { 16, S, RO }, { 17, S, RO }, { 18, S, RO }, { 19, I, RW }, { 20, I, RW },
    { 21, S, RW }, { 22, S, RW }, { 23, I, RW }, { 24, I, RW }, { 25, I, RW },
};

static int input_value(const struct glue_table *t, const struct prt_model *m,
                       const struct prt_device *d, const void *row, const oid *idx, oid col,
                       struct glue_val *v)
{
    const struct prt_input *r = row;
    switch (col) {
    case 2: v->i = r->type; break;
    case 3: v->i = r->dim_unit; break;
    case 4: v->i = r->dim_feed_declared; break;
    case 5: v->i = r->dim_xfeed_declared; break;
    case 6: v->i = r->dim_feed_chosen; break;
    case 7: v->i = r->dim_xfeed_chosen; break;
    case 8: v->i = r->capacity_unit; break;
    case 9: v->i = r->max_capacity; break;
    case 10: v->i = r->current_level; break;
    case 11: v->i = r->status; break;
    case 12: glue_set_string(v, r->media_name); break;
    case 13: glue_set_string(v, r->name); break;
    case 14: glue_set_string(v, r->vendor_name); break;
    case 15: glue_set_string(v, r->model); break;
    case 16: glue_set_string(v, r->version); break;
    case 17: glue_set_string(v, r->serial_number); break;
    case 18: glue_set_string(v, r->description); break;
    case 19: v->i = r->security; break;
    case 20: v->i = r->media_weight; break;
    case 21: glue_set_string(v, r->media_type); break;
    case 22: glue_set_string(v, r->media_color); break;
    case 23: v->i = r->media_form_parts; break;
    case 24: v->i = r->media_load_timeout; break;
    case 25: v->i = r->next_index; break;
    default: return -1;
    }
    return 0;
}

/* ---- prtOutputTable ---- */
static const struct glue_col output_cols[] = {
    { 1, I, NA },  { 2, I, RO },  { 3, I, RO },  { 4, I, RW },  { 5, I, RW },
    { 6, I, RO },  { 7, S, RW },  { 8, S, RO },  { 9, S, RO },  { 10, S, RO },
    { 11, S, RO }, { 12, S, RO }, { 13, I, RW }, { 14, I, RO }, { 15, I, RW },
    { 16, I, RW }, { 17, I, RW }, { 18, I, RW }, { 19, I, RW }, { 20, I, RW },
    { 21, I, RW }, { 22, I, RW }, { 23, I, RW }, { 24, I, RW },
};

static int output_value(const struct glue_table *t, const struct prt_model *m,
                        const struct prt_device *d, const void *row, const oid *idx, oid col,
                        struct glue_val *v)
{
    const struct prt_output *r = row;
    switch (col) {
    case 2: v->i = r->type; break;
    case 3: v->i = r->capacity_unit; break;
    case 4: v->i = r->max_capacity; break;
    case 5: v->i = r->remaining_capacity; break;
    case 6: v->i = r->status; break;
    case 7: glue_set_string(v, r->name); break;
    case 8: glue_set_string(v, r->vendor_name); break;
    case 9: glue_set_string(v, r->model); break;
    case 10: glue_set_string(v, r->version); break;
    case 11: glue_set_string(v, r->serial_number); break;
    case 12: glue_set_string(v, r->description); break;
    case 13: v->i = r->security; break;
    case 14: v->i = r->dim_unit; break;
    case 15: v->i = r->max_dim_feed; break;
    case 16: v->i = r->max_dim_xfeed; break;
    case 17: v->i = r->min_dim_feed; break;
    case 18: v->i = r->min_dim_xfeed; break;
    case 19: v->i = r->stacking_order; break;
    case 20: v->i = r->page_delivery_orientation; break;
    case 21: v->i = r->bursting; break;
    case 22: v->i = r->decollating; break;
    case 23: v->i = r->page_collated; break;
    case 24: v->i = r->offset_stacking; break;
    default: return -1;
    }
    return 0;
}

/* ---- prtMarkerTable ---- */
static const struct glue_col marker_cols[] = {
    { 1, I, NA },  { 2, I, RO },  { 3, I, RO },  { 4, C, RO },  { 5, C, RO },
    { 6, I, RO },  { 7, I, RO },  { 8, I, RO },  { 9, I, RO },  { 10, I, RO },
    { 11, I, RO }, { 12, I, RO }, { 13, I, RO }, { 14, I, RO }, { 15, I, RO },
};

static int marker_value(const struct glue_table *t, const struct prt_model *m,
                        const struct prt_device *d, const void *row, const oid *idx, oid col,
                        struct glue_val *v)
{
    const struct prt_marker *r = row;
    switch (col) {
    case 2: v->i = r->mark_tech; break;
    case 3: v->i = r->counter_unit; break;
    case 4: v->i = (long)r->life_count; break;
    case 5: v->i = (long)r->power_on_count; break;
    case 6: v->i = r->process_colorants; break;
    case 7: v->i = r->spot_colorants; break;
    case 8: v->i = r->addressability_unit; break;
    case 9: v->i = r->addressability_feed; break;
    case 10: v->i = r->addressability_xfeed; break;
    case 11: v->i = r->north_margin; break;
    case 12: v->i = r->south_margin; break;
    case 13: v->i = r->west_margin; break;
    case 14: v->i = r->east_margin; break;
    case 15: v->i = r->status; break;
    default: return -1;
    }
    return 0;
}

/* ---- prtMarkerSuppliesTable ---- */
static const struct glue_col supply_cols[] = {
    { 1, I, NA }, { 2, I, RO }, { 3, I, RO }, { 4, I, RO }, { 5, I, RO },
    { 6, S, RO }, { 7, I, RO }, { 8, I, RW }, { 9, I, RW },
};

static int supply_value(const struct glue_table *t, const struct prt_model *m,
                        const struct prt_device *d, const void *row, const oid *idx, oid col,
                        struct glue_val *v)
{
    const struct prt_supply *r = row;
    switch (col) {
    case 2: v->i = r->marker_index; break;
    case 3: v->i = r->colorant_index; break;
    case 4: v->i = r->supply_class; break;
    case 5: v->i = r->type; break;
    case 6: glue_set_string(v, r->description); break;
    case 7: v->i = r->supply_unit; break;
    case 8: v->i = r->max_capacity; break;
    case 9: v->i = r->level; break;
    default: return -1;
    }
    return 0;
}

/* ---- prtMarkerColorantTable ---- */
static const struct glue_col colorant_cols[] = {
    { 1, I, NA }, { 2, I, RO }, { 3, I, RO }, { 4, S, RO }, { 5, I, RO },
};

static int colorant_value(const struct glue_table *t, const struct prt_model *m,
                          const struct prt_device *d, const void *row, const oid *idx,
                          oid col, struct glue_val *v)
{
    const struct prt_colorant *r = row;
    switch (col) {
    case 2: v->i = r->marker_index; break;
    case 3: v->i = r->role; break;
    case 4: glue_set_string(v, r->value); break;
    case 5: v->i = r->tonality; break;
    default: return -1;
    }
    return 0;
}

/* ---- prtMediaPathTable ---- */
static const struct glue_col path_cols[] = {
    { 1, I, NA }, { 2, I, RO }, { 3, I, RO }, { 4, I, RO },  { 5, I, RO },  { 6, I, RO },
    { 7, I, RO }, { 8, I, RO }, { 9, I, RO }, { 10, S, RO }, { 11, I, RO },
};

static int path_value(const struct glue_table *t, const struct prt_model *m,
                      const struct prt_device *d, const void *row, const oid *idx, oid col,
                      struct glue_val *v)
{
    const struct prt_media_path *r = row;
    switch (col) {
    case 2: v->i = r->max_speed_unit; break;
    case 3: v->i = r->media_size_unit; break;
    case 4: v->i = r->max_speed; break;
    case 5: v->i = r->max_media_feed; break;
    case 6: v->i = r->max_media_xfeed; break;
    case 7: v->i = r->min_media_feed; break;
    case 8: v->i = r->min_media_xfeed; break;
    case 9: v->i = r->type; break;
    case 10: glue_set_string(v, r->description); break;
    case 11: v->i = r->status; break;
    default: return -1;
    }
    return 0;
}

/* ---- prtChannelTable ---- */
static const struct glue_col channel_cols[] = {
    { 1, I, NA }, { 2, I, RO }, { 3, S, RO }, { 4, I, RW }, { 5, I, RW },
    { 6, I, RW }, { 7, I, RW }, { 8, I, RO }, { 9, S, RO },
};

static int channel_value(const struct glue_table *t, const struct prt_model *m,
                         const struct prt_device *d, const void *row, const oid *idx, oid col,
                         struct glue_val *v)
{
    const struct prt_channel *r = row;
    switch (col) {
    case 2: v->i = r->type; break;
    case 3: glue_set_string(v, r->protocol_version); break;
    case 4: v->i = r->current_job_cntl_lang_index; break;
    case 5: v->i = r->default_page_desc_lang_index; break;
    case 6: v->i = r->state; break;
    case 7: v->i = r->if_index; break;
    case 8: v->i = r->status; break;
    case 9: glue_set_string(v, r->information); break;
    default: return -1;
    }
    return 0;
}

/* ---- prtInterpreterTable ---- */
static const struct glue_col interp_cols[] = {
    { 1, I, NA }, { 2, I, RO }, { 3, S, RO }, { 4, S, RO },   { 5, S, RO },   { 6, S, RO },
    { 7, I, RW }, { 8, I, RO }, { 9, I, RO }, { 10, I, RW }, { 11, I, RW }, { 12, I, RO },
};

static int interp_value(const struct glue_table *t, const struct prt_model *m,
                        const struct prt_device *d, const void *row, const oid *idx, oid col,
                        struct glue_val *v)
{
    const struct prt_interpreter *r = row;
    switch (col) {
    case 2: v->i = r->lang_family; break;
    case 3: glue_set_string(v, r->lang_level); break;
    case 4: glue_set_string(v, r->lang_version); break;
    case 5: glue_set_string(v, r->description); break;
    case 6: glue_set_string(v, r->version); break;
    case 7: v->i = r->default_orientation; break;
    case 8: v->i = r->feed_addressability; break;
    case 9: v->i = r->xfeed_addressability; break;
    case 10: v->i = r->default_charset_in; break;
    case 11: v->i = r->default_charset_out; break;
    case 12: v->i = r->two_way; break;
    default: return -1;
    }
    return 0;
}

/* ---- prtConsoleDisplayBufferTable ---- */
static const struct glue_col display_cols[] = { { 1, I, NA }, { 2, S, RW } };

static int display_value(const struct glue_table *t, const struct prt_model *m,
                         const struct prt_device *d, const void *row, const oid *idx, oid col,
                         struct glue_val *v)
{
    const struct prt_display_line *r = row;
    if (col != 2)
        return -1;
    glue_set_string(v, r->text);
    return 0;
}

/* ---- prtConsoleLightTable ---- */
static const struct glue_col light_cols[] = {
    { 1, I, NA }, { 2, I, RW }, { 3, I, RW }, { 4, I, RO }, { 5, S, RO },
};

static int light_value(const struct glue_table *t, const struct prt_model *m,
                       const struct prt_device *d, const void *row, const oid *idx, oid col,
                       struct glue_val *v)
{
    const struct prt_light *r = row;
    switch (col) {
    case 2: v->i = r->on_time; break;
    case 3: v->i = r->off_time; break;
    case 4: v->i = r->color; break;
    case 5: glue_set_string(v, r->description); break;
    default: return -1;
    }
    return 0;
}

/* ---- prtAlertTable (prtAlertIndex is read-only in RFC 3805, so accessible) ----
 * Rows are served with whatever index the model gave them.  With the
 * PRISMAsync option "printdevRules indexWrapZero" a row can carry index 0
 * after a wrap (outside the MIB's 1..2147483647, as the real controllers
 * do); the default RFC behaviour never produces it. */
static const struct glue_col alert_cols[] = {
    { 1, I, RO }, { 2, I, RO }, { 3, I, RO }, { 4, I, RO }, { 5, I, RO },
    { 6, I, RO }, { 7, I, RO }, { 8, S, RO }, { 9, T, RO },
};

static int alert_value(const struct glue_table *t, const struct prt_model *m,
                       const struct prt_device *d, const void *row, const oid *idx, oid col,
                       struct glue_val *v)
{
    const struct prt_alert *r = row;
    switch (col) {
    case 1: v->i = r->index; break;
    case 2: v->i = r->severity; break;
    case 3: v->i = r->training; break;
    case 4: v->i = r->group; break;
    case 5: v->i = r->group_index; break;
    case 6: v->i = r->location; break;
    case 7: v->i = r->code; break;
    case 8: glue_set_string(v, r->description); break;
    case 9: v->i = (long)r->time; break;
    default: return -1;
    }
    return 0;
}

#define ENTRY(...) .entry = { PRINTMIB_OID, __VA_ARGS__ }, .entry_len = 7 + NARGS(__VA_ARGS__)
#define NARGS(...) (sizeof((int[]){ __VA_ARGS__ }) / sizeof(int))
#define COLS(a) .cols = a, .ncols = GLUE_NCOLS(a)

const struct glue_table glue_printer_tables[] = {
    { .name = "prtGeneralTable", ENTRY(5, 1, 1), COLS(general_cols), .shape = GLUE_IX_DEVICE,
      .set_table = PRT_T_GENERAL, .value = general_value },
    { .name = "prtStorageRefTable", ENTRY(5, 2, 1), COLS(ref_cols), .shape = GLUE_IX_STORAGE,
      .value = storage_ref_value },
    { .name = "prtDeviceRefTable", ENTRY(5, 3, 1), COLS(ref_cols),
      .shape = GLUE_IX_ROW, .arr_off = offsetof(struct prt_device, device_refs),
      .n_off = offsetof(struct prt_device, n_device_refs),
      .row_size = sizeof(struct prt_device_ref), .idx_off = offsetof(struct prt_device_ref, seq),
      .value = device_ref_value },
    { .name = "prtCoverTable", ENTRY(6, 1, 1), COLS(cover_cols),
      GLUE_ROWS(prt_cover, covers, n_covers), .value = cover_value },
    { .name = "prtLocalizationTable", ENTRY(7, 1, 1), COLS(loc_cols),
      GLUE_ROWS(prt_localization, localizations, n_localizations), .value = loc_value },
    { .name = "prtInputTable", ENTRY(8, 2, 1), COLS(input_cols),
      GLUE_ROWS(prt_input, inputs, n_inputs), .set_table = PRT_T_INPUT, .value = input_value },
    { .name = "prtOutputTable", ENTRY(9, 2, 1), COLS(output_cols),
      GLUE_ROWS(prt_output, outputs, n_outputs), .set_table = PRT_T_OUTPUT,
      .value = output_value },
    { .name = "prtMarkerTable", ENTRY(10, 2, 1), COLS(marker_cols),
      GLUE_ROWS(prt_marker, markers, n_markers), .value = marker_value },
    { .name = "prtMarkerSuppliesTable", ENTRY(11, 1, 1), COLS(supply_cols),
      GLUE_ROWS(prt_supply, supplies, n_supplies), .set_table = PRT_T_SUPPLY,
      .value = supply_value },
    { .name = "prtMarkerColorantTable", ENTRY(12, 1, 1), COLS(colorant_cols),
      GLUE_ROWS(prt_colorant, colorants, n_colorants), .value = colorant_value },
    { .name = "prtMediaPathTable", ENTRY(13, 4, 1), COLS(path_cols),
      GLUE_ROWS(prt_media_path, media_paths, n_media_paths), .value = path_value },
    { .name = "prtChannelTable", ENTRY(14, 1, 1), COLS(channel_cols),
      GLUE_ROWS(prt_channel, channels, n_channels), .set_table = PRT_T_CHANNEL,
      .value = channel_value },
    { .name = "prtInterpreterTable", ENTRY(15, 1, 1), COLS(interp_cols),
      GLUE_ROWS(prt_interpreter, interpreters, n_interpreters), .set_table = PRT_T_INTERPRETER,
      .value = interp_value },
    { .name = "prtConsoleDisplayBufferTable", ENTRY(16, 5, 1), COLS(display_cols),
      GLUE_ROWS(prt_display_line, display, n_display), .set_table = PRT_T_DISPLAY,
      .value = display_value },
    { .name = "prtConsoleLightTable", ENTRY(17, 6, 1), COLS(light_cols),
      GLUE_ROWS(prt_light, lights, n_lights), .set_table = PRT_T_LIGHT, .value = light_value },
    { .name = "prtAlertTable", ENTRY(18, 1, 1), COLS(alert_cols),
      GLUE_ROWS(prt_alert, alerts, n_alerts), .value = alert_value },
};
const size_t glue_printer_ntables = GLUE_NCOLS(glue_printer_tables);
