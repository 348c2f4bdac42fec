/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * glue_context.c: every device also answers alone in an SNMP context of its
 * own (printdevSystem context, default: the device name), as "the
 * printer": there it is hrDeviceIndex 1 (ppmPrinterIndex 1, prtGeneral
 * index 1, ...), and the whole Printer-MIB, its hrDeviceTable /
 * hrPrinterTable row, the Port Monitor and PRINTDEV-MIB device rows and a
 * MIB-II system group (RFC 3418) describe that one printer.  Clients that
 * read only device 1 and the system group (CUPS, check_printer, LibreNMS)
 * select it with an SNMPv3 contextName, or over v1/v2c with a community
 * mapped to the context (com2sec -Cn CONTEXT ...).  The default context
 * keeps the all-devices view.
 *
 * The same table descriptors and the same handler serve both: a
 * registration made in a device's context carries the context name, and
 * the engine's glue_view_of() turns it into a view of that device alone
 * (glue_index.c, from the name -> device map published here after each
 * sync; it presents the device as index 1).  No rows are copied: the device is looked up per
 * request, so a SET through the context writes the device itself, with the
 * usual durable commit (glue_set.c, glue_commit.c).
 *
 * In a context snmpd's own modules are absent, so hrDeviceTable and
 * hrPrinterTable are registered there as whole tables, and the system
 * group is ours.  With printdevSystem defaultContext yes, one device's
 * system group (sysDescr, sysObjectID, sysContact, sysName, sysLocation,
 * sysServices) is also registered in the default context, with a better
 * priority than snmpd's own system module (for a print controller that
 * embeds printdev with one device).
 *
 * glue_context_sync() is the one way contexts come and go: it registers
 * the contexts of devices that appeared and unregisters those of devices
 * that went (and re-registers a device whose context name changed), called
 * after every model change that adds or removes devices (start-up,
 * reload).  A context is one registration (at 1.3.6.1, whose handler
 * serves every table of the context); Net-SNMP keeps one registry per
 * context and puts a new context first in its list of contexts, so
 * registering n contexts is linear.
 *
 * Sample (snmpwalk -v2c -c prod-1 ... with com2sec -Cn prod-1):
 *   SNMPv2-MIB::sysDescr.0 = STRING: Canon VarioPrint 6330 TITAN
 *   HOST-RESOURCES-MIB::hrDeviceIndex.1 = INTEGER: 1
 *   PRINTER-MIB::prtGeneralPrinterName.1 = STRING: prod-1
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "glue_internal.h"
#include "printdev_oids.h"
#include "prt_system.h"

/* ---- the system group (RFC 3418 system, 1.3.6.1.2.1.1) ---- */
#define SYSTEM_OID 1, 3, 6, 1, 2, 1, 1
enum {
    SYSG_DESCR = 1,
    SYSG_OBJECT_ID = 2,
    SYSG_UP_TIME = 3,
    SYSG_CONTACT = 4,
    SYSG_NAME = 5,
    SYSG_LOCATION = 6,
    SYSG_SERVICES = 7
};
static const struct glue_col system_cols[] = {
    { SYSG_DESCR, ASN_OCTET_STR, GLUE_RO },   { SYSG_OBJECT_ID, ASN_OBJECT_ID, GLUE_RO },
    { SYSG_UP_TIME, ASN_TIMETICKS, GLUE_RO }, { SYSG_CONTACT, ASN_OCTET_STR, GLUE_RO },
    { SYSG_NAME, ASN_OCTET_STR, GLUE_RO },    { SYSG_LOCATION, ASN_OCTET_STR, GLUE_RO },
    { SYSG_SERVICES, ASN_INTEGER, GLUE_RO },
};
static const oid printdev_object_id[] = { PRINTDEV_MIB_OID };

/* The device whose system group the default context answers (printdevSystem
 * defaultContext), 0 = none. */
static int32_t default_sys_hr;

static int system_value(const struct glue_table *t, const struct prt_model *m,
                        const struct prt_device *d, const void *row, const oid *idx, oid col,
                        struct glue_val *v)
{
    static char descr[256];
    const uint32_t *ids;
    size_t n;

    if (!d && !(d = glue_dev_exact(m, (oid)default_sys_hr)))
        return -1;
    switch (col) {
    case SYSG_DESCR:
        prt_system_descr(d, descr, sizeof(descr));
        glue_set_string(v, descr);
        break;
    case SYSG_OBJECT_ID:
        n = prt_system_object_id(d, &ids);
        if (n < 2 || n > PRT_OID_MAX) {
            v->p = printdev_object_id;
            v->len = sizeof(printdev_object_id);
            break;
        }
        for (size_t i = 0; i < n; i++)
            v->obuf[i] = ids[i];
        v->p = v->obuf;
        v->len = n * sizeof(oid);
        break;
    case SYSG_UP_TIME: v->i = (long)glue_uptime(); break;
    case SYSG_CONTACT: glue_set_string(v, d->sys.contact); break;
    case SYSG_NAME: glue_set_string(v, prt_system_name(d)); break;
    case SYSG_LOCATION: glue_set_string(v, d->sys.location); break;
    case SYSG_SERVICES: v->i = prt_system_services(d); break;
    default: return -1;
    }
    return 0;
}

