/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_rules_table.c: the prtAlertTable mechanics (RFC 3805 §2.2.13): rows
 * kept in index order, new indexes, eviction when the table is full,
 * alertRemovalOfBinaryChangeEntry rows, ageing of unary rows, and making
 * the table agree with the set of conditions that hold now.
 *
 * Pure C: no Net-SNMP, no I/O.  The rules as a whole are described atop
 * prt_rules.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "prt_enums.h"
#include "prt_model.h"
#include "prt_rules.h"
#include "prt_rules_internal.h"

static void queue(struct ctx *c, const struct prt_alert *a, enum prt_alert_event ev)
{
    if (c->n_evs == c->cap_evs) {
        size_t ncap = c->cap_evs ? c->cap_evs * 2 : 16;
        struct event *nv = realloc(c->evs, ncap * sizeof(*nv));
        if (nv == NULL) {
            /* Cannot queue: report now rather than lose the event. */
            if (c->m != NULL && c->m->alert_cb != NULL)
                c->m->alert_cb(c->d, a, ev, c->m->alert_cb_arg);
            return;
        }
        c->evs = nv;
        c->cap_evs = ncap;
    }
    c->evs[c->n_evs].a = *a;
    c->evs[c->n_evs].ev = ev;
    c->n_evs++;
}

static bool pending_has(const struct prt_device *d, uint64_t key)
{
    size_t i;

    for (i = 0; i < d->n_rules_pending; i++)
        if (d->rules_pending[i] == key)
            return true;
    return false;
}

static void pending_del(struct ctx *c, size_t i)
{
    struct prt_device *d = c->d;

    memmove(&d->rules_pending[i], &d->rules_pending[i + 1],
            (d->n_rules_pending - i - 1) * sizeof(d->rules_pending[0]));
    d->n_rules_pending--;
    c->changed = true;
}

ssize_t rules_row_pos(const struct prt_device *d, int32_t index)
{
    size_t i;

    for (i = 0; i < d->n_alerts; i++)
        if (d->alerts[i].index == index)
            return (ssize_t)i;
    return -1;
}

ssize_t rules_row_by_key(const struct prt_device *d, uint64_t key)
{
    size_t i;

    if (key == 0)
        return -1;
    for (i = 0; i < d->n_alerts; i++)
        if (d->alerts[i].key == key)
            return (ssize_t)i;
    return -1;
}

/* Removes row i from the table and queues PRT_ALERT_REMOVED. */
void rules_row_remove(struct ctx *c, size_t i, struct prt_alert *out)
{
    struct prt_device *d = c->d;
    struct prt_alert a = d->alerts[i];

    memmove(&d->alerts[i], &d->alerts[i + 1], (d->n_alerts - i - 1) * sizeof(d->alerts[0]));
    d->n_alerts--;
    c->changed = true;
    queue(c, &a, PRT_ALERT_REMOVED);
    if (out != NULL)
        *out = a;
}

/* Evicts row i; a derived binary alert whose condition still holds is
 * remembered for re-adding (RFC 3805 §2.2.13.4). */
static void evict(struct ctx *c, size_t i)
{
    struct prt_device *d = c->d;
    struct prt_alert gone;

    rules_row_remove(c, i, &gone);
    if ((gone.key & PRT_ALERT_KEY_DERIVED) && c->want != NULL &&
        rules_cond_find(c->want, gone.key) != NULL && !pending_has(d, gone.key) &&
        d->n_rules_pending < PRT_RULES_PENDING_MAX)
        d->rules_pending[d->n_rules_pending++] = gone.key;
}

/* Eviction victim (RFC 3805 §2.2.13.4): oldest non-critical unary, else
 * oldest non-critical binary, else (only for a critical newcomer) oldest
 * critical.  -1 when nothing may be evicted. */
