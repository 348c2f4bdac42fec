/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * glue_printer.c: the Printer-MIB v2 tables (RFC 3805 §3, mib-2.43) as glue
 * descriptors, and the value function of each table (one switch on the
 * column, by the catalogue's PRT_COL_* names).  Column lists (sub-id, SMI
 * type, MAX-ACCESS) come from the column catalogue (tools/printdev-columns.tsv,
 * generated into glue_columns.h): counters are Counter32
 * (prtGeneralConfigChanges, prtMarkerLifeCount, prtMarkerPowerOnCount,
 * prtAlertCriticalEvents, prtAlertAllEvents), prtAlertTime is TimeTicks,
 * everything else INTEGER or OCTET STRING with the model's exact length.
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

#include "glue_columns.h"
#include "glue_internal.h"
#include "printdev_oids.h"

/* ---- prtGeneralTable ---- */
static const struct glue_col general_cols[] = { GLUE_COLS_GENERAL };

static int general_value(const struct glue_table *t, const struct prt_model *m,
                         const struct prt_device *d, const void *row, const oid *idx, oid col,
                         struct glue_val *v)
{
    const struct prt_general *g = &d->general;
    switch (col) {
    case PRT_COL_GENERAL_CONFIG_CHANGES: v->i = (long)g->config_changes; break;
    case PRT_COL_GENERAL_CURRENT_LOCALIZATION: v->i = g->current_localization; break;
    case PRT_COL_GENERAL_RESET: v->i = g->reset; break;
    case PRT_COL_GENERAL_CURRENT_OPERATOR: glue_set_string(v, g->current_operator); break;
    case PRT_COL_GENERAL_SERVICE_PERSON: glue_set_string(v, g->service_person); break;
    case PRT_COL_INPUT_DEFAULT_INDEX: v->i = g->input_default_index; break;
    case PRT_COL_OUTPUT_DEFAULT_INDEX: v->i = g->output_default_index; break;
    case PRT_COL_MARKER_DEFAULT_INDEX: v->i = g->marker_default_index; break;
    case PRT_COL_MEDIA_PATH_DEFAULT_INDEX: v->i = g->media_path_default_index; break;
    case PRT_COL_CONSOLE_LOCALIZATION: v->i = g->console_localization; break;
    case PRT_COL_CONSOLE_NUMBER_OF_DISPLAY_LINES: v->i = g->console_display_lines; break;
    case PRT_COL_CONSOLE_NUMBER_OF_DISPLAY_CHARS: v->i = g->console_display_chars; break;
    case PRT_COL_CONSOLE_DISABLE: v->i = g->console_disable; break;
    case PRT_COL_AUXILIARY_SHEET_STARTUP_PAGE: v->i = g->startup_page; break;
    case PRT_COL_AUXILIARY_SHEET_BANNER_PAGE: v->i = g->banner_page; break;
    case PRT_COL_GENERAL_PRINTER_NAME: glue_set_string(v, g->printer_name); break;
    case PRT_COL_GENERAL_SERIAL_NUMBER: glue_set_string(v, g->serial_number); break;
    case PRT_COL_ALERT_CRITICAL_EVENTS: v->i = (long)g->alert_critical_events; break;
    case PRT_COL_ALERT_ALL_EVENTS: v->i = (long)g->alert_all_events; break;
    default: return -1;
    }
    return 0;
}

/* ---- prtStorageRefTable / prtDeviceRefTable ---- */
static const struct glue_col storage_ref_cols[] = { GLUE_COLS_STORAGE_REF };
static const struct glue_col device_ref_cols[] = { GLUE_COLS_DEVICE_REF };

static int storage_ref_value(const struct glue_table *t, const struct prt_model *m,
                             const struct prt_device *d, const void *row, const oid *idx,
                             oid col, struct glue_val *v)
{
    const struct prt_storage_ref *r = row;
    if (col != PRT_COL_STORAGE_REF_INDEX)
        return -1;
    /* the printer's hrDeviceIndex, as presented (1 in its own context) */
    v->i = r->device_index == d->hr_index ? v->hr : r->device_index;
    return 0;
}

