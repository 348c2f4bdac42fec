/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * glue_index.c: the table engine's model look-ups.  From the index part of
 * an OID, the model row it names, by binary search in the model's sorted
 * arrays (devices by hrDeviceIndex, rows by their own index): exact for
 * GET and SET, the next instance for GETNEXT (SMIv2 order, RFC 2578
 * §7.7), and the cross-device ordering of prtStorageRefTable
 * (INDEX { hrStorageIndex, prtStorageRefSeqNumber }).  Used by the handler
 * (glue_table.c), the SET transaction (glue_set.c) and the commit
 * (glue_commit.c), which all serve glue_model.
 */
#include <config.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "glue_internal.h"
#include "printdev_oids.h"

struct prt_model *glue_model;

/* ---- model look-ups (binary search) ---- */

/* The view's devices: the model's sorted array, or the context's device
 * alone at position 0 (presented as hrDeviceIndex 1). */
static size_t dev_count(const struct glue_view *vw)
{
    return vw->only ? 1 : vw->m->n_devices;
}

static struct prt_device *dev_at(const struct glue_view *vw, size_t p)
{
    return vw->only ? vw->only : vw->m->devices[p];
}

/* Position of the first device with (presented) hrDeviceIndex > x (x may
 * exceed Integer32). */
static size_t dev_upper(const struct glue_view *vw, oid x)
{
    size_t lo = 0, hi;
    if (vw->only)
        return x >= 1 ? 1 : 0;
    hi = vw->m->n_devices;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if ((oid)vw->m->devices[mid]->hr_index <= x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static struct prt_device *dev_exact(const struct glue_view *vw, oid x)
{
    size_t p = dev_upper(vw, x);
    if (p > 0 && (oid)glue_view_hr(vw, dev_at(vw, p - 1)) == x)
        return dev_at(vw, p - 1);
    return NULL;
}

static const char *rows_of(const struct glue_table *t, const struct prt_device *d, size_t *n)
{
    *n = *(const size_t *)((const char *)d + t->n_off);
    return *(const char *const *)((const char *)d + t->arr_off);
}

static oid row_index(const struct glue_table *t, const char *base, size_t i)
{
    return (oid)(uint32_t) * (const int32_t *)(base + i * t->row_size + t->idx_off);
}

/* First row position with index > x. */
static size_t row_upper(const struct glue_table *t, const char *base, size_t n, oid x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (row_index(t, base, mid) <= x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* ---- prtStorageRefTable ordering: INDEX { hrStorageIndex, seq } across devices ---- */
struct storage_key {
    oid hs, seq;
    int32_t hr;      /* owning device */
    size_t pos;      /* row position in that device's storage_refs */
};
static struct storage_key *skeys;
static size_t n_skeys;

static int skey_cmp(const void *a, const void *b)
{
    const struct storage_key *x = a, *y = b;
    if (x->hs != y->hs)
        return x->hs < y->hs ? -1 : 1;
    if (x->seq != y->seq)
        return x->seq < y->seq ? -1 : 1;
    return 0;
}

int glue_storage_index_build(const struct prt_model *m)
{
    size_t n = 0, k = 0;
    glue_storage_index_free();
    for (size_t i = 0; i < m->n_devices; i++)
        n += m->devices[i]->n_storage_refs;
    if (n == 0)
        return 0;
    skeys = calloc(n, sizeof(*skeys));
    if (!skeys)
        return -1;
    for (size_t i = 0; i < m->n_devices; i++) {
        const struct prt_device *d = m->devices[i];
        for (size_t j = 0; j < d->n_storage_refs; j++) {
            skeys[k].hs = (oid)(uint32_t)d->storage_refs[j].hr_storage_index;
            skeys[k].seq = (oid)(uint32_t)d->storage_refs[j].seq;
            skeys[k].hr = d->hr_index;
            skeys[k].pos = j;
            k++;
        }
    }
    qsort(skeys, n, sizeof(*skeys), skey_cmp);
    n_skeys = n;
    return 0;
}

void glue_storage_index_free(void)
{
    free(skeys);
    skeys = NULL;
    n_skeys = 0;
}

/* prtStorageRefTable in a device context: that device's rows only (a
 * handful; a linear scan).  exact: the row (hs, seq); next: the smallest
 * (hs, seq) greater than rest. */
static const struct prt_storage_ref *storage_only(const struct prt_device *d, const oid *key,
                                                  size_t klen, int exact)
{
    const struct prt_storage_ref *best = NULL;
    oid bt[2] = { 0, 0 };
    for (size_t j = 0; j < d->n_storage_refs; j++) {
        oid tup[2] = { (oid)(uint32_t)d->storage_refs[j].hr_storage_index,
                       (oid)(uint32_t)d->storage_refs[j].seq };
        int c = snmp_oid_compare(tup, 2, key, klen);
        if (exact ? c == 0 : c > 0 && (!best || snmp_oid_compare(tup, 2, bt, 2) < 0)) {
            best = &d->storage_refs[j];
            bt[0] = tup[0];
            bt[1] = tup[1];
            if (exact)
                break;
        }
    }
    return best;
}

/* ---- instances ---- */

/* Exact look-up of the instance named by idx[0..len). */
int glue_inst_exact(const struct glue_table *t, const struct glue_view *vw, const oid *idx,
                    size_t len, struct inst *in)
{
    memset(in, 0, sizeof(*in));
    switch (t->shape) {
    case GLUE_IX_SCALAR:
        if (len != 1 || idx[0] != 0)
            return 0;
        in->d = vw->only; /* scalar groups answer for the context's device */
        in->len = 1;
        return 1;
    case GLUE_IX_DEVICE:
        if (len != 1 || !(in->d = dev_exact(vw, idx[0])))
            return 0;
        in->idx[0] = idx[0];
        in->len = 1;
        return 1;
    case GLUE_IX_ROW: {
        size_t n, p;
        const char *base;
        if (len != 2 || !(in->d = dev_exact(vw, idx[0])))
            return 0;
        base = rows_of(t, in->d, &n);
        p = row_upper(t, base, n, idx[1]);
        if (p == 0 || row_index(t, base, p - 1) != idx[1])
            return 0;
        in->row = base + (p - 1) * t->row_size;
        in->idx[0] = idx[0];
        in->idx[1] = idx[1];
        in->len = 2;
        return 1;
    }
    case GLUE_IX_BILLING:
        if (len != 4 || !(in->d = dev_exact(vw, idx[0])))
            return 0;
        for (size_t i = 1; i < 4; i++)
            if (idx[i] < 1 || idx[i] > 2)
                return 0;
        memcpy(in->idx, idx, 4 * sizeof(oid));
        in->len = 4;
        return 1;
    case GLUE_IX_STORAGE: {
        struct storage_key key = { .hs = len == 2 ? idx[0] : 0, .seq = len == 2 ? idx[1] : 0 };
        const struct storage_key *k;
        if (len != 2)
            return 0;
        if (vw->only) {
            if (!(in->row = storage_only(vw->only, idx, 2, 1)))
                return 0;
            in->d = vw->only;
            in->idx[0] = idx[0];
            in->idx[1] = idx[1];
            in->len = 2;
            return 1;
        }
        if (n_skeys == 0)
            return 0;
        k = bsearch(&key, skeys, n_skeys, sizeof(*skeys), skey_cmp);
        if (!k || !(in->d = dev_exact(vw, (oid)k->hr)) || k->pos >= in->d->n_storage_refs)
            return 0;
        in->row = &in->d->storage_refs[k->pos];
        in->idx[0] = idx[0];
        in->idx[1] = idx[1];
        in->len = 2;
        return 1;
    }
    }
    return 0;
}

/* Smallest instance whose index OID is strictly greater than rest[0..rlen). */
int glue_inst_next(const struct glue_table *t, const struct glue_view *vw, const oid *rest,
                   size_t rlen, struct inst *in)
{
    memset(in, 0, sizeof(*in));
    switch (t->shape) {
    case GLUE_IX_SCALAR:
        if (rlen != 0)
            return 0;
        in->d = vw->only;
        in->len = 1;
        return 1;
    case GLUE_IX_DEVICE: {
        size_t p = rlen == 0 ? 0 : dev_upper(vw, rest[0]);
        if (p >= dev_count(vw))
            return 0;
        in->d = dev_at(vw, p);
        in->idx[0] = (oid)glue_view_hr(vw, in->d);
        in->len = 1;
        return 1;
    }
    case GLUE_IX_ROW: {
        size_t p = 0;
        if (rlen > 0) {
            struct prt_device *d = dev_exact(vw, rest[0]);
            p = dev_upper(vw, rest[0]);
            if (d) {
                size_t n, r;
                const char *base = rows_of(t, d, &n);
                r = rlen == 1 ? 0 : row_upper(t, base, n, rest[1]);
                if (r < n) {
                    in->d = d;
                    in->row = base + r * t->row_size;
                    goto found_row;
                }
            }
        }
        for (; p < dev_count(vw); p++) {
            size_t n;
            const char *base = rows_of(t, dev_at(vw, p), &n);
            if (n > 0) {
                in->d = dev_at(vw, p);
                in->row = base;
                goto found_row;
            }
        }
        return 0;
    found_row:
        in->idx[0] = (oid)glue_view_hr(vw, in->d);
        in->idx[1] = row_index(t, (const char *)in->row, 0);
        in->len = 2;
        return 1;
    }
    case GLUE_IX_BILLING: {
        size_t p = 0;
        if (rlen > 0) {
            struct prt_device *d = dev_exact(vw, rest[0]);
            p = dev_upper(vw, rest[0]);
            if (d) {
                oid tup[4] = { rest[0], 1, 1, 1 };
                for (int k = 0; k < 8; k++) {
                    tup[1] = 1 + ((k >> 2) & 1);
                    tup[2] = 1 + ((k >> 1) & 1);
                    tup[3] = 1 + (k & 1);
                    if (snmp_oid_compare(tup, 4, rest, rlen) > 0) {
                        in->d = d;
                        memcpy(in->idx, tup, sizeof(tup));
                        in->len = 4;
                        return 1;
                    }
                }
            }
        }
        if (p >= dev_count(vw))
            return 0;
        in->d = dev_at(vw, p);
        in->idx[0] = (oid)glue_view_hr(vw, in->d);
        in->idx[1] = in->idx[2] = in->idx[3] = 1;
        in->len = 4;
        return 1;
    }
    case GLUE_IX_STORAGE: {
        size_t lo = 0, hi = n_skeys;
        if (vw->only) {
            if (!(in->row = storage_only(vw->only, rest, rlen, 0)))
                return 0;
            in->d = vw->only;
            in->idx[0] = (oid)(uint32_t)((const struct prt_storage_ref *)in->row)->hr_storage_index;
            in->idx[1] = (oid)(uint32_t)((const struct prt_storage_ref *)in->row)->seq;
            in->len = 2;
            return 1;
        }
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            oid tup[2] = { skeys[mid].hs, skeys[mid].seq };
            if (snmp_oid_compare(tup, 2, rest, rlen) <= 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (; lo < n_skeys; lo++) {
            struct prt_device *d = dev_exact(vw, (oid)skeys[lo].hr);
            if (d && skeys[lo].pos < d->n_storage_refs) {
                in->d = d;
                in->row = &d->storage_refs[skeys[lo].pos];
                in->idx[0] = skeys[lo].hs;
                in->idx[1] = skeys[lo].seq;
                in->len = 2;
                return 1;
            }
        }
        return 0;
    }
    }
    return 0;
}

const struct glue_col *glue_col_find(const struct glue_table *t, oid sub)
{
    size_t lo = 0, hi = t->ncols;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->cols[mid].sub == sub)
            return &t->cols[mid];
        if (t->cols[mid].sub < sub)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

struct prt_device *glue_dev_exact(const struct prt_model *m, oid hr_index)
{
    struct glue_view vw = { .m = m, .only = NULL };
    return dev_exact(&vw, hr_index);
}

/* ---- contexts: name -> device ---- */
static struct glue_ctx_key *ctx_keys;
static size_t n_ctx_keys;

static int ctx_key_cmp(const void *a, const void *b)
{
    return strcmp(((const struct glue_ctx_key *)a)->name, ((const struct glue_ctx_key *)b)->name);
}

void glue_view_set_contexts(struct glue_ctx_key *keys, size_t n)
{
    free(ctx_keys);
    ctx_keys = keys;
    n_ctx_keys = keys ? n : 0;
}

void glue_view_of(const char *context, struct glue_view *vw)
{
    struct glue_ctx_key key;
    const struct glue_ctx_key *k;

    vw->m = glue_model;
    vw->only = NULL;
    if (!context || !context[0] || !glue_model)
        return;
    vw->m = NULL; /* unless the context names a device of the model */
    if (strlen(context) > PRT_CONTEXT_MAX || n_ctx_keys == 0)
        return;
    strcpy(key.name, context);
    k = bsearch(&key, ctx_keys, n_ctx_keys, sizeof(*ctx_keys), ctx_key_cmp);
    if (k && (vw->only = glue_dev_exact(glue_model, (oid)k->hr)))
        vw->m = glue_model;
}
