/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * glue_table.c: the one table engine of printdev.  Every table and scalar
 * group (RFC 3805 Printer-MIB, PWG Port Monitor MIB, PRINTDEV-MIB) is a
 * struct glue_table registered in a loop by glue_tables_register(); one
 * Net-SNMP handler serves GET, GETNEXT (GETBULK through Net-SNMP's
 * bulk_to_next helper) and the SET phases of all of them.
 *
 * The engine keeps no rows.  For each varbind it decodes the index from the
 * OID and finds the model row by binary search in the model's sorted arrays
 * (devices by hrDeviceIndex, rows by their own index), so a request costs
 * O(log n) whatever the table size, and rows may appear or vanish between
 * two requests (alerts do) without anything dangling.
 *
 * Instance ordering follows SMIv2 (RFC 2578 §7.7): integer indexes are one
 * sub-id each, so OID order is (hrDeviceIndex, row index) order.  GETNEXT
 * returns the smallest instance strictly greater than the request OID,
 * column by column; an unanswered GETNEXT is left untouched so the agent
 * moves on to the next registered subtree.
 *
 * The printer's hrDeviceTable / hrPrinterTable rows are registered cell by
 * cell (one instance registration per column per device) so they coexist
 * with snmpd's own host-resources module, which owns those tables.
 *
 * SET requests are served by glue_set.c (one transaction per request).
 */
#include <config.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "glue_internal.h"
#include "printdev_oids.h"

struct prt_model *glue_model;

/* ---- registrations we own ---- */
static netsnmp_handler_registration **regs;
static size_t n_regs, cap_regs;

static int keep_reg(netsnmp_handler_registration *r)
{
    if (n_regs == cap_regs) {
        size_t ncap = cap_regs ? cap_regs * 2 : 64;
        netsnmp_handler_registration **nr = realloc(regs, ncap * sizeof(*nr));
        if (!nr)
            return -1;
        regs = nr;
        cap_regs = ncap;
    }
    regs[n_regs++] = r;
    return 0;
}

static void drop_regs(void)
{
    /* reverse order of registration */
    while (n_regs > 0)
        netsnmp_unregister_handler(regs[--n_regs]);
    free(regs);
    regs = NULL;
    cap_regs = 0;
}

/* ---- model look-ups (binary search) ---- */

