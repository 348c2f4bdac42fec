/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * feed_device.c: devices added and removed at run time over the feed
 * (doc/printdev-feed.7, "Devices"):
 *
 *     device add NAME identity=ID          ok device INDEX "NAME"
 *     device remove NAME|INDEX             ok removed INDEX
 *
 * and, inside begin ... commit, a device add followed by its skeleton: the
 * device's profile lines (printdev-profile(5) tokens, printdevInput ...,
 * printdevSupply ...), each checked as it arrives.  At commit every add is
 * built from its skeleton through the profile parser and validated as a
 * profile device is, every remove is checked, the new registry (identity
 * -> hrDeviceIndex, prt_registry.h) is saved through the save_registry
 * hook, and only then does the model change: a bad line, a failed check or
 * a failed save leaves everything as it was.
 *
 * An identity keeps its index for ever (the registry; re-adding it is
 * idempotent and updates the skeleton); an identity claimed by a profile
 * device (printdevIdentity) maps onto that device, whose profile wins.
 *
 * Pure C: no Net-SNMP, no I/O (the hooks do the saving).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feed_proto.h"
#include "feed_proto_internal.h"
#include "prt_registry.h"
#include "prt_rules.h"
#include "prt_state.h"
#include "prt_system.h"

enum fd_result { FD_ADDED = 1, FD_UPDATED, FD_UNCHANGED, FD_PROFILE, FD_REMOVED };

static const char *const result_names[] = {"", "added", "updated", "unchanged", "profile",
                                           "removed"};

struct fd_item {
    int result;               /* enum fd_result */
    int32_t index;
    char name[64];
    char identity[256];
    struct prt_device *nd;    /* FD_ADDED / FD_UPDATED: the new device */
    struct prt_device *old;   /* FD_UPDATED / FD_REMOVED: the device in the model */
};

struct fd_plan {
    struct prt_registry *reg; /* the registry after the batch */
    struct fd_item *it;
    size_t n;
};

void fd_pending_clear(struct feed_session *s)
{
    for (size_t i = 0; i < s->n_pend; i++)
        free(s->pend[i].skel);
    s->n_pend = 0;
}

void fd_plan_free(struct fd_plan *plan)
{
    if (plan == NULL)
        return;
    for (size_t i = 0; i < plan->n; i++)
        prt_device_free(plan->it[i].nd);
    free(plan->it);
    prt_registry_free(plan->reg);
    free(plan);
}

/* ---- lines ---- */

bool fd_is_skeleton_line(const char *line, size_t len)
{
    while (len > 0 && (*line == ' ' || *line == '\t')) {
        line++;
        len--;
    }
    return len >= 8 && memcmp(line, "printdev", 8) == 0;
}

static struct fd_pending *last_add(struct feed_session *s)
{
    for (size_t i = s->n_pend; i > 0; i--)
        if (s->pend[i - 1].op == OP_DEVICE_ADD)
            return &s->pend[i - 1];
    return NULL;
}

enum feed_result fd_skeleton_line(struct feed_session *s, const char *line, size_t len,
                                  struct feed_out *o)
{
    struct fd_pending *p;
    struct cmd c;
    char *text, err[512];
    int rc;

    if (!s->in_batch)
        return fp_error(s, o, "profile lines are accepted only after a device add inside "
                              "begin ... commit");
    p = last_add(s);
    if (p == NULL)
        return fp_error(s, o, "profile line before any device add in this batch");
    if (memchr(line, '\0', len) != NULL)
        return fp_error(s, o, "NUL byte in line");
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)line[i] < 0x20 && line[i] != '\t')
            return fp_error(s, o, "control character in line");
    if (p->skel_len + len + 2 > PRT_SKELETON_MAX)
        return fp_error(s, o, "skeleton larger than %u octets", PRT_SKELETON_MAX);
    text = malloc(len + 1);
    if (text == NULL)
        return fp_error(s, o, "out of memory");
    memcpy(text, line, len);
    text[len] = '\0';
    rc = prt_registry_check_line(text, err, sizeof(err));
    if (rc != 0) {
        free(text);
        return fp_error(s, o, "%s", err);
    }
    {
        char *ns = realloc(p->skel, p->skel_len + len + 2);
        if (ns == NULL) {
            free(text);
            return fp_error(s, o, "out of memory");
        }
        memcpy(ns + p->skel_len, text, len);
        ns[p->skel_len + len] = '\n';
        ns[p->skel_len + len + 1] = '\0';
        p->skel = ns;
        p->skel_len += len + 1;
    }
    free(text);
    memset(&c, 0, sizeof(c));
    c.op = OP_SKELETON;
    c.ch.op = OP_SKELETON;
    return fp_queue(s, &c, o);
}