static int device_ref_value(const struct glue_table *t, const struct prt_model *m,
                            const struct prt_device *d, const void *row, const oid *idx,
                            oid col, struct glue_val *v)
{
    const struct prt_device_ref *r = row;
    if (col != PRT_COL_DEVICE_REF_INDEX)
        return -1;
    v->i = r->ref_index;
    return 0;
}

/* ---- prtCoverTable ---- */
static const struct glue_col cover_cols[] = { GLUE_COLS_COVER };

static int cover_value(const struct glue_table *t, const struct prt_model *m,
                       const struct prt_device *d, const void *row, const oid *idx, oid col,
                       struct glue_val *v)
{
    const struct prt_cover *r = row;
    switch (col) {
    case PRT_COL_COVER_DESCRIPTION: glue_set_string(v, r->description); break;
    case PRT_COL_COVER_STATUS: v->i = r->status; break;
    default: return -1;
    }
    return 0;
}

/* ---- prtLocalizationTable ---- */
static const struct glue_col loc_cols[] = { GLUE_COLS_LOCALIZATION };

static int loc_value(const struct glue_table *t, const struct prt_model *m,
                     const struct prt_device *d, const void *row, const oid *idx, oid col,
                     struct glue_val *v)
{
    const struct prt_localization *r = row;
    switch (col) {
    case PRT_COL_LOCALIZATION_LANGUAGE: glue_set_string(v, r->language); break;
    case PRT_COL_LOCALIZATION_COUNTRY: glue_set_string(v, r->country); break;
    case PRT_COL_LOCALIZATION_CHARACTER_SET: v->i = r->charset; break;
    default: return -1;
    }
    return 0;
}

/* ---- prtInputTable ---- */
static const struct glue_col input_cols[] = { GLUE_COLS_INPUT };

static int input_value(const struct glue_table *t, const struct prt_model *m,
                       const struct prt_device *d, const void *row, const oid *idx, oid col,
                       struct glue_val *v)
{
    const struct prt_input *r = row;
    switch (col) {
    case PRT_COL_INPUT_TYPE: v->i = r->type; break;
    case PRT_COL_INPUT_DIM_UNIT: v->i = r->dim_unit; break;
    case PRT_COL_INPUT_MEDIA_DIM_FEED_DIR_DECLARED: v->i = r->dim_feed_declared; break;
    case PRT_COL_INPUT_MEDIA_DIM_X_FEED_DIR_DECLARED: v->i = r->dim_xfeed_declared; break;
    case PRT_COL_INPUT_MEDIA_DIM_FEED_DIR_CHOSEN: v->i = r->dim_feed_chosen; break;
    case PRT_COL_INPUT_MEDIA_DIM_X_FEED_DIR_CHOSEN: v->i = r->dim_xfeed_chosen; break;
    case PRT_COL_INPUT_CAPACITY_UNIT: v->i = r->capacity_unit; break;
    case PRT_COL_INPUT_MAX_CAPACITY: v->i = r->max_capacity; break;
    case PRT_COL_INPUT_CURRENT_LEVEL: v->i = r->current_level; break;
    case PRT_COL_INPUT_STATUS: v->i = r->status; break;
    case PRT_COL_INPUT_MEDIA_NAME: glue_set_string(v, r->media_name); break;
    case PRT_COL_INPUT_NAME: glue_set_string(v, r->name); break;
    case PRT_COL_INPUT_VENDOR_NAME: glue_set_string(v, r->vendor_name); break;
    case PRT_COL_INPUT_MODEL: glue_set_string(v, r->model); break;
    case PRT_COL_INPUT_VERSION: glue_set_string(v, r->version); break;
    case PRT_COL_INPUT_SERIAL_NUMBER: glue_set_string(v, r->serial_number); break;
    case PRT_COL_INPUT_DESCRIPTION: glue_set_string(v, r->description); break;
    case PRT_COL_INPUT_SECURITY: v->i = r->security; break;
    case PRT_COL_INPUT_MEDIA_WEIGHT: v->i = r->media_weight; break;
    case PRT_COL_INPUT_MEDIA_TYPE: glue_set_string(v, r->media_type); break;
    case PRT_COL_INPUT_MEDIA_COLOR: glue_set_string(v, r->media_color); break;
    case PRT_COL_INPUT_MEDIA_FORM_PARTS: v->i = r->media_form_parts; break;
    case PRT_COL_INPUT_MEDIA_LOAD_TIMEOUT: v->i = r->media_load_timeout; break;
    case PRT_COL_INPUT_NEXT_INDEX: v->i = r->next_index; break;
    default: return -1;
    }
    return 0;
}