/* Position of the first device with hr_index > x (x may exceed Integer32). */
static size_t dev_upper(const struct prt_model *m, oid x)
{
    size_t lo = 0, hi = m->n_devices;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if ((oid)m->devices[mid]->hr_index <= x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static struct prt_device *dev_exact(const struct prt_model *m, oid x)
{
    size_t p = dev_upper(m, x);
    if (p > 0 && (oid)m->devices[p - 1]->hr_index == x)
        return m->devices[p - 1];
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

/* ---- instances ---- */

/* Exact look-up of the instance named by idx[0..len). */
static int inst_exact(const struct glue_table *t, const struct prt_model *m, const oid *idx,
                      size_t len, struct inst *in)
{
    memset(in, 0, sizeof(*in));
    switch (t->shape) {
    case GLUE_IX_SCALAR:
        if (len != 1 || idx[0] != 0)
            return 0;
        in->len = 1;
        return 1;
    case GLUE_IX_DEVICE:
        if (len != 1 || !(in->d = dev_exact(m, idx[0])))
            return 0;
        in->idx[0] = idx[0];
        in->len = 1;
        return 1;
    case GLUE_IX_ROW: {
        size_t n, p;
        const char *base;
        if (len != 2 || !(in->d = dev_exact(m, idx[0])))
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
        if (len != 4 || !(in->d = dev_exact(m, idx[0])))
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
        if (len != 2 || n_skeys == 0)
            return 0;
        k = bsearch(&key, skeys, n_skeys, sizeof(*skeys), skey_cmp);
        if (!k || !(in->d = dev_exact(m, (oid)k->hr)) || k->pos >= in->d->n_storage_refs)
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
static int inst_next(const struct glue_table *t, const struct prt_model *m, const oid *rest,
                     size_t rlen, struct inst *in)
{
    memset(in, 0, sizeof(*in));
    switch (t->shape) {
    case GLUE_IX_SCALAR:
        if (rlen != 0)
            return 0;
        in->len = 1;
        return 1;
    case GLUE_IX_DEVICE: {
        size_t p = rlen == 0 ? 0 : dev_upper(m, rest[0]);
        if (p >= m->n_devices)
            return 0;
        in->d = m->devices[p];
        in->idx[0] = (oid)in->d->hr_index;
        in->len = 1;
        return 1;
    }
    case GLUE_IX_ROW: {
        size_t p = 0;
        if (rlen > 0) {
            struct prt_device *d = dev_exact(m, rest[0]);
            p = dev_upper(m, rest[0]);
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
        for (; p < m->n_devices; p++) {
            size_t n;
            const char *base = rows_of(t, m->devices[p], &n);
            if (n > 0) {
                in->d = m->devices[p];
                in->row = base;
                goto found_row;
            }
        }
        return 0;
    found_row:
        in->idx[0] = (oid)in->d->hr_index;
        in->idx[1] = row_index(t, (const char *)in->row, 0);
        in->len = 2;
        return 1;
    }
    case GLUE_IX_BILLING: {
        size_t p = 0;
        if (rlen > 0) {
            struct prt_device *d = dev_exact(m, rest[0]);
            p = dev_upper(m, rest[0]);
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
        if (p >= m->n_devices)
            return 0;
        in->d = m->devices[p];
        in->idx[0] = (oid)in->d->hr_index;
        in->idx[1] = in->idx[2] = in->idx[3] = 1;
        in->len = 4;
        return 1;
    }
    case GLUE_IX_STORAGE: {
        size_t lo = 0, hi = n_skeys;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            oid tup[2] = { skeys[mid].hs, skeys[mid].seq };
            if (snmp_oid_compare(tup, 2, rest, rlen) <= 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (; lo < n_skeys; lo++) {
            struct prt_device *d = dev_exact(m, (oid)skeys[lo].hr);
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

static const struct glue_col *col_find(const struct glue_table *t, oid sub)
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

/* For glue_set.c. */
struct prt_device *glue_dev_exact(const struct prt_model *m, oid hr_index)
{
    return dev_exact(m, hr_index);
}

int glue_inst_exact(const struct glue_table *t, const struct prt_model *m, const oid *idx,
                    size_t len, struct inst *in)
{
    return inst_exact(t, m, idx, len, in);
}

const struct glue_col *glue_col_find(const struct glue_table *t, oid sub)
{
    return col_find(t, sub);
}

/* ---- values ---- */

static int fill_value(const struct glue_table *t, const struct prt_model *m,
                      const struct inst *in, const struct glue_col *c,
                      netsnmp_variable_list *vb)
{
    struct glue_val v;
    memset(&v, 0, sizeof(v));
    v.type = c->type;
    if (t->value(t, m, in->d, in->row, in->idx, c->sub, &v) != 0)
        return -1;
    switch (v.type) {
    case ASN_OCTET_STR:
        return snmp_set_var_typed_value(vb, ASN_OCTET_STR, v.len ? v.p : "", v.len);
    case ASN_OBJECT_ID:
        return snmp_set_var_typed_value(vb, ASN_OBJECT_ID, v.p, v.len);
    case ASN_COUNTER64:
        return snmp_set_var_typed_value(vb, ASN_COUNTER64, &v.c64, sizeof(v.c64));
    case ASN_INTEGER:
        return snmp_set_var_typed_value(vb, ASN_INTEGER, &v.i, sizeof(v.i));
    default: { /* Counter32, Gauge32, TimeTicks: unsigned 32-bit */
        u_long u = (u_long)(uint32_t)v.i;
        return snmp_set_var_typed_value(vb, v.type, &u, sizeof(u));
    }
    }
}

/* ---- GET / GETNEXT ---- */

static void do_get(const struct glue_table *t, netsnmp_agent_request_info *reqinfo,
                   netsnmp_request_info *req)
{
    const netsnmp_variable_list *vb = req->requestvb;
    const struct glue_col *c;
    struct inst in;

    if (vb->name_length <= t->entry_len ||
        snmp_oid_compare(vb->name, t->entry_len, t->entry, t->entry_len) != 0 ||
        !(c = col_find(t, vb->name[t->entry_len])) || c->access == GLUE_NA) {
        netsnmp_set_request_error(reqinfo, req, SNMP_NOSUCHOBJECT);
        return;
    }
    if (!glue_model ||
        !inst_exact(t, glue_model, vb->name + t->entry_len + 1,
                    vb->name_length - t->entry_len - 1, &in) ||
        fill_value(t, glue_model, &in, c, req->requestvb) != 0)
        netsnmp_set_request_error(reqinfo, req, SNMP_NOSUCHINSTANCE);
}

static void do_getnext(const struct glue_table *t, netsnmp_request_info *req)
{
    netsnmp_variable_list *vb = req->requestvb;
    const oid *rest = NULL;
    size_t rlen = 0, ci = 0;
    oid want = 0;

    if (!glue_model)
        return;
    if (snmp_oid_compare(vb->name, vb->name_length, t->entry, t->entry_len) < 0) {
        /* before the entry: start at the first column */
    } else if (netsnmp_oid_is_subtree(t->entry, t->entry_len, vb->name, vb->name_length) == 0) {
        if (vb->name_length > t->entry_len) {
            want = vb->name[t->entry_len];
            rest = vb->name + t->entry_len + 1;
            rlen = vb->name_length - t->entry_len - 1;
        }
    } else {
        return; /* beyond our entry */
    }
    oid skip[4];

    while (ci < t->ncols && t->cols[ci].sub < want)
        ci++;
    for (; ci < t->ncols; ci++) {
        const struct glue_col *c = &t->cols[ci];
        struct inst in;
        if (c->access == GLUE_NA)
            continue;
        if (c->sub != want) {
            rest = NULL;
            rlen = 0;
        }
        while (inst_next(t, glue_model, rest, rlen, &in)) {
            oid name[MAX_OID_LEN];
            size_t len = t->entry_len;
            memcpy(name, t->entry, len * sizeof(oid));
            name[len++] = c->sub;
            memcpy(name + len, in.idx, in.len * sizeof(oid));
            len += in.len;
            if (fill_value(t, glue_model, &in, c, vb) == 0) {
                snmp_set_var_objid(vb, name, len);
                return;
            }
            /* the value function declined this instance: skip it */
            memcpy(skip, in.idx, in.len * sizeof(oid));
            rest = skip;
            rlen = in.len;
        }
    }
}

/* ---- the handler ---- */

static int table_handler(netsnmp_mib_handler *handler, netsnmp_handler_registration *reginfo,
                         netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
    const struct glue_table *t = handler->myvoid;
    netsnmp_request_info *r;

    switch (reqinfo->mode) {
    case MODE_GET:
        for (r = requests; r; r = r->next)
            if (!r->processed)
                do_get(t, reqinfo, r);
        break;
    case MODE_GETNEXT:
        for (r = requests; r; r = r->next)
            if (!r->processed)
                do_getnext(t, r);
        break;
    case MODE_SET_RESERVE1:
        glue_set_reserve(t, reqinfo, requests);
        break;
    case MODE_SET_ACTION:
        glue_set_action(t, reqinfo, requests);
        break;
    case MODE_SET_UNDO:
        glue_set_undo(reqinfo, requests);
        break;
    case MODE_SET_RESERVE2:
    case MODE_SET_COMMIT: /* committed at the end of ACTION (AgentX CommitSet) */
    case MODE_SET_FREE:
        break;
    default:
        break;
    }
    return SNMP_ERR_NOERROR;
}

int glue_tables_register(const struct glue_table *tables, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const struct glue_table *t = &tables[i];
        size_t rlen = t->shape == GLUE_IX_SCALAR ? t->entry_len : t->entry_len - 1;
        netsnmp_handler_registration *reg = netsnmp_create_handler_registration(
            t->name, table_handler, t->entry, rlen,
            t->set_table ? HANDLER_CAN_RWRITE : HANDLER_CAN_RONLY);
        if (!reg) {
            snmp_log(LOG_ERR, "printdev: %s: cannot create registration\n", t->name);
            return -1;
        }
        reg->handler->myvoid = (void *)(uintptr_t)t;
        if (netsnmp_register_handler(reg) != MIB_REGISTERED_OK) {
            /* a failed registration has been freed by Net-SNMP already */
            snmp_log(LOG_ERR, "printdev: %s: registration failed\n", t->name);
            return -1;
        }
        if (keep_reg(reg) != 0) {
            netsnmp_unregister_handler(reg);
            return -1;
        }
        DEBUGMSGTL(("printdev:register", "%s\n", t->name));
    }
    return 0;
}

/* ---- hrDeviceTable / hrPrinterTable cells ---- */

extern const struct glue_table glue_hr_device_table, glue_hr_printer_table;

static int hr_cell_handler(netsnmp_mib_handler *handler, netsnmp_handler_registration *reginfo,
                           netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
    const struct glue_table *t = handler->myvoid;
    if (reqinfo->mode != MODE_GET)
        return SNMP_ERR_NOERROR;
    for (netsnmp_request_info *r = requests; r; r = r->next)
        if (!r->processed)
            do_get(t, reqinfo, r);
    return SNMP_ERR_NOERROR;
}

/* The hr cells of each device, kept apart from the table registrations so
 * a reload registers and unregisters only the devices that came or went
 * (glue_hr_sync).  Sorted by hrDeviceIndex; r[] by slot, the slots in OID
 * order (hrDeviceTable columns, then hrPrinterTable columns).
 *
 * Net-SNMP 5.9 keeps its registry as one sorted list and finds the place of
 * every registration and unregistration by scanning it from the start.
 * Cells are therefore registered in descending OID order (slot by slot from
 * the last, devices from the highest index down) and unregistered in
 * ascending order: each scan then stops at the first of our cells instead
 * of walking thousands of them, and start-up, reload and shutdown stay
 * linear in the number of devices (quadratic otherwise: 45 s for a reload
 * of 4,000 devices). */
#define HR_CELLS_MAX 16
struct hr_cells {
    int32_t hr;
    int want; /* to be registered by this sync */
    netsnmp_handler_registration *r[HR_CELLS_MAX];
};
static struct hr_cells *hr_cells;
static size_t n_hr_cells;

static const struct glue_table *hr_slot(size_t s, const struct glue_col **col)
{
    if (s < glue_hr_device_table.ncols) {
        *col = &glue_hr_device_table.cols[s];
        return &glue_hr_device_table;
    }
    s -= glue_hr_device_table.ncols;
    if (s < glue_hr_printer_table.ncols) {
        *col = &glue_hr_printer_table.cols[s];
        return &glue_hr_printer_table;
    }
    return NULL;
}

static size_t hr_nslots(void)
{
    size_t n = glue_hr_device_table.ncols + glue_hr_printer_table.ncols;
    return n < HR_CELLS_MAX ? n : HR_CELLS_MAX;
}

/* Unregisters the cells of the devices for which drop(h) is true, in
 * ascending OID order. */
static void hr_cells_drop(struct hr_cells *h, size_t n, int (*drop)(const struct hr_cells *))
{
    for (size_t s = 0; s < hr_nslots(); s++)
        for (size_t i = 0; i < n; i++)
            if (h[i].r[s] && drop(&h[i])) {
                netsnmp_unregister_handler(h[i].r[s]);
                h[i].r[s] = NULL;
            }
}

static int drop_always(const struct hr_cells *h)
{
    return 1;
}

static int drop_failed(const struct hr_cells *h)
{
    return h->want;
}

static int hr_cell_add(struct hr_cells *h, size_t s)
{
    const struct glue_col *col;
    const struct glue_table *t = hr_slot(s, &col);
    oid name[MAX_OID_LEN];
    size_t len = t->entry_len;
    netsnmp_handler_registration *reg;

    memcpy(name, t->entry, len * sizeof(oid));
    name[len++] = col->sub;
    name[len++] = (oid)h->hr;
    reg =
        netsnmp_create_handler_registration(t->name, hr_cell_handler, name, len, HANDLER_CAN_RONLY);
    if (!reg)
        return -1;
    reg->handler->myvoid = (void *)(uintptr_t)t;
    if (netsnmp_register_read_only_instance(reg) != MIB_REGISTERED_OK) {
        snmp_log(LOG_ERR,
                 "printdev: %s column %d of device %d: registration failed "
                 "(another module serves this instance?)\n",
                 t->name, (int)col->sub, (int)h->hr);
        return -1;
    }
    h->r[s] = reg;
    return 0;
}

int glue_hr_sync(const struct prt_model *m, unsigned *added, unsigned *removed)
{
    struct hr_cells *next;
    size_t i, j, s;
    int rc = 0;

    *added = *removed = 0;
    next = m->n_devices ? calloc(m->n_devices, sizeof(*next)) : NULL;
    if (m->n_devices && !next)
        return -1;
    /* keep the cells of devices still there; the others are dropped */
    for (i = 0, j = 0; i < n_hr_cells; i++) {
        int32_t hr = hr_cells[i].hr;
        while (j < m->n_devices && m->devices[j]->hr_index < hr)
            j++;
        if (j < m->n_devices && m->devices[j]->hr_index == hr) {
            next[j] = hr_cells[i];
            hr_cells[i].hr = -1; /* moved */
        } else {
            (*removed)++;
        }
    }
    for (i = 0; i < n_hr_cells; i++)
        if (hr_cells[i].hr == -1)
            memset(hr_cells[i].r, 0, sizeof(hr_cells[i].r));
    hr_cells_drop(hr_cells, n_hr_cells, drop_always);
    free(hr_cells);
    hr_cells = next;
    n_hr_cells = m->n_devices;
    for (j = 0; j < m->n_devices; j++) {
        next[j].hr = m->devices[j]->hr_index;
        next[j].want = next[j].r[0] == NULL;
        if (next[j].want)
            (*added)++;
    }
    /* the new ones, in descending OID order */
    for (s = hr_nslots(); s > 0 && rc == 0; s--)
        for (j = m->n_devices; j > 0 && rc == 0; j--)
            if (next[j - 1].want)
                rc = hr_cell_add(&next[j - 1], s - 1);
    if (rc != 0)
        hr_cells_drop(next, n_hr_cells, drop_failed);
    for (j = 0; j < m->n_devices; j++)
        next[j].want = 0;
    return rc;
}

void glue_hr_forget(void)
{
    free(hr_cells);
    hr_cells = NULL;
    n_hr_cells = 0;
}

void glue_hr_unregister(void)
{
    hr_cells_drop(hr_cells, n_hr_cells, drop_always);
    free(hr_cells);
    hr_cells = NULL;
    n_hr_cells = 0;
}

/* Every table registration, in reverse order. */
void glue_tables_unregister(void)
{
    drop_regs();
}
