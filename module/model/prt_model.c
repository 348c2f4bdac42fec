/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_model.c: the device model's lifecycle, row tables and validation.
 *
 * Every table of a device is a plain array of rows kept sorted by the row's
 * own index (RFC 3805 indexes are Integer32 1..65535 and stable), so the
 * glue can answer GETNEXT by binary search and walks come out in
 * lexicographic order without sorting at request time.  All rows but the
 * storage-ref rows start with their int32_t index; prtStorageRefTable is
 * indexed { hrStorageIndex, prtStorageRefSeqNumber } (RFC 3805, 43.5.2) and
 * uses a composite key.
 *
 * prt_device_new() fills in the RFC defaults for a fresh device;
 * prt_device_validate() checks what the MIB implies across tables (default
 * indexes naming real rows, supplies naming real markers and colorants,
 * the mandatory groups of prtMIB2Compliance being present, ...).
 *
 * Pure C + POSIX: no Net-SNMP headers.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prt_columns.h"
#include "prt_model.h"

const char *prt_strerror(int err)
{
    if (err < 0)
        err = -err;
    switch (err) {
    case PRT_OK:
        return "success";
    case PRT_ENOENT:
        return "no such device or row";
    case PRT_EINVAL:
        return "value out of range or not an assigned enumeration";
    case PRT_ETOOLONG:
        return "string longer than the MIB allows";
    case PRT_EINCONSISTENT:
        return "value inconsistent with other objects";
    case PRT_ERDONLY:
        return "object is not writable";
    case PRT_EEXIST:
        return "duplicate index or name";
    case PRT_ENOMEM:
        return "out of memory";
    case PRT_ELIMIT:
        return "table or model limit reached";
    case PRT_EIO:
        return "state file could not be read or written";
    default:
        return "unknown error";
    }
}

/* ---- generic sorted row arrays ---- */

typedef int64_t (*row_key_fn)(const void *row);

static int64_t key_first_int(const void *row)
{
    int32_t v;

    memcpy(&v, row, sizeof(v));
    return v;
}

static int64_t key_storage_ref(const void *row)
{
    const struct prt_storage_ref *r = row;

    return ((int64_t)r->hr_storage_index << 32) | (uint32_t)r->seq;
}