/* ---- prtOutputTable ---- */
static const struct glue_col output_cols[] = { GLUE_COLS_OUTPUT };

static int output_value(const struct glue_table *t, const struct prt_model *m,
                        const struct prt_device *d, const void *row, const oid *idx, oid col,
                        struct glue_val *v)
{
    const struct prt_output *r = row;
    switch (col) {
    case PRT_COL_OUTPUT_TYPE: v->i = r->type; break;
    case PRT_COL_OUTPUT_CAPACITY_UNIT: v->i = r->capacity_unit; break;
    case PRT_COL_OUTPUT_MAX_CAPACITY: v->i = r->max_capacity; break;
    case PRT_COL_OUTPUT_REMAINING_CAPACITY: v->i = r->remaining_capacity; break;
    case PRT_COL_OUTPUT_STATUS: v->i = r->status; break;
    case PRT_COL_OUTPUT_NAME: glue_set_string(v, r->name); break;
    case PRT_COL_OUTPUT_VENDOR_NAME: glue_set_string(v, r->vendor_name); break;
    case PRT_COL_OUTPUT_MODEL: glue_set_string(v, r->model); break;
    case PRT_COL_OUTPUT_VERSION: glue_set_string(v, r->version); break;
    case PRT_COL_OUTPUT_SERIAL_NUMBER: glue_set_string(v, r->serial_number); break;
    case PRT_COL_OUTPUT_DESCRIPTION: glue_set_string(v, r->description); break;
    case PRT_COL_OUTPUT_SECURITY: v->i = r->security; break;
    case PRT_COL_OUTPUT_DIM_UNIT: v->i = r->dim_unit; break;
    case PRT_COL_OUTPUT_MAX_DIM_FEED_DIR: v->i = r->max_dim_feed; break;
    case PRT_COL_OUTPUT_MAX_DIM_X_FEED_DIR: v->i = r->max_dim_xfeed; break;
    case PRT_COL_OUTPUT_MIN_DIM_FEED_DIR: v->i = r->min_dim_feed; break;
    case PRT_COL_OUTPUT_MIN_DIM_X_FEED_DIR: v->i = r->min_dim_xfeed; break;
    case PRT_COL_OUTPUT_STACKING_ORDER: v->i = r->stacking_order; break;
    case PRT_COL_OUTPUT_PAGE_DELIVERY_ORIENTATION: v->i = r->page_delivery_orientation; break;
    case PRT_COL_OUTPUT_BURSTING: v->i = r->bursting; break;
    case PRT_COL_OUTPUT_DECOLLATING: v->i = r->decollating; break;
    case PRT_COL_OUTPUT_PAGE_COLLATED: v->i = r->page_collated; break;
    case PRT_COL_OUTPUT_OFFSET_STACKING: v->i = r->offset_stacking; break;
    default: return -1;
    }
    return 0;
}

/* ---- prtMarkerTable ---- */
static const struct glue_col marker_cols[] = { GLUE_COLS_MARKER };