/* Parses `device add NAME identity=ID` / `device remove NAME|INDEX` into p. */
static const char *parse_pending(const struct words *ws, int op, struct fd_pending *p, char *tmp,
                                 size_t cap)
{
    const struct word *w = ws->w;
    char sb[80];

    memset(p, 0, sizeof(*p));
    p->op = op;
    if (op == OP_DEVICE_REMOVE) {
        if (ws->n != 3)
            return "usage: device remove NAME|INDEX";
        if (w[2].len >= sizeof(p->name) || memchr(w[2].s, '\0', w[2].len) != NULL)
            return "no such device";
        memcpy(p->name, w[2].s, w[2].len + 1);
        return NULL;
    }
    if (!prt_registry_name_ok(w[2].s) || w[2].len != strlen(w[2].s)) {
        snprintf(tmp, cap,
                 "device name \"%s\" must be 1..63 letters, digits, '-', '_' or '.'",
                 fp_show(&w[2], sb, sizeof(sb)));
        return tmp;
    }
    memcpy(p->name, w[2].s, w[2].len + 1);
    {
        const char *id = NULL;
        size_t idlen = 0;
        if (ws->n == 4 && strncmp(w[3].s, "identity=", 9) == 0) {
            id = w[3].s + 9;
            idlen = w[3].len - 9;
        } else if (ws->n == 5 && fp_is(&w[3], "identity")) {
            id = w[4].s;
            idlen = w[4].len;
        } else {
            return "usage: device add NAME identity=ID";
        }
        if (idlen != strlen(id) || !prt_identity_ok(id))
            return "identity must be 1..255 octets without blanks or control characters";
        memcpy(p->identity, id, idlen + 1);
    }
    return NULL;
}

static enum feed_result run_now(struct feed_session *s, struct feed_out *o);

enum feed_result fd_device_cmd(struct feed_session *s, const struct words *ws, struct cmd *c,
                               struct feed_out *o)
{
    struct fd_pending p;
    char tmp[256];
    const char *why = parse_pending(ws, c->op, &p, tmp, sizeof(tmp));

    if (why != NULL)
        return fp_error(s, o, "%s", why);
    if (s->n_pend == s->cap_pend) {
        size_t ncap = s->cap_pend ? s->cap_pend * 2 : 4;
        struct fd_pending *np = realloc(s->pend, ncap * sizeof(*np));
        if (np == NULL)
            return fp_error(s, o, "out of memory");
        s->pend = np;
        s->cap_pend = ncap;
    }
    if (!s->in_batch) {
        enum feed_result r;
        s->pend[s->n_pend++] = p;
        r = run_now(s, o);
        fd_pending_clear(s);
        return r;
    }
    if (s->n_batch >= FEED_BATCH_MAX)
        return fp_error(s, o, "batch larger than %d commands", FEED_BATCH_MAX);
    c->aux = s->n_pend;
    s->pend[s->n_pend++] = p;
    return fp_queue(s, c, o);
}

/* ---- commit ---- */

static struct fd_item *plan_push(struct fd_plan *plan)
{
    struct fd_item *n = realloc(plan->it, (plan->n + 1) * sizeof(*n));

    if (n == NULL)
        return NULL;
    plan->it = n;
    memset(&n[plan->n], 0, sizeof(n[0]));
    return &n[plan->n++];
}

static struct prt_device *find_target(const struct prt_model *m, const char *word)
{
    char *end;
    long v = strtol(word, &end, 10);
    struct prt_device *d = NULL;

