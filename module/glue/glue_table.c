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
 * SET requests are served by glue_set.c (one transaction per request);
 * the model look-ups (device, row, instance, column) are glue_index.c.
 */
#include <config.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "glue_internal.h"
#include "printdev_oids.h"

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

/* ---- values ---- */

static int fill_value(const struct glue_table *t, const struct glue_view *vw,
                      const struct inst *in, const struct glue_col *c,
                      netsnmp_variable_list *vb)
{
    struct glue_val v;
    memset(&v, 0, sizeof(v));
    v.type = c->type;
    v.hr = in->d ? glue_view_hr(vw, in->d) : 0;
    if (t->value(t, vw->m, in->d, in->row, in->idx, c->sub, &v) != 0)
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

static void do_get(const struct glue_table *t, const struct glue_view *vw,
                   netsnmp_agent_request_info *reqinfo, netsnmp_request_info *req)
{
    const netsnmp_variable_list *vb = req->requestvb;
    const struct glue_col *c;
    struct inst in;

    if (vb->name_length <= t->entry_len ||
        snmp_oid_compare(vb->name, t->entry_len, t->entry, t->entry_len) != 0 ||
        !(c = glue_col_find(t, vb->name[t->entry_len])) || c->access == GLUE_NA) {
        netsnmp_set_request_error(reqinfo, req, SNMP_NOSUCHOBJECT);
        return;
    }
    if (!vw->m ||
        !glue_inst_exact(t, vw, vb->name + t->entry_len + 1,
                    vb->name_length - t->entry_len - 1, &in) ||
        fill_value(t, vw, &in, c, req->requestvb) != 0)
        netsnmp_set_request_error(reqinfo, req, SNMP_NOSUCHINSTANCE);
}

/* Returns 1 when it answered (vb set to the next instance), 0 otherwise. */
static int do_getnext(const struct glue_table *t, const struct glue_view *vw,
                      netsnmp_request_info *req)
{
    netsnmp_variable_list *vb = req->requestvb;
    const oid *rest = NULL;
    size_t rlen = 0, ci = 0;
    oid want = 0;

    if (!vw->m)
        return 0;
    if (snmp_oid_compare(vb->name, vb->name_length, t->entry, t->entry_len) < 0) {
        /* before the entry: start at the first column */
    } else if (netsnmp_oid_is_subtree(t->entry, t->entry_len, vb->name, vb->name_length) == 0) {
        if (vb->name_length > t->entry_len) {
            want = vb->name[t->entry_len];
            rest = vb->name + t->entry_len + 1;
            rlen = vb->name_length - t->entry_len - 1;
        }
    } else {
        return 0; /* beyond our entry */
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
        while (glue_inst_next(t, vw, rest, rlen, &in)) {
            oid name[MAX_OID_LEN];
            size_t len = t->entry_len;
            memcpy(name, t->entry, len * sizeof(oid));
            name[len++] = c->sub;
            memcpy(name + len, in.idx, in.len * sizeof(oid));
            len += in.len;
            if (fill_value(t, vw, &in, c, vb) == 0) {
                snmp_set_var_objid(vb, name, len);
                return 1;
            }
            /* the value function declined this instance: skip it */
            memcpy(skip, in.idx, in.len * sizeof(oid));
            rest = skip;
            rlen = in.len;
        }
    }
    return 0;
}

/* ---- the handler ---- */

static int table_handler(netsnmp_mib_handler *handler, netsnmp_handler_registration *reginfo,
                         netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
    const struct glue_table *t = handler->myvoid;
    netsnmp_request_info *r;
    struct glue_view vw;

    glue_view_of(reginfo->contextName, &vw);
    switch (reqinfo->mode) {
    case MODE_GET:
        for (r = requests; r; r = r->next)
            if (!r->processed)
                do_get(t, &vw, reqinfo, r);
        break;
    case MODE_GETNEXT:
        for (r = requests; r; r = r->next)
            if (!r->processed)
                (void)do_getnext(t, &vw, r);
        break;
    case MODE_SET_RESERVE1:
        glue_set_reserve(t, &vw, reqinfo, requests);
        break;
    case MODE_SET_ACTION:
        glue_set_action(t, &vw, reqinfo, requests);
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

/* ---- one registration for a set of tables (a device's context) ---- */

/* The subtree a table is registered at: the entry's table (or the scalar
 * group itself). */
static size_t reg_len(const struct glue_table *t)
{
    return t->shape == GLUE_IX_SCALAR ? t->entry_len : t->entry_len - 1;
}

static const struct glue_table *set_table_of(const struct glue_table_set *ts,
                                             const netsnmp_variable_list *vb)
{
    for (size_t i = 0; i < ts->n; i++)
        if (netsnmp_oid_is_subtree(ts->t[i]->entry, reg_len(ts->t[i]), vb->name,
                                   vb->name_length) == 0)
            return ts->t[i];
    return NULL;
}

/* The SET phases for the requests of one table at a time: each table's
 * requests are linked into a chain of their own for the call (the SET
 * transaction counts and commits across calls, glue_set.c), then the
 * request list is restored.  Requests outside every table, or in a
 * read-only one, are notWritable in RESERVE1. */
static void set_by_table(const struct glue_table_set *ts, const struct glue_view *vw,
                         netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
    netsnmp_request_info *r, **all, **chain;
    size_t n = 0, k;

    for (r = requests; r; r = r->next)
        n++;
    all = calloc(2 * n + 1, sizeof(*all));
    if (!all) {
        for (r = requests; r; r = r->next)
            netsnmp_set_request_error(reqinfo, r, SNMP_ERR_RESOURCEUNAVAILABLE);
        return;
    }
    chain = all + n;
    for (k = 0, r = requests; r; r = r->next)
        all[k++] = r;
    if (reqinfo->mode == MODE_SET_RESERVE1)
        for (k = 0; k < n; k++) {
            const struct glue_table *t = set_table_of(ts, all[k]->requestvb);
            if ((!t || !t->set_table) && !all[k]->processed)
                netsnmp_set_request_error(reqinfo, all[k], SNMP_ERR_NOTWRITABLE);
        }
    for (size_t i = 0; i < ts->n; i++) {
        const struct glue_table *t = ts->t[i];
        size_t m = 0;
        if (!t->set_table)
            continue;
        for (k = 0; k < n; k++)
            if (set_table_of(ts, all[k]->requestvb) == t)
                chain[m++] = all[k];
        if (m == 0)
            continue;
        for (k = 0; k < m; k++)
            chain[k]->next = k + 1 < m ? chain[k + 1] : NULL;
        if (reqinfo->mode == MODE_SET_RESERVE1)
            glue_set_reserve(t, vw, reqinfo, chain[0]);
        else
            glue_set_action(t, vw, reqinfo, chain[0]);
        for (k = 0; k < n; k++) /* the agent's own order back */
            all[k]->next = k + 1 < n ? all[k + 1] : NULL;
    }
    free(all);
}

static int table_set_handler(netsnmp_mib_handler *handler,
                             netsnmp_handler_registration *reginfo,
                             netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
    const struct glue_table_set *ts = handler->myvoid;
    const struct glue_table *t;
    netsnmp_request_info *r;
    struct glue_view vw;

    glue_view_of(reginfo->contextName, &vw);
    switch (reqinfo->mode) {
    case MODE_GET:
        for (r = requests; r; r = r->next) {
            if (r->processed)
                continue;
            if ((t = set_table_of(ts, r->requestvb)))
                do_get(t, &vw, reqinfo, r);
            else
                netsnmp_set_request_error(reqinfo, r, SNMP_NOSUCHOBJECT);
        }
        break;
    case MODE_GETNEXT:
        /* the tables in OID order: the first that answers has the next
         * instance; none answering leaves the request to the next subtree */
        for (r = requests; r; r = r->next)
            if (!r->processed)
                for (size_t i = 0; i < ts->n && !do_getnext(ts->t[i], &vw, r); i++)
                    ;
        break;
    case MODE_SET_RESERVE1:
    case MODE_SET_ACTION:
        set_by_table(ts, &vw, reqinfo, requests);
        break;
    case MODE_SET_UNDO:
        glue_set_undo(reqinfo, requests);
        break;
    default:
        break;
    }
    return SNMP_ERR_NOERROR;
}

netsnmp_handler_registration *glue_table_set_registration(const struct glue_table_set *ts,
                                                           const oid *root, size_t root_len,
                                                           const char *context)
{
    netsnmp_handler_registration *reg = netsnmp_create_handler_registration(
        "printdevContext", table_set_handler, root, root_len, HANDLER_CAN_RWRITE);
    if (!reg)
        return NULL;
    reg->handler->myvoid = (void *)(uintptr_t)ts;
    if (context && !(reg->contextName = strdup(context))) {
        netsnmp_handler_registration_free(reg);
        return NULL;
    }
    return reg;
}

netsnmp_handler_registration *glue_table_registration(const struct glue_table *t,
                                                       const char *context, int priority)
{
    size_t rlen = t->shape == GLUE_IX_SCALAR ? t->entry_len : t->entry_len - 1;
    netsnmp_handler_registration *reg = netsnmp_create_handler_registration(
        t->name, table_handler, t->entry, rlen,
        t->set_table ? HANDLER_CAN_RWRITE : HANDLER_CAN_RONLY);
    if (!reg)
        return NULL;
    reg->handler->myvoid = (void *)(uintptr_t)t;
    if (context && !(reg->contextName = strdup(context))) {
        netsnmp_handler_registration_free(reg);
        return NULL;
    }
    if (priority)
        reg->priority = priority;
    return reg;
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

static int hr_cell_handler(netsnmp_mib_handler *handler, netsnmp_handler_registration *reginfo,
                           netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
    const struct glue_table *t = handler->myvoid;
    struct glue_view vw = { .m = glue_model, .only = NULL };
    if (reqinfo->mode != MODE_GET)
        return SNMP_ERR_NOERROR;
    for (netsnmp_request_info *r = requests; r; r = r->next)
        if (!r->processed)
            do_get(t, &vw, reqinfo, r);
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