static int marker_value(const struct glue_table *t, const struct prt_model *m,
                        const struct prt_device *d, const void *row, const oid *idx, oid col,
                        struct glue_val *v)
{
    const struct prt_marker *r = row;
    switch (col) {
    case PRT_COL_MARKER_MARK_TECH: v->i = r->mark_tech; break;
    case PRT_COL_MARKER_COUNTER_UNIT: v->i = r->counter_unit; break;
    case PRT_COL_MARKER_LIFE_COUNT: v->i = (long)r->life_count; break;
    case PRT_COL_MARKER_POWER_ON_COUNT: v->i = (long)r->power_on_count; break;
    case PRT_COL_MARKER_PROCESS_COLORANTS: v->i = r->process_colorants; break;
    case PRT_COL_MARKER_SPOT_COLORANTS: v->i = r->spot_colorants; break;
    case PRT_COL_MARKER_ADDRESSABILITY_UNIT: v->i = r->addressability_unit; break;
    case PRT_COL_MARKER_ADDRESSABILITY_FEED_DIR: v->i = r->addressability_feed; break;
    case PRT_COL_MARKER_ADDRESSABILITY_X_FEED_DIR: v->i = r->addressability_xfeed; break;
    case PRT_COL_MARKER_NORTH_MARGIN: v->i = r->north_margin; break;
    case PRT_COL_MARKER_SOUTH_MARGIN: v->i = r->south_margin; break;
    case PRT_COL_MARKER_WEST_MARGIN: v->i = r->west_margin; break;
    case PRT_COL_MARKER_EAST_MARGIN: v->i = r->east_margin; break;
    case PRT_COL_MARKER_STATUS: v->i = r->status; break;
    default: return -1;
    }
    return 0;
}

/* ---- prtMarkerSuppliesTable ---- */
static const struct glue_col supply_cols[] = { GLUE_COLS_MARKER_SUPPLIES };

static int supply_value(const struct glue_table *t, const struct prt_model *m,
                        const struct prt_device *d, const void *row, const oid *idx, oid col,
                        struct glue_val *v)
{
    const struct prt_supply *r = row;
    switch (col) {
    case PRT_COL_MARKER_SUPPLIES_MARKER_INDEX: v->i = r->marker_index; break;
    case PRT_COL_MARKER_SUPPLIES_COLORANT_INDEX: v->i = r->colorant_index; break;
    case PRT_COL_MARKER_SUPPLIES_CLASS: v->i = r->supply_class; break;
    case PRT_COL_MARKER_SUPPLIES_TYPE: v->i = r->type; break;
    case PRT_COL_MARKER_SUPPLIES_DESCRIPTION: glue_set_string(v, r->description); break;
    case PRT_COL_MARKER_SUPPLIES_SUPPLY_UNIT: v->i = r->supply_unit; break;
    case PRT_COL_MARKER_SUPPLIES_MAX_CAPACITY: v->i = r->max_capacity; break;
    case PRT_COL_MARKER_SUPPLIES_LEVEL: v->i = r->level; break;
    default: return -1;
    }
    return 0;
}

/* ---- prtMarkerColorantTable ---- */
static const struct glue_col colorant_cols[] = { GLUE_COLS_MARKER_COLORANT };

static int colorant_value(const struct glue_table *t, const struct prt_model *m,
                          const struct prt_device *d, const void *row, const oid *idx,
                          oid col, struct glue_val *v)
{
    const struct prt_colorant *r = row;
    switch (col) {
    case PRT_COL_MARKER_COLORANT_MARKER_INDEX: v->i = r->marker_index; break;
    case PRT_COL_MARKER_COLORANT_ROLE: v->i = r->role; break;
    case PRT_COL_MARKER_COLORANT_VALUE: glue_set_string(v, r->value); break;
    case PRT_COL_MARKER_COLORANT_TONALITY: v->i = r->tonality; break;
    default: return -1;
    }
    return 0;
}

