/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_rules_internal.h: what the rule files (prt_rules*.c) share: the
 * condition set, the context of one prt_rules_apply() and the functions one
 * rule file calls in another.  Not for use outside module/model.
 */
#ifndef PRT_RULES_INTERNAL_H
#define PRT_RULES_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/types.h>

#include "prt_model.h"
#include "prt_rules.h"

/* hrPrinterDetectedErrorState bit n as a 16-bit word, octet 1 high. */
#define ERRBIT(n) ((uint16_t)(0x8000u >> (n)))

#define SUBUNIT_NONCRITICAL 8
#define SUBUNIT_CRITICAL 16
#define SUBUNIT_OFFLINE 32
#define SUBUNIT_TRANSITION 64

/* Key discriminators for conditions that share code/group/index. */
enum { SUBJ_SERVICE = 1, SUBJ_MAINT = 2, SUBJ_OFFLINE = 3, SUBJ_OPERATOR = 4, SUBJ_ALL = 5 };

/* Which sub-unit a condition marks (for the +8/+16 flags). */
enum st_unit { ST_NONE = 0, ST_INPUT, ST_OUTPUT, ST_MARKER, ST_MEDIA_PATH, ST_CHANNEL };

/* One condition that holds now (derived, or an explicit binary row). */
struct cond {
    struct prt_alert a;   /* row template incl. key */
    uint16_t bits;        /* hrPrinterDetectedErrorState bits */
    int st;               /* enum st_unit */
    int32_t st_index;
    bool derived;
    bool operator_row;    /* the "Operator intervention required" row */
};

struct cond_set {
    struct cond *v;
    size_t n, cap;
};

struct event {
    struct prt_alert a;
    enum prt_alert_event ev;
};

struct ctx {
    struct prt_model *m;
    struct prt_device *d;
    struct event *evs;
    size_t n_evs, cap_evs;
    bool changed;
    const struct cond_set *want;  /* derived conditions, while applying */
};

/* prt_rules_util.c: shared helpers */
/* Formats an alert or console text into dst (n octets), cut on a UTF-8
 * boundary. */
void rules_textf(char *dst, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void rules_utf8_trim(char *s);

/* prt_rules_cond.c: condition sets and the derived conditions */
void rules_cond_show(struct cond *c, int32_t group, int32_t group_index, int32_t code);
int rules_derive(struct ctx *c, struct cond_set *s);

/* prt_rules_table.c: the alert table */
ssize_t rules_row_pos(const struct prt_device *d, int32_t index);
ssize_t rules_row_by_key(const struct prt_device *d, uint64_t key);
void rules_row_remove(struct ctx *c, size_t i, struct prt_alert *out);
int rules_row_insert(struct ctx *c, const struct prt_alert *tmpl, bool may_evict);
void rules_removal_entry(struct ctx *c, const struct prt_alert *gone);
void rules_sync_table(struct ctx *c, const struct cond_set *s);

/* prt_rules_status.c: explicit rows and derived statuses */
int rules_add_explicit(const struct prt_device *d, struct cond_set *s);
void rules_derive_status(struct ctx *c, const struct cond_set *act);

/* Small helpers of the rules' inner loops (inline: the rule files call
 * them per condition and per row). */
static inline uint64_t rules_fnv(uint64_t h, int32_t v)
{
    uint32_t u = (uint32_t)v;
    int i;

    for (i = 0; i < 4; i++) {
        h ^= (u >> (8 * i)) & 0xFF;
        h *= UINT64_C(1099511628211);
    }
    return h;
}

static inline uint64_t rules_cond_key(const struct prt_alert *a, int32_t subject)
{
    uint64_t h = UINT64_C(14695981039346656037);

    h = rules_fnv(h, a->code);
    h = rules_fnv(h, a->group);
    h = rules_fnv(h, a->group_index);
    h = rules_fnv(h, a->location);
    h = rules_fnv(h, a->severity);
    h = rules_fnv(h, subject);
    return h | PRT_ALERT_KEY_DERIVED;
}

static inline bool rules_is_binary(const struct prt_alert *a)
{
    return a->severity == PrtAlertSeverityLevelTC_critical ||
           a->severity == PrtAlertSeverityLevelTC_warningBinaryChangeEvent;
}

static inline bool rules_is_critical(const struct prt_alert *a)
{
    return a->severity == PrtAlertSeverityLevelTC_critical;
}

static inline uint32_t rules_now_ticks(const struct prt_model *m)
{
    return (m != NULL && m->uptime != NULL) ? m->uptime() : 0;
}

static inline size_t rules_table_limit(const struct prt_device *d)
{
    int32_t s = d->rules.alert_table_size;

    if (s < 1)
        s = PRT_ALERT_TABLE_DEFAULT;
    if (s > PRT_MAX_ROWS)
        s = PRT_MAX_ROWS;
    return (size_t)s;
}

static inline void rules_set_i32(struct ctx *c, int32_t *field, int32_t v)
{
    if (*field != v) {
        *field = v;
        c->changed = true;
    }
}

static inline struct cond *rules_cond_push(struct cond_set *s)
{
    struct cond *c;

    if (s->n == s->cap) {
        size_t ncap = s->cap ? s->cap * 2 : 32;
        struct cond *nv = realloc(s->v, ncap * sizeof(*nv));
        if (nv == NULL)
            return NULL;
        s->v = nv;
        s->cap = ncap;
    }
    c = &s->v[s->n++];
    memset(c, 0, sizeof(*c));
    c->a.location = -2;
    c->derived = true;
    return c;
}

static inline const struct cond *rules_cond_find(const struct cond_set *s, uint64_t key)
{
    size_t i;

    for (i = 0; i < s->n; i++)
        if (s->v[i].a.key == key)
            return &s->v[i];
    return NULL;
}

#endif