static ssize_t pick_victim(const struct prt_device *d, bool new_critical)
{
    ssize_t best[3] = { -1, -1, -1 };
    size_t i;
    int lvl;

    for (i = 0; i < d->n_alerts; i++) {
        const struct prt_alert *a = &d->alerts[i];
        lvl = rules_is_critical(a) ? 2 : (a->key == 0 ? 0 : 1);
        if (best[lvl] < 0 || a->seq < d->alerts[best[lvl]].seq)
            best[lvl] = (ssize_t)i;
    }
    if (best[0] >= 0)
        return best[0];
    if (best[1] >= 0)
        return best[1];
    return new_critical ? best[2] : -1;
}

static int32_t take_index(struct prt_device *d)
{
    bool zero = d->rules.oce_index_wrap_zero;
    int32_t idx;
    size_t guard;

    for (guard = 0; guard <= d->n_alerts; guard++) {
        idx = d->next_alert_index;
        if (idx < 0 || (idx == 0 && !zero))
            idx = 1;
        d->next_alert_index = idx == INT32_MAX ? (zero ? 0 : 1) : idx + 1;
        if (rules_row_pos(d, idx) < 0)
            return idx;
    }
    return -1; /* unreachable: more candidates tried than rows exist */
}

/* Inserts a copy of tmpl as a new row (new index, time, seq), evicting per
 * RFC 3805 §2.2.13.4 when may_evict is true and the table is full.  Returns the
 * position or -PRT_ELIMIT / -PRT_ENOMEM without any change. */
int rules_row_insert(struct ctx *c, const struct prt_alert *tmpl, bool may_evict)
{
    struct prt_device *d = c->d;
    size_t lim = rules_table_limit(d), pos;
    struct prt_alert row, *nv;
    int32_t idx;

    /* Check the whole eviction chain first so a refusal changes nothing. */
    if (d->n_alerts >= lim) {
        ssize_t v;
        if (!may_evict)
            return -PRT_ELIMIT;
        v = pick_victim(d, rules_is_critical(tmpl));
        if (v < 0)
            return -PRT_ELIMIT;
        if ((d->alerts[v].key & PRT_ALERT_KEY_DERIVED) && c->want != NULL &&
            rules_cond_find(c->want, d->alerts[v].key) != NULL &&
            d->n_rules_pending >= PRT_RULES_PENDING_MAX)
            return -PRT_ELIMIT; /* could not remember the evicted condition */
    }
    nv = realloc(d->alerts, (d->n_alerts + 1) * sizeof(*nv));
    if (nv == NULL)
        return -PRT_ENOMEM;
    d->alerts = nv;
    while (d->n_alerts >= lim) {
        ssize_t v = pick_victim(d, rules_is_critical(tmpl));
        if (v < 0)
            return -PRT_ELIMIT;
        evict(c, (size_t)v);
    }
    idx = take_index(d);
    if (idx < 0)
        return -PRT_ELIMIT;
    row = *tmpl;
    row.index = idx;
    row.time = rules_now_ticks(c->m);
    row.seq = ++d->alert_seq;
    for (pos = 0; pos < d->n_alerts && d->alerts[pos].index < idx; pos++)
        ;
    memmove(&d->alerts[pos + 1], &d->alerts[pos], (d->n_alerts - pos) * sizeof(d->alerts[0]));
    d->alerts[pos] = row;
    d->n_alerts++;
    d->general.alert_all_events++;
    if (rules_is_critical(&row)) {
        d->general.alert_critical_events++;
        d->hr_device_errors++;
    }
    c->changed = true;
    queue(c, &row, PRT_ALERT_ADDED);
    return (int)pos;
}

/* The alertRemovalOfBinaryChangeEntry(1801) row for a removed binary row
 * (RFC 3805 §2.2.13.4 / IANA-PRINTER-MIB PrtAlertCodeTC). */