/* ---- prtMediaPathTable ---- */
static const struct glue_col path_cols[] = { GLUE_COLS_MEDIA_PATH };

static int path_value(const struct glue_table *t, const struct prt_model *m,
                      const struct prt_device *d, const void *row, const oid *idx, oid col,
                      struct glue_val *v)
{
    const struct prt_media_path *r = row;
    switch (col) {
    case PRT_COL_MEDIA_PATH_MAX_SPEED_PRINT_UNIT: v->i = r->max_speed_unit; break;
    case PRT_COL_MEDIA_PATH_MEDIA_SIZE_UNIT: v->i = r->media_size_unit; break;
    case PRT_COL_MEDIA_PATH_MAX_SPEED: v->i = r->max_speed; break;
    case PRT_COL_MEDIA_PATH_MAX_MEDIA_FEED_DIR: v->i = r->max_media_feed; break;
    case PRT_COL_MEDIA_PATH_MAX_MEDIA_X_FEED_DIR: v->i = r->max_media_xfeed; break;
    case PRT_COL_MEDIA_PATH_MIN_MEDIA_FEED_DIR: v->i = r->min_media_feed; break;
    case PRT_COL_MEDIA_PATH_MIN_MEDIA_X_FEED_DIR: v->i = r->min_media_xfeed; break;
    case PRT_COL_MEDIA_PATH_TYPE: v->i = r->type; break;
    case PRT_COL_MEDIA_PATH_DESCRIPTION: glue_set_string(v, r->description); break;
    case PRT_COL_MEDIA_PATH_STATUS: v->i = r->status; break;
    default: return -1;
    }
    return 0;
}

/* ---- prtChannelTable ---- */
static const struct glue_col channel_cols[] = { GLUE_COLS_CHANNEL };

static int channel_value(const struct glue_table *t, const struct prt_model *m,
                         const struct prt_device *d, const void *row, const oid *idx, oid col,
                         struct glue_val *v)
{
    const struct prt_channel *r = row;
    switch (col) {
    case PRT_COL_CHANNEL_TYPE: v->i = r->type; break;
    case PRT_COL_CHANNEL_PROTOCOL_VERSION: glue_set_string(v, r->protocol_version); break;
    case PRT_COL_CHANNEL_CURRENT_JOB_CNTL_LANG_INDEX: v->i = r->current_job_cntl_lang_index; break;
    case PRT_COL_CHANNEL_DEFAULT_PAGE_DESC_LANG_INDEX: v->i = r->default_page_desc_lang_index; break;
    case PRT_COL_CHANNEL_STATE: v->i = r->state; break;
    case PRT_COL_CHANNEL_IF_INDEX: v->i = r->if_index; break;
    case PRT_COL_CHANNEL_STATUS: v->i = r->status; break;
    case PRT_COL_CHANNEL_INFORMATION: glue_set_string(v, r->information); break;
    default: return -1;
    }
    return 0;
}

/* ---- prtInterpreterTable ---- */
static const struct glue_col interp_cols[] = { GLUE_COLS_INTERPRETER };

static int interp_value(const struct glue_table *t, const struct prt_model *m,
                        const struct prt_device *d, const void *row, const oid *idx, oid col,
                        struct glue_val *v)
{
    const struct prt_interpreter *r = row;
    switch (col) {
    case PRT_COL_INTERPRETER_LANG_FAMILY: v->i = r->lang_family; break;
    case PRT_COL_INTERPRETER_LANG_LEVEL: glue_set_string(v, r->lang_level); break;
    case PRT_COL_INTERPRETER_LANG_VERSION: glue_set_string(v, r->lang_version); break;
    case PRT_COL_INTERPRETER_DESCRIPTION: glue_set_string(v, r->description); break;
    case PRT_COL_INTERPRETER_VERSION: glue_set_string(v, r->version); break;
    case PRT_COL_INTERPRETER_DEFAULT_ORIENTATION: v->i = r->default_orientation; break;
    case PRT_COL_INTERPRETER_FEED_ADDRESSABILITY: v->i = r->feed_addressability; break;
    case PRT_COL_INTERPRETER_X_FEED_ADDRESSABILITY: v->i = r->xfeed_addressability; break;
    case PRT_COL_INTERPRETER_DEFAULT_CHAR_SET_IN: v->i = r->default_charset_in; break;
    case PRT_COL_INTERPRETER_DEFAULT_CHAR_SET_OUT: v->i = r->default_charset_out; break;
    case PRT_COL_INTERPRETER_TWO_WAY: v->i = r->two_way; break;
    default: return -1;
    }
    return 0;
}

