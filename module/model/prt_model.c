/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_model.c: the device model's lifecycle and row tables.
 *
 * Every table of a device is a plain array of rows kept sorted by the row's
 * own index (RFC 3805 indexes are Integer32 1..65535 and stable), so the
 * glue can answer GETNEXT by binary search and walks come out in
 * lexicographic order without sorting at request time.  All rows but the
 * storage-ref rows start with their int32_t index; prtStorageRefTable is
 * indexed { hrStorageIndex, prtStorageRefSeqNumber } (RFC 3805, 43.5.2) and
 * uses a composite key.
 *
 * prt_device_new() fills in the RFC defaults for a fresh device (the row
 * templates are in prt_model_rows.c); prt_device_validate() checks what the
 * MIB implies across tables (prt_model_validate.c).
 *
 * Pure C + POSIX: no Net-SNMP headers.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prt_columns.h"
#include "prt_model.h"
#include "prt_model_internal.h"

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

int prt_model_index_ok(int32_t index)
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
        if (!prt_model_index_ok(row->index))                                                       \
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
    if (!prt_model_index_ok(row->seq) || row->ref_index < 0)
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
    if (row->hr_storage_index < 1 || !prt_model_index_ok(row->seq) || row->device_index < 0)
        return -PRT_EINVAL;
    arr = d->storage_refs;
    rc = rows_insert(&arr, &d->n_storage_refs, sizeof(*row), key_storage_ref, row);
    d->storage_refs = arr;
    return rc;
}

/* ---- devices ---- */

struct prt_device *prt_device_new(int32_t hr_index, const char *name)
{
    struct prt_device *d;

    if (!prt_model_index_ok(hr_index) || name == NULL || name[0] == '\0' ||
        strlen(name) >= sizeof(d->name))
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

    if (m == NULL || dev == NULL || !prt_model_index_ok(dev->hr_index))
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

bool prt_identity_ok(const char *s)
{
    size_t n = 0;

    if (s == NULL || *s == '\0')
        return false;
    for (; *s; s++, n++)
        if ((unsigned char)*s <= 0x20 || *s == 0x7f)
            return false;
    return n <= PRT_IDENTITY_MAX;
}

struct prt_device *prt_model_find_identity(const struct prt_model *m, const char *identity)
{
    size_t i;

    if (m == NULL || identity == NULL || identity[0] == '\0')
        return NULL;
    for (i = 0; i < m->n_devices; i++)
        if (strcmp(m->devices[i]->identity, identity) == 0)
            return m->devices[i];
    return NULL;
}

struct prt_device *prt_model_find_context(const struct prt_model *m, const char *ctx)
{
    if (m == NULL || ctx == NULL)
        return NULL;
    for (size_t i = 0; i < m->n_devices; i++)
        if (strcmp(prt_system_context(m->devices[i]), ctx) == 0)
            return m->devices[i];
    return NULL;
}

struct prt_device *prt_model_remove_device(struct prt_model *m, int32_t hr_index)
{
    struct prt_device *d;
    size_t pos;
    int found;

    if (m == NULL)
        return NULL;
    pos = device_pos(m, hr_index, &found);
    if (!found)
        return NULL;
    d = m->devices[pos];
    memmove(m->devices + pos, m->devices + pos + 1, (m->n_devices - pos - 1) * sizeof(*m->devices));
    m->n_devices--;
    return d;
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