/* Position of key in arr (found = 1) or where it would be inserted. */
static size_t rows_search(const void *arr, size_t n, size_t size, row_key_fn key, int64_t k,
                          int *found)
{
    size_t lo = 0, hi = n;

    *found = 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int64_t mk = key((const char *)arr + mid * size);
        if (mk == k) {
            *found = 1;
            return mid;
        }
        if (mk < k)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void *rows_find(const void *arr, size_t n, size_t size, row_key_fn key, int64_t k)
{
    int found;
    size_t pos;

    if (arr == NULL || n == 0)
        return NULL;
    pos = rows_search(arr, n, size, key, k, &found);
    return found ? (char *)arr + pos * size : NULL;
}

static int rows_insert(void **arr, size_t *n, size_t size, row_key_fn key, const void *row)
{
    int found;
    size_t pos;
    char *na;

    if (*n >= PRT_MAX_ROWS)
        return -PRT_ELIMIT;
    pos = rows_search(*arr, *n, size, key, key(row), &found);
    if (found)
        return -PRT_EEXIST;
    na = realloc(*arr, (*n + 1) * size);
    if (na == NULL)
        return -PRT_ENOMEM;
    memmove(na + (pos + 1) * size, na + pos * size, (*n - pos) * size);
    memcpy(na + pos * size, row, size);
    *arr = na;
    (*n)++;
    return PRT_OK;
}

static int index_ok(int32_t index)
{
    return index >= 1 && index <= PRT_INDEX_MAX;
}

/* One find/add pair per table whose rows start with their index. */
#define PRT_ROW_TABLE(prefix, type, field, count)                                                  \
    type *prefix##_find(const struct prt_device *d, int32_t index)                                 \
    {                                                                                              \
        if (d == NULL)                                                                             \
            return NULL;                                                                           \
        return rows_find(d->field, d->count, sizeof(type), key_first_int, index);                  \
    }                                                                                              \
    int prefix##_add(struct prt_device *d, const type *row)                                        \
    {                                                                                              \
        void *arr;                                                                                 \
        int rc;                                                                                    \
        if (d == NULL || row == NULL)                                                              \
            return -PRT_EINVAL;                                                                    \
        if (!index_ok(row->index))                                                                 \
            return -PRT_EINVAL;                                                                    \
        arr = d->field;                                                                            \
        rc = rows_insert(&arr, &d->count, sizeof(type), key_first_int, row);                       \
        d->field = arr;                                                                            \
        return rc;                                                                                 \
    }

PRT_ROW_TABLE(prt_input, struct prt_input, inputs, n_inputs)
PRT_ROW_TABLE(prt_output, struct prt_output, outputs, n_outputs)
PRT_ROW_TABLE(prt_marker, struct prt_marker, markers, n_markers)
PRT_ROW_TABLE(prt_supply, struct prt_supply, supplies, n_supplies)
PRT_ROW_TABLE(prt_colorant, struct prt_colorant, colorants, n_colorants)
PRT_ROW_TABLE(prt_media_path, struct prt_media_path, media_paths, n_media_paths)
PRT_ROW_TABLE(prt_channel, struct prt_channel, channels, n_channels)
PRT_ROW_TABLE(prt_interpreter, struct prt_interpreter, interpreters, n_interpreters)
PRT_ROW_TABLE(prt_cover, struct prt_cover, covers, n_covers)
PRT_ROW_TABLE(prt_localization, struct prt_localization, localizations, n_localizations)
PRT_ROW_TABLE(prt_display, struct prt_display_line, display, n_display)
PRT_ROW_TABLE(prt_light, struct prt_light, lights, n_lights)
PRT_ROW_TABLE(prt_port, struct prt_ppm_port, ports, n_ports)

/* prtAlertIndex is Integer32 (1..2147483647) and the rules engine owns
 * insertion; only the look-up lives here. */
struct prt_alert *prt_alert_find(const struct prt_device *d, int32_t index)
{
    if (d == NULL)
        return NULL;
    return rows_find(d->alerts, d->n_alerts, sizeof(struct prt_alert), key_first_int, index);
}

struct prt_device_ref *prt_device_ref_find(const struct prt_device *d, int32_t seq)
{
    if (d == NULL)
        return NULL;
    return rows_find(d->device_refs, d->n_device_refs, sizeof(struct prt_device_ref), key_first_int,
                     seq);
}

int prt_device_ref_add(struct prt_device *d, const struct prt_device_ref *row)
{
    void *arr;
    int rc;

    if (d == NULL || row == NULL)
        return -PRT_EINVAL;
    if (!index_ok(row->seq) || row->ref_index < 0)
        return -PRT_EINVAL;
    arr = d->device_refs;
    rc = rows_insert(&arr, &d->n_device_refs, sizeof(*row), key_first_int, row);
    d->device_refs = arr;
    return rc;
}

struct prt_storage_ref *prt_storage_ref_find(const struct prt_device *d, int32_t hr_storage_index,
                                             int32_t seq)
{
    struct prt_storage_ref k;

    if (d == NULL)
        return NULL;
    k.hr_storage_index = hr_storage_index;
    k.seq = seq;
    return rows_find(d->storage_refs, d->n_storage_refs, sizeof(k), key_storage_ref,
                     key_storage_ref(&k));
}

int prt_storage_ref_add(struct prt_device *d, const struct prt_storage_ref *row)
{
    void *arr;
    int rc;

    if (d == NULL || row == NULL)
        return -PRT_EINVAL;
    /* hrStorageIndex is Integer32 (1..2147483647); the sequence 1..65535. */
    if (row->hr_storage_index < 1 || !index_ok(row->seq) || row->device_index < 0)
        return -PRT_EINVAL;
    arr = d->storage_refs;
    rc = rows_insert(&arr, &d->n_storage_refs, sizeof(*row), key_storage_ref, row);
    d->storage_refs = arr;
    return rc;
}

/* ---- row templates ---- */

void prt_input_init(struct prt_input *r, int32_t index)
{
    memset(r, 0, sizeof(*r));
    r->index = index;
    r->type = PrtInputTypeTC_other;
    r->dim_unit = PrtMediaUnitTC_micrometers;
    r->dim_feed_declared = r->dim_xfeed_declared = -2;
    r->dim_feed_chosen = r->dim_xfeed_chosen = -2;
    r->capacity_unit = PrtCapacityUnitTC_sheets;
    r->max_capacity = -2;
    r->current_level = -2;
    r->security = PresentOnOff_notPresent;
    r->media_weight = -2;
    r->media_form_parts = -2;
    r->media_load_timeout = -2;
    r->next_index = -3; /* input switching not supported */
}

void prt_output_init(struct prt_output *r, int32_t index)
{
    memset(r, 0, sizeof(*r));
    r->index = index;
    r->type = PrtOutputTypeTC_other;
    r->capacity_unit = PrtCapacityUnitTC_sheets;
    r->max_capacity = -2;
    r->remaining_capacity = -2;
    r->security = PresentOnOff_notPresent;
    r->dim_unit = PrtMediaUnitTC_micrometers;
    r->max_dim_feed = r->max_dim_xfeed = r->min_dim_feed = r->min_dim_xfeed = -2;
    r->stacking_order = PrtOutputStackingOrderTC_unknown;
    r->page_delivery_orientation = PrtOutputPageDeliveryOrientationTC_faceDown;
    r->bursting = r->decollating = r->page_collated = r->offset_stacking = PresentOnOff_notPresent;
}

void prt_marker_init(struct prt_marker *r, int32_t index)
{
    memset(r, 0, sizeof(*r));
    r->index = index;
    r->mark_tech = PrtMarkerMarkTechTC_unknown;
    r->counter_unit = PrtMarkerCounterUnitTC_impressions;
    r->process_colorants = 1;
    r->addressability_unit = PrtMarkerAddressabilityUnitTC_tenThousandthsOfInches;
    r->addressability_feed = r->addressability_xfeed = -2;
    r->north_margin = r->south_margin = r->west_margin = r->east_margin = -2;
}

void prt_supply_init(struct prt_supply *r, int32_t index)
{
    memset(r, 0, sizeof(*r));
    r->index = index;
    r->supply_class = PrtMarkerSuppliesClassTC_supplyThatIsConsumed;
    r->type = PrtMarkerSuppliesTypeTC_unknown;
    r->supply_unit = PrtMarkerSuppliesSupplyUnitTC_percent;
    r->max_capacity = -2;
    r->level = -2;
    r->low_percent = -1; /* -1: use the device's rules.toner_low_percent */
}

void prt_colorant_init(struct prt_colorant *r, int32_t index)
{
    memset(r, 0, sizeof(*r));
    r->index = index;
    r->role = PrtMarkerColorantRoleTC_process;
    r->tonality = 256;
}

void prt_media_path_init(struct prt_media_path *r, int32_t index)
{
    memset(r, 0, sizeof(*r));
    r->index = index;
    r->max_speed_unit = PrtMediaPathMaxSpeedPrintUnitTC_impressionsPerHour;
    r->media_size_unit = PrtMediaUnitTC_micrometers;
    r->max_speed = -2;
    r->max_media_feed = r->max_media_xfeed = r->min_media_feed = r->min_media_xfeed = -2;
    r->type = PrtMediaPathTypeTC_simplex;
    r->jam_location = -2;
}

void prt_channel_init(struct prt_channel *r, int32_t index)
{
    memset(r, 0, sizeof(*r));
    r->index = index;
    r->type = PrtChannelTypeTC_other;
    r->state = PrtChannelStateTC_printDataAccepted;
}

void prt_interpreter_init(struct prt_interpreter *r, int32_t index)
{
    memset(r, 0, sizeof(*r));
    r->index = index;
    r->lang_family = PrtInterpreterLangFamilyTC_other;
    r->default_orientation = PrtPrintOrientationTC_portrait;
    r->feed_addressability = r->xfeed_addressability = -2;
    r->default_charset_in = r->default_charset_out = PRT_CHARSET_UTF8;
    r->two_way = PrtInterpreterTwoWayTC_no;
}

void prt_cover_init(struct prt_cover *r, int32_t index)
{
    memset(r, 0, sizeof(*r));
    r->index = index;
    r->status = PrtCoverStatusTC_coverClosed;
}

void prt_localization_init(struct prt_localization *r, int32_t index)
{
    memset(r, 0, sizeof(*r));
    r->index = index;
    memcpy(r->language, "en", 3);
    memcpy(r->country, "US", 3);
    r->charset = PRT_CHARSET_UTF8;
}

void prt_light_init(struct prt_light *r, int32_t index)
{
    memset(r, 0, sizeof(*r));
    r->index = index;
    r->color = PrtConsoleColorTC_unknown;
    r->role = PRT_LIGHT_NONE;
}

void prt_port_init(struct prt_ppm_port *r, int32_t index)
{
    memset(r, 0, sizeof(*r));
    r->index = index;
    r->enabled = true;
}

bool prt_charset_valid(int32_t charset)
{
    /* IANACharset MIBenum values: other(1), unknown(2), then the registry's
     * ranges 3..999 (ISO/IANA), 1000..1999 (Unicode), 2000..2999 (vendor). */
    return charset >= 1 && charset <= 2999;
}

/* ---- devices ---- */

struct prt_device *prt_device_new(int32_t hr_index, const char *name)
{
    struct prt_device *d;

    if (!index_ok(hr_index) || name == NULL || name[0] == '\0' || strlen(name) >= sizeof(d->name))
        return NULL;
    d = calloc(1, sizeof(*d));
    if (d == NULL)
        return NULL;
    d->hr_index = hr_index;
    memcpy(d->name, name, strlen(name) + 1);

    /* hrDeviceID: "0.0" when the product is unknown (HOST-RESOURCES-MIB,
     * ProductID TC). */
    d->hr_device_id.len = 2;
    d->hr_device_id.ids[0] = 0;
    d->hr_device_id.ids[1] = 0;
    /* Idle printer until the rules derive otherwise (RFC 3805 §2.2.13.2). */
    d->hr_device_status = hrDeviceStatus_running;
    d->hr_printer_status = hrPrinterStatus_idle;

    d->general.current_localization = 1;
    d->general.reset = PrtGeneralResetTC_notResetting;
    d->general.input_default_index = 1;
    d->general.output_default_index = 1;
    d->general.marker_default_index = 1;
    d->general.media_path_default_index = 1;
    d->general.console_localization = 1;
    d->general.console_disable = PrtConsoleDisableTC_enabled;
    d->general.startup_page = PresentOnOff_off;
    d->general.banner_page = PresentOnOff_off;

    d->cond.engine = PRT_ENGINE_IDLE;

    d->rules.toner_low_percent = 10;
    d->rules.toner_empty_percent = 0;
    d->rules.input_low_percent = 0;
    d->rules.oce_all_trays_empty = true;
    d->rules.oce_all_outputs_full = true;
    d->rules.oce_operator_intervention = true;
    d->rules.oce_status = false;
    d->rules.oce_index_wrap_zero = false;
    d->rules.removal_entries = false;
    d->rules.alert_table_size = PRT_ALERT_TABLE_DEFAULT;
    d->rules.unary_max_age = 0;

    /* prtAlertIndex starts at 1 after a reset (RFC 3805 §2.2.13.3). */
    d->next_alert_index = 1;
    return d;
}

static void free_rows(struct prt_device *d)
{
    free(d->ports);
    free(d->storage_refs);
    free(d->device_refs);
    free(d->covers);
    free(d->localizations);
    free(d->inputs);
    free(d->outputs);
    free(d->markers);
    free(d->supplies);
    free(d->colorants);
    free(d->media_paths);
    free(d->channels);
    free(d->interpreters);
    free(d->display);
    free(d->lights);
    free(d->alerts);
}

void prt_device_free(struct prt_device *d)
{
    if (d == NULL)
        return;
    free_rows(d);
    prt_device_free(d->factory);
    free(d);
}

static int dup_rows(void **dst, const void *src, size_t n, size_t size)
{
    *dst = NULL;
    if (n == 0 || src == NULL)
        return 0;
    *dst = malloc(n * size);
    if (*dst == NULL)
        return -1;
    memcpy(*dst, src, n * size);
    return 0;
}

struct prt_device *prt_device_clone(const struct prt_device *src)
{
    struct prt_device *d;
    int rc = 0;

    if (src == NULL)
        return NULL;
    d = malloc(sizeof(*d));
    if (d == NULL)
        return NULL;
    memcpy(d, src, sizeof(*d));
    d->factory = NULL;
#define DUP(field, count)                                                                          \
    do {                                                                                           \
        void *tmp;                                                                                 \
        rc |= dup_rows(&tmp, src->field, src->count, sizeof(*src->field));                         \
        d->field = tmp;                                                                            \
        if (d->field == NULL)                                                                      \
            d->count = 0;                                                                          \
    } while (0)
    DUP(ports, n_ports);
    DUP(storage_refs, n_storage_refs);
    DUP(device_refs, n_device_refs);
    DUP(covers, n_covers);
    DUP(localizations, n_localizations);
    DUP(inputs, n_inputs);
    DUP(outputs, n_outputs);
    DUP(markers, n_markers);
    DUP(supplies, n_supplies);
    DUP(colorants, n_colorants);
    DUP(media_paths, n_media_paths);
    DUP(channels, n_channels);
    DUP(interpreters, n_interpreters);
    DUP(display, n_display);
    DUP(lights, n_lights);
    DUP(alerts, n_alerts);
#undef DUP
    if (rc != 0) {
        prt_device_free(d);
        return NULL;
    }
    return d;
}

void prt_device_restore(struct prt_device *d, struct prt_device *snap)
{
    struct prt_device *factory = d->factory;

    if (snap == NULL || snap == d)
        return;
    free_rows(d);
    *d = *snap;
    d->factory = factory;
    free(snap); /* the shell only: its rows now belong to d */
}

/* ---- the model ---- */

struct prt_model *prt_model_new(void)
{
    return calloc(1, sizeof(struct prt_model));
}

void prt_model_free(struct prt_model *m)
{
    size_t i;

    if (m == NULL)
        return;
    for (i = 0; i < m->n_devices; i++)
        prt_device_free(m->devices[i]);
    free(m->devices);
    free(m);
}

static size_t device_pos(const struct prt_model *m, int32_t hr_index, int *found)
{
    size_t lo = 0, hi = m->n_devices;

    *found = 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int32_t k = m->devices[mid]->hr_index;
        if (k == hr_index) {
            *found = 1;
            return mid;
        }
        if (k < hr_index)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int prt_model_add_device(struct prt_model *m, struct prt_device *dev)
{
    struct prt_device **nd;
    size_t pos;
    int found;

    if (m == NULL || dev == NULL || !index_ok(dev->hr_index))
        return -PRT_EINVAL;
    if (m->n_devices >= PRT_MAX_DEVICES)
        return -PRT_ELIMIT;
    pos = device_pos(m, dev->hr_index, &found);
    if (found || prt_model_find_name(m, dev->name) != NULL)
        return -PRT_EEXIST;
    nd = realloc(m->devices, (m->n_devices + 1) * sizeof(*nd));
    if (nd == NULL)
        return -PRT_ENOMEM;
    memmove(nd + pos + 1, nd + pos, (m->n_devices - pos) * sizeof(*nd));
    nd[pos] = dev;
    m->devices = nd;
    m->n_devices++;
    return PRT_OK;
}

struct prt_device *prt_model_find(const struct prt_model *m, int32_t hr_index)
{
    size_t pos;
    int found;

    if (m == NULL)
        return NULL;
    pos = device_pos(m, hr_index, &found);
    return found ? m->devices[pos] : NULL;
}

struct prt_device *prt_model_find_name(const struct prt_model *m, const char *name)
{
    size_t i;

    if (m == NULL || name == NULL)
        return NULL;
    for (i = 0; i < m->n_devices; i++)
        if (strcmp(m->devices[i]->name, name) == 0)
            return m->devices[i];
    return NULL;
}

struct prt_device *prt_model_next(const struct prt_model *m, int32_t after)
{
    size_t pos;
    int found;

    if (m == NULL)
        return NULL;
    pos = device_pos(m, after, &found);
    if (found)
        pos++;
    return pos < m->n_devices ? m->devices[pos] : NULL;
}

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
    if (!index_ok(d->hr_index))
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