/* ---- prtConsoleDisplayBufferTable ---- */
static const struct glue_col display_cols[] = { GLUE_COLS_CONSOLE_DISPLAY_BUFFER };

static int display_value(const struct glue_table *t, const struct prt_model *m,
                         const struct prt_device *d, const void *row, const oid *idx, oid col,
                         struct glue_val *v)
{
    const struct prt_display_line *r = row;
    if (col != PRT_COL_CONSOLE_DISPLAY_BUFFER_TEXT)
        return -1;
    glue_set_string(v, r->text);
    return 0;
}

/* ---- prtConsoleLightTable ---- */
static const struct glue_col light_cols[] = { GLUE_COLS_CONSOLE_LIGHT };

static int light_value(const struct glue_table *t, const struct prt_model *m,
                       const struct prt_device *d, const void *row, const oid *idx, oid col,
                       struct glue_val *v)
{
    const struct prt_light *r = row;
    switch (col) {
    case PRT_COL_CONSOLE_ON_TIME: v->i = r->on_time; break;
    case PRT_COL_CONSOLE_OFF_TIME: v->i = r->off_time; break;
    case PRT_COL_CONSOLE_COLOR: v->i = r->color; break;
    case PRT_COL_CONSOLE_DESCRIPTION: glue_set_string(v, r->description); break;
    default: return -1;
    }
    return 0;
}

/* ---- prtAlertTable (prtAlertIndex is read-only in RFC 3805, so accessible) ----
 * Rows are served with whatever index the model gave them.  With the
 * PRISMAsync option "printdevRules indexWrapZero" a row can carry index 0
 * after a wrap (outside the MIB's 1..2147483647, as the real controllers
 * do); the default RFC behaviour never produces it. */
static const struct glue_col alert_cols[] = { GLUE_COLS_ALERT };

static int alert_value(const struct glue_table *t, const struct prt_model *m,
                       const struct prt_device *d, const void *row, const oid *idx, oid col,
                       struct glue_val *v)
{
    const struct prt_alert *r = row;
    switch (col) {
    case PRT_COL_ALERT_INDEX: v->i = r->index; break;
    case PRT_COL_ALERT_SEVERITY_LEVEL: v->i = r->severity; break;
    case PRT_COL_ALERT_TRAINING_LEVEL: v->i = r->training; break;
    case PRT_COL_ALERT_GROUP: v->i = r->group; break;
    case PRT_COL_ALERT_GROUP_INDEX: v->i = r->group_index; break;
    case PRT_COL_ALERT_LOCATION: v->i = r->location; break;
    case PRT_COL_ALERT_CODE: v->i = r->code; break;
    case PRT_COL_ALERT_DESCRIPTION: glue_set_string(v, r->description); break;
    case PRT_COL_ALERT_TIME: v->i = (long)r->time; break;
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
    { .name = "prtStorageRefTable", ENTRY(5, 2, 1), COLS(storage_ref_cols), .shape = GLUE_IX_STORAGE,
      .value = storage_ref_value },
    { .name = "prtDeviceRefTable", ENTRY(5, 3, 1), COLS(device_ref_cols),
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