static const struct glue_table system_table = {
    .name = "system", .entry = { SYSTEM_OID }, .entry_len = 7, .cols = system_cols,
    .ncols = GLUE_NCOLS(system_cols), .shape = GLUE_IX_SCALAR, .value = system_value,
};

/* ---- the contexts ---- */

struct glue_ctx {
    char name[PRT_CONTEXT_MAX + 1];
    int32_t hr;
    netsnmp_handler_registration *r;    /* NULL = not registered */
};
static struct glue_ctx *ctxs; /* sorted by name */
static size_t n_ctxs;

static int ctx_cmp(const void *a, const void *b)
{
    return strcmp(((const struct glue_ctx *)a)->name, ((const struct glue_ctx *)b)->name);
}

/* ---- one registration per context ---- */

/* Every table a context serves, sorted by OID once: the Printer MIB, the
 * Port Monitor and PRINTDEV-MIB device tables, hrDeviceTable and
 * hrPrinterTable as whole tables (snmpd's own are not in the context) and
 * the system group.  One registration at 1.3.6.1 per context serves them
 * all (glue_table_set_registration): a context costs one registration, not
 * one per table, in memory and in AgentX round trips. */
#define CTX_MAX_TABLES 40
static const struct glue_table *ctx_tables[CTX_MAX_TABLES];
static struct glue_table_set ctx_set;
static const oid ctx_root[] = { 1, 3, 6, 1 };

static int table_cmp(const void *a, const void *b)
{
    const struct glue_table *x = *(const struct glue_table *const *)a;
    const struct glue_table *y = *(const struct glue_table *const *)b;
    return snmp_oid_compare(x->entry, x->entry_len, y->entry, y->entry_len);
}

static int ctx_set_build(void)
{
    size_t n = 0, i;

    if (ctx_set.n)
        return 0;
    if (glue_printer_ntables + glue_extra_ntables + 3 > CTX_MAX_TABLES)
        return -1;
    for (i = 0; i < glue_printer_ntables; i++)
        ctx_tables[n++] = &glue_printer_tables[i];
    for (i = 0; i < glue_extra_ntables; i++)
        ctx_tables[n++] = &glue_extra_tables[i];
    ctx_tables[n++] = &glue_hr_device_table;
    ctx_tables[n++] = &glue_hr_printer_table;
    ctx_tables[n++] = &system_table;
    qsort(ctx_tables, n, sizeof(ctx_tables[0]), table_cmp);
    ctx_set.t = ctx_tables;
    ctx_set.n = n;
    return 0;
}

/* Not netsnmp_unregister_handler(): the registration at 1.3.6.1 is split
 * around the context's root subtrees, and Net-SNMP 5.9.3's
 * unregister_mib_context() frees the registration (its contextName
 * included) with the first piece, then compares the next pieces' context
 * with that freed name (valgrind: invalid read).  Our own copy of the name
 * stays valid. */
static void ctx_unregister(struct glue_ctx *c)
{
    netsnmp_handler_registration *r = c->r;

    c->r = NULL;
    if (r)
        unregister_mib_context(r->rootoid, r->rootoid_len, r->priority, r->range_subid,
                               r->range_ubound, c->name);
}

static int ctx_register(struct glue_ctx *c)
{
    netsnmp_handler_registration *reg;

    if (ctx_set_build() != 0)
        return -1;
    reg = glue_table_set_registration(&ctx_set, ctx_root, OID_LENGTH(ctx_root), c->name);
    if (!reg || netsnmp_register_handler(reg) != MIB_REGISTERED_OK) {
        /* a failed registration has been freed by Net-SNMP already */
        snmp_log(LOG_ERR, "printdev: context %s: registration failed\n", c->name);
        return -1;
    }
    c->r = reg;
    DEBUGMSGTL(("printdev:context", "registered context %s (device %d)\n", c->name, (int)c->hr));
    return 0;
}

/* ---- the default context's system group (printdevSystem defaultContext) ---- */

static struct glue_table sys_default_tables[GLUE_NCOLS(system_cols)];
static netsnmp_handler_registration *sys_default_regs[GLUE_NCOLS(system_cols)];
/* snmpd's system module registers at the default priority (127); a lower
 * number wins for the same subtree. */
#define SYS_DEFAULT_PRIORITY 100

static void sys_default_unregister(void)
{
    for (size_t i = GLUE_NCOLS(system_cols); i > 0; i--)
        if (sys_default_regs[i - 1]) {
            netsnmp_unregister_handler(sys_default_regs[i - 1]);
            sys_default_regs[i - 1] = NULL;
        }
    default_sys_hr = 0;
}