    if (*word != '\0' && *end == '\0' && v >= 1 && v <= PRT_INDEX_MAX)
        d = prt_model_find(m, (int32_t)v);
    return d != NULL ? d : prt_model_find_name(m, word);
}

static bool plan_has_index(const struct fd_plan *plan, int32_t index)
{
    for (size_t i = 0; i < plan->n; i++)
        if (plan->it[i].index == index)
            return true;
    return false;
}

static bool same_text(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

/* The SNMP context of the device it builds (it->nd) must be a valid name
 * that no other device of the model or of the plan has.  NULL or a reason
 * (in tmp).  The reason for a context another device of the agent holds
 * starts with the word "context-taken:" (printdev-feed(7), ERROR WORDS):
 * clients match that word, never the English text after it. */
static const char *context_clash(const struct prt_model *m, const struct fd_plan *plan,
                                 const struct fd_item *it, char *tmp, size_t cap)
{
    const char *ctx = prt_system_context(it->nd);
    const struct prt_device *other;

    if (!prt_system_context_valid(ctx)) {
        snprintf(tmp, cap,
                 "device %s: '%.80s' is not a context name (1..32 letters, digits, '-', '_', "
                 "'.'): add printdevSystem context NAME to its skeleton",
                 it->name, ctx);
        return tmp;
    }
    other = prt_model_find_context(m, ctx);
    if (other != NULL && other->hr_index != it->index) {
        snprintf(tmp, cap,
                 "context-taken: device %s: context '%s' is already the context of device %s",
                 it->name, ctx, other->name);
        return tmp;
    }
    for (size_t i = 0; i < plan->n; i++)
        if (&plan->it[i] != it && plan->it[i].nd != NULL &&
            !strcmp(prt_system_context(plan->it[i].nd), ctx)) {
            snprintf(tmp, cap, "device %s: the batch gives context '%s' twice", it->name, ctx);
            return tmp;
        }
    return NULL;
}

/* Builds one add into the plan.  NULL or a reason (in tmp). */
static const char *prepare_add(const struct prt_model *m, struct fd_plan *plan,
                               const struct fd_pending *p, char *tmp, size_t cap)
{
    struct prt_device *claim = prt_model_find_identity(m, p->identity), *other;
    struct prt_reg_entry *e;
    struct fd_item *it;
    const char *skel, *why;
    char err[600];
    int32_t idx;
    int rc;

    if (claim != NULL && !claim->runtime) {
        /* a profile device claims the identity: the profile wins */
        if (plan_has_index(plan, claim->hr_index))
            goto twice;
        it = plan_push(plan);
        if (it == NULL)
            return "out of memory";
        it->result = FD_PROFILE;
        it->index = claim->hr_index;
        snprintf(it->name, sizeof(it->name), "%s", claim->name);
        snprintf(it->identity, sizeof(it->identity), "%s", p->identity);
        return NULL;
    }
    rc = prt_registry_assign(plan->reg, m, p->identity, &idx);
    if (rc != 0) {
        snprintf(tmp, cap, "no hrDeviceIndex left for identity %s: %s", p->identity,
                 prt_strerror(rc));
        return tmp;
    }
    if (plan_has_index(plan, idx))
        goto twice;
    other = prt_model_find(m, idx);
    if (other != NULL && !other->runtime) {
        snprintf(tmp, cap, "hrDeviceIndex %d of identity %s is taken by profile device %s",
                 (int)idx, p->identity, other->name);
        return tmp;
    }
    other = prt_model_find_name(m, p->name);
    if (other != NULL && other->hr_index != idx) {
        snprintf(tmp, cap, "device name \"%s\" is used by device %d", p->name,
                 (int)other->hr_index);
        return tmp;
    }
    for (size_t i = 0; i < plan->n; i++)
        if (!strcmp(plan->it[i].name, p->name) && plan->it[i].result != FD_REMOVED) {
            snprintf(tmp, cap, "the batch adds device name \"%s\" twice", p->name);
            return tmp;
        }
    it = plan_push(plan);
    if (it == NULL)
        return "out of memory";
    it->index = idx;
    snprintf(it->name, sizeof(it->name), "%s", p->name);
    snprintf(it->identity, sizeof(it->identity), "%s", p->identity);
    it->old = prt_model_find(m, idx);
    e = prt_registry_find(plan->reg, p->identity);
    /* no skeleton: the one the registry holds for the identity */
    skel = p->skel != NULL || !e->active ? p->skel : e->skeleton;
    if (it->old != NULL && e->active && !strcmp(e->name, p->name) && same_text(e->skeleton, skel)) {
        it->result = FD_UNCHANGED;
        return NULL;
    }
    rc = prt_registry_build(idx, p->name, p->identity, skel, &it->nd, err, sizeof(err));
    if (rc != 0) {
        snprintf(tmp, cap, "device %s: %s", p->name, err);
        return tmp;
    }
    if ((why = context_clash(m, plan, it, tmp, cap)) != NULL)
        return why;
    if (it->old != NULL && !strcmp(it->old->name, p->name)) {
        /* the same printer with a new skeleton: its live state goes along
         * (entries of rows the new skeleton lacks are dropped) */
        char *img = NULL, msg[256];
        size_t len = 0;
        if (prt_state_format(it->old, &img, &len) == 0)
            (void)prt_state_load_buffer(it->nd, it->name, img, len, msg, sizeof(msg));
        free(img);
    }
    it->result = it->old != NULL ? FD_UPDATED : FD_ADDED;
    e->active = true;
    snprintf(e->name, sizeof(e->name), "%s", p->name);
    if (skel != e->skeleton) {
        free(e->skeleton);
        e->skeleton = skel != NULL ? strdup(skel) : NULL;
        if (skel != NULL && e->skeleton == NULL)
            return "out of memory";
    }
    return NULL;
twice:
    snprintf(tmp, cap, "the batch names the device of identity %s twice", p->identity);
    return tmp;
}

static const char *prepare_remove(const struct prt_model *m, struct fd_plan *plan,
                                  const struct fd_pending *p, char *tmp, size_t cap)
{
    struct prt_device *d = find_target(m, p->name);
    struct prt_reg_entry *e;
    struct fd_item *it;

    if (d == NULL) {
        snprintf(tmp, cap, "no device \"%.80s\"", p->name);
        return tmp;
    }
    if (!d->runtime) {
        snprintf(tmp, cap, "device %s comes from a profile; remove it there", d->name);
        return tmp;
    }
    if (plan_has_index(plan, d->hr_index)) {
        snprintf(tmp, cap, "the batch names device %s twice", d->name);
        return tmp;
    }
    e = prt_registry_find_index(plan->reg, d->hr_index);
    if (e != NULL) {
        e->active = false; /* the index stays the identity's */
        free(e->skeleton);
        e->skeleton = NULL;
    }
    it = plan_push(plan);
    if (it == NULL)
        return "out of memory";
    it->result = FD_REMOVED;
    it->index = d->hr_index;
    it->old = d;
    snprintf(it->name, sizeof(it->name), "%s", d->name);
    snprintf(it->identity, sizeof(it->identity), "%s", d->identity);
    return NULL;
}

const char *fd_prepare(struct feed_session *s, struct fd_plan **out, char *tmp, size_t cap)
{
    struct fd_plan *plan = calloc(1, sizeof(*plan));
    const char *why = NULL;
    size_t count;
    bool writes = false;

    *out = NULL;
    if (plan == NULL)
        return "out of memory";
    plan->reg = s->m->registry != NULL ? prt_registry_clone(s->m->registry) : prt_registry_new();
    if (plan->reg == NULL) {
        fd_plan_free(plan);
        return "out of memory";
    }
    for (size_t i = 0; i < s->n_pend && why == NULL; i++) {
        const struct fd_pending *p = &s->pend[i];
        why = p->op == OP_DEVICE_ADD ? prepare_add(s->m, plan, p, tmp, cap)
                                     : prepare_remove(s->m, plan, p, tmp, cap);
    }
    count = s->m->n_devices;
    for (size_t i = 0; why == NULL && i < plan->n; i++) {
        if (plan->it[i].result == FD_ADDED)
            count++;
        else if (plan->it[i].result == FD_REMOVED)
            count--;
        if (plan->it[i].result != FD_PROFILE && plan->it[i].result != FD_UNCHANGED)
            writes = true;
    }
    if (why == NULL && count > PRT_MAX_DEVICES) {
        snprintf(tmp, cap, "one agent serves at most %d devices", PRT_MAX_DEVICES);
        why = tmp;
    }
    /* a new index handed out is saved too, even for an unchanged device */
    if (s->m->registry == NULL || plan->reg->high != s->m->registry->high)
        writes = true;
    if (why == NULL && writes && s->hooks.save_registry != NULL) {
        char reason[300];
        if (s->hooks.save_registry(s->arg, plan->reg, reason, sizeof(reason)) != 0) {
            snprintf(tmp, cap, "device registry not saved: %s", reason);
            why = tmp;
        }
    }
    if (why != NULL) {
        fd_plan_free(plan);
        return why;
    }
    *out = plan;
    return NULL;
}

static void report(struct feed_out *o, const struct fd_item *it)
{
    feed_out_printf(o, "device index=%" PRId32 " name=", it->index);
    feed_out_quote(o, it->name);
    feed_out_printf(o, " identity=");
    feed_out_quote(o, it->identity);
    feed_out_printf(o, " %s\n", result_names[it->result]);
}

/* Applies a prepared plan (nothing can fail any more).  Data lines for the
 * batch reply go to o when o is not NULL. */
static void apply_plan(struct feed_session *s, struct fd_plan *plan, struct feed_out *o)
{
    bool changed_set = false;

    for (size_t i = 0; i < plan->n; i++) {
        struct fd_item *it = &plan->it[i];

        switch (it->result) {
        case FD_REMOVED:
            if (s->hooks.removing != NULL)
                s->hooks.removing(s->arg, it->old);
            prt_device_free(prt_model_remove_device(s->m, it->index));
            it->old = NULL;
            changed_set = true;
            break;
        case FD_UPDATED:
            /* in place: the pointer others hold stays valid; the
             * generation moves on (and the new layout is saved) */
            it->nd->generation = it->old->generation + 1;
            it->nd->saved_generation = it->old->saved_generation;
            prt_device_free(it->old->factory);
            it->old->factory = it->nd->factory;
            it->nd->factory = NULL;
            prt_device_restore(it->old, it->nd);
            it->nd = NULL;
            prt_rules_apply(s->m, it->old);
            if (s->hooks.changed != NULL)
                s->hooks.changed(s->arg, it->old);
            break;
        case FD_ADDED:
            if (prt_model_add_device(s->m, it->nd) == PRT_OK) {
                struct prt_device *d = it->nd;
                it->nd = NULL;
                prt_rules_apply(s->m, d);
                if (s->hooks.changed != NULL)
                    s->hooks.changed(s->arg, d);
                changed_set = true;
            }
            break;
        default:
            break;
        }
        if (o != NULL)
            report(o, it);
    }
    prt_registry_free(s->m->registry);
    s->m->registry = plan->reg;
    plan->reg = NULL;
    if (changed_set && s->hooks.devices_changed != NULL)
        s->hooks.devices_changed(s->arg);
}

void fd_apply(struct feed_session *s, struct fd_plan *plan, struct feed_out *o)
{
    apply_plan(s, plan, o);
    fd_plan_free(plan);
}

/* A device add or remove outside a batch. */
static enum feed_result run_now(struct feed_session *s, struct feed_out *o)
{
    struct fd_plan *plan;
    char tmp[700];
    const char *why = fd_prepare(s, &plan, tmp, sizeof(tmp));
    struct fd_item it;

    if (why != NULL)
        return fp_error(s, o, "%s", why);
    it = plan->it[0];
    apply_plan(s, plan, NULL);
    fd_plan_free(plan);
    if (it.result == FD_REMOVED) {
        if (s->dev == it.index)
            s->dev = 0;
        feed_out_printf(o, "ok removed %" PRId32 "\n", it.index);
    } else {
        s->dev = it.index;
        feed_out_printf(o, "ok device %" PRId32 " ", it.index);
        feed_out_quote(o, it.name);
        feed_out_printf(o, " %s\n", result_names[it.result]);
    }
    return FEED_R_OK;
}
