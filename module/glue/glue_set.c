/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * glue_set.c: SET requests for every writable table of the engine in
 * glue_table.c (whose handler calls glue_set_reserve / glue_set_action /
 * glue_set_undo).
 *
 * SET (RFC 3416 §4.2.5, Net-SNMP's RESERVE1/RESERVE2/ACTION/COMMIT/UNDO/FREE)
 * is one transaction per request, kept in the request's agent data (Net-SNMP
 * carries it from phase to phase; in a subagent, where each AgentX PDU is a
 * phase, snmp_agent.c's set cache carries it between them):
 *   RESERVE1  every varbind checked with prt_set_check(), model errors
 *             mapped to SNMP errors; the varbinds our handlers got counted.
 *   ACTION    values written with prt_set_apply(), each device snapshotted
 *             (prt_device_clone) before its first write; actions
 *             (prtGeneralReset) only recorded.  The handler call that
 *             completes the count commits: actions run once, the rules
 *             re-derive alerts and statuses, every device is saved
 *             (printdev_glue_save: temp file, fsync, rename, as the feed's
 *             `ok`), and only then do the printerV2Alert notifications go
 *             out.  A refused varbind, or a failed save (commitFailed,
 *             logged), puts every device back from its snapshot at once:
 *             no counting, no flag left behind.  Net-SNMP answers after
 *             this phase, and in AgentX it is the CommitSet the master
 *             waits for before answering: noError means saved, both shapes.
 *   UNDO      (a later varbind of the request failed after our commit)
 *             snapshots restored and saved again; undoFailed when that
 *             save fails, or when the feed changed the device meanwhile and
 *             a reset cannot be taken back (its own values are put back).
 *   COMMIT / RESERVE2 / FREE: nothing left to do.
 */
#include <config.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "feed_server.h"
#include "glue_internal.h"
#include "printdev_glue.h"

static int map_err(int err)
{
    switch (err < 0 ? -err : err) {
    case PRT_OK:
        return SNMP_ERR_NOERROR;
    case PRT_ENOENT:
        return SNMP_ERR_NOCREATION;
    case PRT_ERDONLY:
        return SNMP_ERR_NOTWRITABLE;
    case PRT_EINVAL:
        return SNMP_ERR_WRONGVALUE;
    case PRT_ETOOLONG:
        return SNMP_ERR_WRONGLENGTH;
    case PRT_EINCONSISTENT:
        return SNMP_ERR_INCONSISTENTVALUE;
    case PRT_ENOMEM:
    case PRT_ELIMIT:
        return SNMP_ERR_RESOURCEUNAVAILABLE;
    default:
        return SNMP_ERR_GENERR;
    }
}

/* ---- the request's transaction ---- */

/* A device the request writes: its snapshot from before the first write. */
struct txn_dev {
    int32_t hr;
    struct prt_device *before; /* prt_device_clone, restored by rollback/undo */
    uint64_t committed_gen;    /* generation the commit saved */
    int acted;                 /* an action (prtGeneralReset) ran on it */
};

/* A value written, for the undo of a device changed after the commit.  The
 * array moves when it grows: string values point into buf / vbuf only
 * through txn_value(). */
struct txn_write {
    int32_t hr;
    int table;
    int32_t row;
    int col;
    struct prt_value old;
    char buf[512];
    struct prt_value v; /* the value written, again after a reset */
    char vbuf[512];
};

static struct prt_value txn_value(const struct prt_value *v, const char *buf)
{
    struct prt_value r = *v;
    if (r.kind == PRT_V_STRING)
        r.s = buf;
    return r;
}

/* An action, run once at commit. */
struct txn_action {
    int32_t hr;
    int table;
    int col;
    struct prt_value v;
};

enum txn_state { TXN_OPEN = 0, TXN_COMMITTED, TXN_DONE };

struct set_txn {
    const struct prt_model *model; /* the model the request started on */
    unsigned expected;             /* varbinds our handlers got in RESERVE1 */
    unsigned seen;                 /* ... and in ACTION so far */
    int failed;                    /* one of ours was refused in ACTION */
    enum txn_state state;
    struct txn_dev *devs;
    size_t n_devs;
    struct txn_write *writes;
    size_t n_writes;
    struct txn_action *acts;
    size_t n_acts;
};

#define TXN_KEY "printdev:set"

static void txn_free(void *p)
{
    struct set_txn *x = p;

    if (!x)
        return;
    for (size_t i = 0; i < x->n_devs; i++)
        prt_device_free(x->devs[i].before);
    free(x->devs);
    free(x->writes);
    free(x->acts);
    free(x);
}

static struct set_txn *txn_get(netsnmp_agent_request_info *reqinfo, int create)
{
    struct set_txn *x = netsnmp_agent_get_list_data(reqinfo, TXN_KEY);
    netsnmp_data_list *node;

    if (x || !create)
        return x;
    x = calloc(1, sizeof(*x));
    if (!x)
        return NULL;
    x->model = glue_model;
    node = netsnmp_create_data_list(TXN_KEY, x, txn_free);
    if (!node) {
        free(x);
        return NULL;
    }
    netsnmp_agent_add_list_data(reqinfo, node);
    return x;
}

/* Room for one more element in *arr (n used). */
static int txn_grow(void **arr, size_t n, size_t size)
{
    void *p = realloc(*arr, (n + 1) * size);
    if (!p)
        return -1;
    *arr = p;
    return 0;
}

/* The device's entry, snapshotting it before its first write. */
static struct txn_dev *txn_dev_of(struct set_txn *x, struct prt_device *d)
{
    struct prt_device *snap;

    for (size_t i = 0; i < x->n_devs; i++)
        if (x->devs[i].hr == d->hr_index)
            return &x->devs[i];
    if (txn_grow((void **)&x->devs, x->n_devs, sizeof(*x->devs)) != 0 ||
        !(snap = prt_device_clone(d)))
        return NULL;
    x->devs[x->n_devs] = (struct txn_dev){.hr = d->hr_index, .before = snap};
    return &x->devs[x->n_devs++];
}

/* Puts every device back from its snapshot (nothing saved yet, or the
 * caller saves again). */
static void txn_rollback(struct set_txn *x)
{
    for (size_t i = 0; i < x->n_devs; i++) {
        struct prt_device *d = glue_dev_exact(glue_model, (oid)x->devs[i].hr);
        if (d && x->devs[i].before)
            prt_device_restore(d, x->devs[i].before);
        else
            prt_device_free(x->devs[i].before);
        x->devs[i].before = NULL;
    }
}

/* The commit of the request, once every varbind of ours was applied:
 * actions once, rules, one save per device, then the notifications.  On a
 * failed save every device is put back as it was (and saved again where
 * the commit had saved it already).  Returns an SNMP error status. */
static int txn_commit(struct set_txn *x)
{
    char why[256] = "";
    size_t i, n_saved = 0;
    int rc = SNMP_ERR_NOERROR;

    printdev_glue_notify_hold();
    for (i = 0; i < x->n_acts; i++) {
        struct txn_action *a = &x->acts[i];
        struct prt_device *d = glue_dev_exact(glue_model, (oid)a->hr);
        if (!d || prt_set_action(d, a->table, a->col, &a->v) != PRT_OK ||
            a->v.i == PrtGeneralResetTC_notResetting)
            continue;
        for (size_t k = 0; k < x->n_devs; k++)
            if (x->devs[k].hr == a->hr)
                x->devs[k].acted = 1;
        /* the values of the same request are the manager's last word: a
         * reset to factory defaults does not take them back */
        for (size_t k = 0; k < x->n_writes && rc == SNMP_ERR_NOERROR; k++) {
            struct txn_write *w = &x->writes[k];
            struct prt_value ignored, nv = txn_value(&w->v, w->vbuf);
            char buf[512];
            int err;
            if (w->hr != a->hr)
                continue;
            err = prt_set_apply(d, w->table, w->row, w->col, &nv, &ignored, buf, sizeof(buf));
            if (err != PRT_OK) {
                rc = map_err(err);
                snprintf(why, sizeof(why), "device %s: column %d refused after the reset", d->name,
                         w->col);
            }
        }
    }
    for (i = 0; i < x->n_devs; i++) {
        struct prt_device *d = glue_dev_exact(glue_model, (oid)x->devs[i].hr);
        if (d)
            prt_rules_apply(glue_model, d);
    }
    if (rc == SNMP_ERR_NOERROR) {
        /* one save per device, then the notifications (the durability
         * rule, glue_commit_durable) */
        struct feed_save *sv = calloc(x->n_devs ? x->n_devs : 1, sizeof(*sv));
        if (sv == NULL) {
            rc = SNMP_ERR_COMMITFAILED;
            snprintf(why, sizeof(why), "out of memory");
        } else {
            for (i = 0; i < x->n_devs; i++)
                sv[i].d = glue_dev_exact(glue_model, (oid)x->devs[i].hr);
            n_saved = glue_commit_durable(sv, x->n_devs, GLUE_COMMIT_ALL);
            for (i = 0; i < n_saved; i++)
                if (sv[i].d)
                    x->devs[i].committed_gen = sv[i].d->generation;
            if (n_saved < x->n_devs) {
                rc = SNMP_ERR_COMMITFAILED;
                snprintf(why, sizeof(why), "%s", sv[n_saved].why);
            }
            free(sv);
        }
        if (rc == SNMP_ERR_NOERROR) {
            x->state = TXN_COMMITTED;
            return rc;
        }
    }
    /* not applied: nothing of the request stays in memory, no
     * notification of it goes out (glue_commit_durable dropped them, or
     * they are dropped here) */
    printdev_glue_notify_drop();
    if (rc == SNMP_ERR_COMMITFAILED)
        snmp_log(LOG_ERR,
                 "printdev: SET not applied (commitFailed): the state could not be "
                 "saved: %s\n",
                 why);
    else
        snmp_log(LOG_WARNING, "printdev: SET not applied: %s\n", why);
    txn_rollback(x);
    for (i = 0; i < n_saved; i++) {
        /* its state file holds the refused request: write the old state */
        struct prt_device *d = glue_dev_exact(glue_model, (oid)x->devs[i].hr);
        if (!d)
            continue;
        d->saved_generation = x->devs[i].committed_gen;
        if (printdev_glue_save(d, why, sizeof(why)) != 0) {
            snmp_log(LOG_ERR,
                     "printdev: device %s: the state file keeps values of a SET that "
                     "was not applied (undoFailed): %s\n",
                     d->name, why);
            rc = SNMP_ERR_UNDOFAILED;
        }
    }
    x->state = TXN_DONE;
    return rc;
}

/* UNDO after our commit (another varbind of the request failed later):
 * every device back as before the request, saved again.  A device the
 * feed changed meanwhile keeps that change: only the request's own values
 * are put back (a reset cannot be, undoFailed).  Returns an SNMP status. */
static int txn_undo(struct set_txn *x)
{
    char why[256];
    int rc = SNMP_ERR_NOERROR;

    for (size_t i = 0; i < x->n_devs; i++) {
        struct txn_dev *e = &x->devs[i];
        struct prt_device *d = glue_dev_exact(glue_model, (oid)e->hr);
        if (!d)
            continue;
        if (d->generation == e->committed_gen && e->before) {
            prt_device_restore(d, e->before);
            e->before = NULL;
            d->saved_generation = e->committed_gen; /* what the file holds */
        } else {
            for (size_t k = x->n_writes; k-- > 0;) {
                struct txn_write *w = &x->writes[k];
                struct prt_value ov = txn_value(&w->old, w->buf);
                if (w->hr == e->hr && prt_set_revert(d, w->table, w->row, w->col, &ov) != PRT_OK)
                    rc = SNMP_ERR_UNDOFAILED;
            }
            if (e->acted) {
                snmp_log(LOG_ERR,
                         "printdev: device %s: undo: changed since the SET, its "
                         "prtGeneralReset cannot be taken back (undoFailed)\n",
                         d->name);
                rc = SNMP_ERR_UNDOFAILED;
            }
            prt_rules_apply(glue_model, d);
        }
        if (printdev_glue_save(d, why, sizeof(why)) != 0) {
            snmp_log(LOG_ERR, "printdev: device %s: undo of a SET not saved (undoFailed): %s\n",
                     d->name, why);
            rc = SNMP_ERR_UNDOFAILED;
        }
    }
    x->state = TXN_DONE;
    return rc;
}

/* Decodes the request into device, row index, column and value, in the
 * order of RFC 3416 §4.2.5: notWritable (no writable column of that name),
 * wrongType / wrongLength of the value; *d is NULL when the instance does
 * not exist (the caller checks the value, then answers noCreation).
 * Returns an SNMP error status. */
static int set_decode(const struct glue_table *t, const struct glue_view *vw,
                      netsnmp_request_info *req, struct prt_device **d, int32_t *row, const struct glue_col **col, struct prt_value *v)
{
    const netsnmp_variable_list *vb = req->requestvb;
    const oid *idx = vb->name + t->entry_len + 1;
    size_t ilen;
    struct inst in;
    int rc;

    *d = NULL;
    *row = -1;
    if (vb->name_length <= t->entry_len + 1 ||
        snmp_oid_compare(vb->name, t->entry_len, t->entry, t->entry_len) != 0 ||
        !(*col = glue_col_find(t, vb->name[t->entry_len])) || (*col)->access != GLUE_RW ||
        t->set_table == 0)
        return SNMP_ERR_NOTWRITABLE;
    memset(v, 0, sizeof(*v));
    if ((*col)->type == ASN_INTEGER) {
        long l;
        rc = netsnmp_check_vb_type_and_size(vb, ASN_INTEGER, sizeof(long));
        if (rc != SNMP_ERR_NOERROR)
            return rc;
        l = *vb->val.integer;
        if (l < INT32_MIN || l > INT32_MAX)
            return SNMP_ERR_WRONGVALUE;
        v->kind = PRT_V_INT;
        v->i = (int32_t)l;
    } else {
        rc = netsnmp_check_vb_type(vb, ASN_OCTET_STR);
        if (rc != SNMP_ERR_NOERROR)
            return rc;
        v->kind = PRT_V_STRING;
        v->s = (const char *)vb->val.string;
        v->len = vb->val_len;
    }
    ilen = vb->name_length - t->entry_len - 1;
    if (t->shape == GLUE_IX_ROW && ilen == 2 && idx[1] <= INT32_MAX)
        *row = (int32_t)idx[1];
    else if (t->shape == GLUE_IX_DEVICE)
        *row = 0;
    if (vw->m && glue_inst_exact(t, vw, idx, ilen, &in))
        *d = in.d;
    return SNMP_ERR_NOERROR;
}

/* Another varbind of this handler call names the same device: values that
 * are only inconsistent with each other's current state (a new
 * prtInputMaxCapacity below the current level, set together with a lower
 * level) are judged when applied together in ACTION. */
static int shares_device(const struct glue_table *t, const struct glue_view *vw,
                         netsnmp_request_info *all, netsnmp_request_info *req,
                         const struct prt_device *d)
{
    for (netsnmp_request_info *r = all; r; r = r->next) {
        const netsnmp_variable_list *vb = r->requestvb;
        if (r == req || vb->name_length <= t->entry_len + 1)
            continue;
        if (vb->name[t->entry_len + 1] == (oid)glue_view_hr(vw, d))
            return 1;
    }
    return 0;
}

static void set_reserve(const struct glue_table *t, const struct glue_view *vw,
                        netsnmp_agent_request_info *reqinfo, netsnmp_request_info *all,
                        netsnmp_request_info *req)
{
    struct prt_device *d = NULL;
    const struct glue_col *c = NULL;
    struct prt_value v;
    int32_t row = 0;
    int rc = set_decode(t, vw, req, &d, &row, &c, &v);
    if (rc == SNMP_ERR_NOERROR && d) {
        int err = prt_set_check(d, t->set_table, row, (int)c->sub, &v);
        if (err == -PRT_EINCONSISTENT && t->shape != GLUE_IX_STORAGE &&
            shares_device(t, vw, all, req, d))
            err = PRT_OK; /* decided in ACTION, with the other values applied */
        rc = map_err(err);
    } else if (rc == SNMP_ERR_NOERROR) {
        /* No such instance: a bad value still wins over noCreation
         * (RFC 3416 §4.2.5 steps 6-7); the column's value rules are the
         * same on every device, so any device can judge the value. */
        rc = SNMP_ERR_NOCREATION;
        if (glue_model && glue_model->n_devices > 0) {
            int err = prt_set_check(glue_model->devices[0], t->set_table, row, (int)c->sub, &v);
            if (err == -PRT_EINVAL || err == -PRT_ETOOLONG)
                rc = map_err(err);
        }
    }
    DEBUGMSGTL(("printdev:set", "%s reserve: %d\n", t->name, rc));
    if (rc != SNMP_ERR_NOERROR)
        netsnmp_set_request_error(reqinfo, req, rc);
}

/* Applies one varbind: a value is written (the device snapshotted before
 * its first write), an action is only recorded for the commit.  Returns 0,
 * or a negative model error (nothing changed then); *snmp_err is set for
 * errors that are final. */
static int set_apply_one(const struct glue_table *t, const struct glue_view *vw, struct set_txn *x,
                         netsnmp_request_info *req, int *snmp_err)
{
    struct prt_device *d = NULL;
    const struct glue_col *c = NULL;
    struct prt_value v;
    int32_t row = 0;
    int rc = set_decode(t, vw, req, &d, &row, &c, &v);

    *snmp_err = SNMP_ERR_NOERROR;
    if (rc == SNMP_ERR_NOERROR && !d)
        rc = SNMP_ERR_NOCREATION;
    if (rc != SNMP_ERR_NOERROR) {
        *snmp_err = rc;
        return -PRT_EINVAL;
    }
    if (!txn_dev_of(x, d) || txn_grow((void **)&x->writes, x->n_writes, sizeof(*x->writes)) != 0 ||
        txn_grow((void **)&x->acts, x->n_acts, sizeof(*x->acts)) != 0) {
        *snmp_err = SNMP_ERR_RESOURCEUNAVAILABLE;
        return -PRT_ENOMEM;
    }
    if (prt_set_is_action(t->set_table, (int)c->sub)) {
        struct txn_action *a = &x->acts[x->n_acts];
        rc = prt_set_check(d, t->set_table, row, (int)c->sub, &v);
        if (rc != 0) {
            *snmp_err = map_err(rc);
            return rc;
        }
        *a = (struct txn_action){.hr = d->hr_index,
                                 .table = t->set_table,
                                 .col = (int)c->sub,
                                 .v = {.kind = PRT_V_INT, .i = v.i}};
        x->n_acts++;
        return 0;
    }
    {
        struct txn_write *w = &x->writes[x->n_writes];
        w->hr = d->hr_index;
        w->table = t->set_table;
        w->row = row;
        w->col = (int)c->sub;
        rc = prt_set_apply(d, t->set_table, row, w->col, &v, &w->old, w->buf, sizeof(w->buf));
        if (rc != 0) {
            *snmp_err = map_err(rc);
            return rc;
        }
        w->v = v;
        if (v.kind == PRT_V_STRING)
            memcpy(w->vbuf, v.s, v.len); /* fits: prt_set_apply checked the size */
        x->n_writes++;
    }
    return 0;
}

/* Applies every varbind of this handler call.  A value refused as
 * inconsistent is tried again after the others, as long as that makes
 * progress (so the order of varbinds in the PDU does not matter). */
static void set_action(const struct glue_table *t, const struct glue_view *vw, struct set_txn *x,
                       netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
    size_t n = 0, pending = 0, k;
    netsnmp_request_info *r, **wait;
    int err;

    for (r = requests; r; r = r->next)
        n++;
    wait = calloc(n ? n : 1, sizeof(*wait));
    if (!wait) {
        for (r = requests; r; r = r->next)
            if (!r->processed)
                netsnmp_set_request_error(reqinfo, r, SNMP_ERR_RESOURCEUNAVAILABLE);
        x->failed = 1;
        return;
    }
    for (r = requests; r; r = r->next) {
        if (r->processed)
            continue;
        if (set_apply_one(t, vw, x, r, &err) == -PRT_EINCONSISTENT) {
            wait[pending++] = r;
        } else if (err != SNMP_ERR_NOERROR) {
            netsnmp_set_request_error(reqinfo, r, err);
            x->failed = 1;
        }
    }
    for (size_t before = pending + 1; pending > 0 && pending < before;) {
        before = pending;
        for (k = 0; k < before; k++) {
            netsnmp_request_info *q = wait[k];
            if (!q)
                continue;
            if (set_apply_one(t, vw, x, q, &err) != -PRT_EINCONSISTENT) {
                wait[k] = NULL;
                pending--;
                if (err != SNMP_ERR_NOERROR) {
                    netsnmp_set_request_error(reqinfo, q, err);
                    x->failed = 1;
                }
            }
        }
    }
    for (k = 0; k < n; k++)
        if (wait[k]) {
            netsnmp_set_request_error(reqinfo, wait[k], SNMP_ERR_INCONSISTENTVALUE);
            x->failed = 1;
        }
    free(wait);
}

/* ACTION: apply, and once every varbind of ours in the request has been
 * applied (the handler call that completes the RESERVE1 count), commit or
 * put everything back. */
void glue_set_action(const struct glue_table *t, const struct glue_view *vw,
                     netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
    struct set_txn *x = txn_get(reqinfo, 0);
    int rc;

    if (!x || x->state != TXN_OPEN || x->model != glue_model) {
        /* no RESERVE1 of ours, or the model was rebuilt in between */
        netsnmp_set_request_error(reqinfo, requests, SNMP_ERR_GENERR);
        if (x && x->state == TXN_OPEN)
            x->failed = 1;
        return;
    }
    set_action(t, vw, x, reqinfo, requests);
    for (netsnmp_request_info *r = requests; r; r = r->next)
        x->seen++;
    if (x->seen < x->expected)
        return;
    if (x->failed) {
        txn_rollback(x); /* refused: nothing was saved or sent */
        x->state = TXN_DONE;
        return;
    }
    rc = txn_commit(x);
    DEBUGMSGTL(("printdev:set", "commit of %zu device(s): %d\n", x->n_devs, rc));
    if (rc != SNMP_ERR_NOERROR)
        netsnmp_set_request_error(reqinfo, requests, rc);
}

/* UNDO: the first call of the phase undoes the whole request. */
void glue_set_undo(netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
    struct set_txn *x = txn_get(reqinfo, 0);
    int rc = SNMP_ERR_NOERROR;

    if (!x || x->model != glue_model)
        return;
    if (x->state == TXN_OPEN) {
        txn_rollback(x);
        x->state = TXN_DONE;
    } else if (x->state == TXN_COMMITTED) {
        rc = txn_undo(x);
    }
    if (rc != SNMP_ERR_NOERROR)
        netsnmp_set_request_error(reqinfo, requests, rc);
}

/* RESERVE1: checks every varbind; counts the varbinds of ours. */
void glue_set_reserve(const struct glue_table *t, const struct glue_view *vw,
                      netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
    struct set_txn *x = txn_get(reqinfo, 1);

    for (netsnmp_request_info *r = requests; r; r = r->next) {
        if (!x)
            netsnmp_set_request_error(reqinfo, r, SNMP_ERR_RESOURCEUNAVAILABLE);
        else if (!r->processed)
            set_reserve(t, vw, reqinfo, requests, r);
        if (x)
            x->expected++;
    }
}