/* One registration per object (sysDescr, ...), each answering its own
 * column only, so that the rest of snmpd's system group (sysUpTime,
 * sysORTable) stays snmpd's. */
static int sys_default_register(int32_t hr)
{
    for (size_t i = 0; i < GLUE_NCOLS(system_cols); i++) {
        struct glue_table *t = &sys_default_tables[i];
        netsnmp_handler_registration *reg;
        if (system_cols[i].sub == SYSG_UP_TIME)
            continue;
        *t = system_table;
        t->cols = &system_cols[i];
        t->ncols = 1;
        t->entry[t->entry_len++] = system_cols[i].sub;
        reg = glue_table_registration(t, NULL, SYS_DEFAULT_PRIORITY);
        t->entry_len--; /* the value is looked up under the group */
        if (!reg || netsnmp_register_handler(reg) != MIB_REGISTERED_OK) {
            snmp_log(LOG_ERR, "printdev: system group in the default context: registration of "
                              "column %d failed\n",
                     (int)system_cols[i].sub);
            sys_default_unregister();
            return -1;
        }
        sys_default_regs[i] = reg;
    }
    default_sys_hr = hr;
    return 0;
}

static int sys_default_sync(const struct prt_model *m)
{
    int32_t want = 0;
    for (size_t i = 0; i < m->n_devices; i++) {
        const struct prt_device *d = m->devices[i];
        if (!d->sys.default_context)
            continue;
        if (want == 0)
            want = d->hr_index;
        else
            snmp_log(LOG_WARNING,
                     "printdev: device %s: printdevSystem defaultContext ignored, device %d "
                     "answers the default context's system group already\n",
                     d->name, (int)want);
    }
    if (want == default_sys_hr)
        return 0;
    sys_default_unregister();
    return want ? sys_default_register(want) : 0;
}

/* ---- the sync ---- */

/* The engine's name -> device map (glue_view_of) of the registered
 * contexts. */
static int publish_map(void)
{
    struct glue_ctx_key *keys = NULL;
    size_t k = 0;

    if (n_ctxs && !(keys = calloc(n_ctxs, sizeof(*keys)))) {
        glue_view_set_contexts(NULL, 0);
        return -1;
    }
    for (size_t i = 0; i < n_ctxs; i++)
        if (ctxs[i].r) {
            memcpy(keys[k].name, ctxs[i].name, sizeof(keys[k].name));
            keys[k++].hr = ctxs[i].hr;
        }
    glue_view_set_contexts(keys, k);
    return 0;
}

static int contexts_enabled = 1;

void glue_context_enable(int on)
{
    contexts_enabled = on != 0;
}

int glue_context_sync(const struct prt_model *m, unsigned *added, unsigned *removed)
{
    struct glue_ctx *next = NULL;
    size_t n = contexts_enabled ? m->n_devices : 0, i, j;
    int rc = 0;

    *added = *removed = 0;
    if (n && !(next = calloc(n, sizeof(*next))))
        return -1;
    for (j = 0; j < n; j++) {
        snprintf(next[j].name, sizeof(next[j].name), "%s", prt_system_context(m->devices[j]));
        next[j].hr = m->devices[j]->hr_index;
    }
    if (n > 1)
        qsort(next, n, sizeof(*next), ctx_cmp);
    /* keep the registrations of contexts still there for the same device */
    for (i = 0, j = 0; i < n_ctxs; i++) {
        int c = 1;
        while (j < n && (c = strcmp(next[j].name, ctxs[i].name)) < 0)
            j++;
        if (j < n && c == 0 && next[j].hr == ctxs[i].hr && !next[j].r) {
            next[j].r = ctxs[i].r;
            ctxs[i].r = NULL;
        } else {
            (*removed)++;
        }
    }
    for (i = 0; i < n_ctxs; i++)
        ctx_unregister(&ctxs[i]);
    free(ctxs);
    ctxs = next;
    n_ctxs = n;
    for (j = 0; j < n; j++) {
        if (next[j].r)
            continue;
        if (j > 0 && !strcmp(next[j].name, next[j - 1].name)) {
            snmp_log(LOG_ERR, "printdev: device %d: context %s is taken by device %d\n",
                     (int)next[j].hr, next[j].name, (int)next[j - 1].hr);
            rc = -1;
            continue;
        }
        if (ctx_register(&next[j]) != 0)
            rc = -1;
        else
            (*added)++;
    }
    if (publish_map() != 0)
        rc = -1;
    if (sys_default_sync(m) != 0)
        rc = -1;
    return rc;
}

void glue_context_unregister(void)
{
    sys_default_unregister();
    for (size_t i = 0; i < n_ctxs; i++)
        ctx_unregister(&ctxs[i]);
    glue_context_forget();
}

void glue_context_forget(void)
{
    glue_view_set_contexts(NULL, 0);
    free(ctxs);
    ctxs = NULL;
    n_ctxs = 0;
    memset(sys_default_regs, 0, sizeof(sys_default_regs));
    default_sys_hr = 0;
}