void rules_removal_entry(struct ctx *c, const struct prt_alert *gone)
{
    struct prt_alert r;

    if (!c->d->rules.removal_entries || !rules_is_binary(gone))
        return;
    memset(&r, 0, sizeof(r));
    r.severity = PrtAlertSeverityLevelTC_warning;
    r.training = PrtAlertTrainingLevelTC_noInterventionRequired;
    r.group = PrtAlertGroupTC_alert;
    r.group_index = gone->index;
    r.location = -2;
    r.code = PrtAlertCodeTC_alertRemovalOfBinaryChangeEntry;
    rules_textf(r.description, sizeof(r.description), "Cleared: %s", gone->description);
    (void)rules_row_insert(c, &r, true);
}

static void age_unary(struct ctx *c)
{
    struct prt_device *d = c->d;
    uint64_t max = (uint64_t)d->rules.unary_max_age * 100;
    uint32_t now;
    size_t i;

    if (d->rules.unary_max_age == 0)
        return;
    now = rules_now_ticks(c->m);
    for (i = d->n_alerts; i-- > 0;) {
        const struct prt_alert *a = &d->alerts[i];
        if (a->key == 0 && (uint64_t)(uint32_t)(now - a->time) >= max)
            rules_row_remove(c, i, NULL);
    }
}

/* Brings the table in line with the wanted derived conditions. */
void rules_sync_table(struct ctx *c, const struct cond_set *s)
{
    struct prt_device *d = c->d;
    size_t i, pass;

    c->want = s;
    age_unary(c);

    /* Trailing edges: derived rows whose condition no longer holds. */
    for (i = d->n_alerts; i-- > 0;) {
        struct prt_alert gone;
        if (!(d->alerts[i].key & PRT_ALERT_KEY_DERIVED) || rules_cond_find(s, d->alerts[i].key))
            continue;
        rules_row_remove(c, i, &gone);
        rules_removal_entry(c, &gone);
        i = d->n_alerts; /* the table may have changed around i: restart */
    }
    /* The table size was lowered (profile reload): evict down to it. */
    while (d->n_alerts > rules_table_limit(d))
        evict(c, (size_t)pick_victim(d, true));
    /* Conditions that hold: refresh texts, training and shown identity of
     * their rows in place. */
    for (i = 0; i < s->n; i++) {
        ssize_t p = rules_row_by_key(d, s->v[i].a.key);
        if (p < 0)
            continue;
        if (strcmp(d->alerts[p].description, s->v[i].a.description) != 0) {
            memcpy(d->alerts[p].description, s->v[i].a.description,
                   sizeof(d->alerts[p].description));
            c->changed = true;
        }
        rules_set_i32(c, &d->alerts[p].training, s->v[i].a.training);
        /* a row from an older release's state file: same key, the
         * identity shown now (rules_cond_show) */
        rules_set_i32(c, &d->alerts[p].group, s->v[i].a.group);
        rules_set_i32(c, &d->alerts[p].group_index, s->v[i].a.group_index);
        rules_set_i32(c, &d->alerts[p].code, s->v[i].a.code);
    }
    /* Forget pending re-adds whose condition cleared or that are back. */
    for (i = d->n_rules_pending; i-- > 0;)
        if (!rules_cond_find(s, d->rules_pending[i]) ||
            rules_row_by_key(d, d->rules_pending[i]) >= 0)
            pending_del(c, i);
    /* Re-add evicted conditions into free room only, criticals first. */
    for (pass = 0; pass < 2; pass++) {
        for (i = 0; i < d->n_rules_pending;) {
            const struct cond *k = rules_cond_find(s, d->rules_pending[i]);
            if (k != NULL && rules_is_critical(&k->a) == (pass == 0) &&
                d->n_alerts < rules_table_limit(d) && rules_row_insert(c, &k->a, false) >= 0) {
                pending_del(c, i);
                continue;
            }
            i++;
        }
    }
    /* Leading edges: new conditions. */
    for (i = 0; i < s->n; i++) {
        const struct cond *k = &s->v[i];
        if (rules_row_by_key(d, k->a.key) >= 0 || pending_has(d, k->a.key))
            continue;
        (void)rules_row_insert(c, &k->a, true);
    }
    c->want = NULL;
}
