/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trap_rules_match.c: matching a trap against the loaded rules
 * (printdev-trap-rules(5)) and applying the first match: severity,
 * category, device, message template and exec action.
 *
 * Everything was validated when the file was read (trap_rules_read.c), so
 * this only compares strings and addresses and never allocates.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "trap_parse.h"
#include "trap_rules.h"
#include "trap_rules_internal.h"
#include "trap_util.h"

/* ---- matching ---- */

/* RFC 3584 §3.2: the enterprise of a v2 trap is snmpTrapOID without its last
 * sub-id, and without the next one too when that is 0. */
static const char *enterprise_of(const struct trap_msg *m, char *buf, size_t bsz)
{
    const char *ld;
    size_t n;

    if (m->enterprise)
        return m->enterprise;
    if (m->trap_oid == NULL || (ld = strrchr(m->trap_oid, '.')) == NULL)
        return NULL;
    n = (size_t)(ld - m->trap_oid);
    if (n >= bsz)
        return NULL;
    memcpy(buf, m->trap_oid, n);
    buf[n] = '\0';
    if (n >= 2 && strcmp(buf + n - 2, ".0") == 0)
        buf[n - 2] = '\0';
    return buf;
}

static bool value_matches(const struct trap_varbind *vb, const char *want, bool glob)
{
    char txt[1024];
    size_t tl;
    const char *lp;

    if (vb->value == NULL)
        return false;
    if (glob ? trap_glob_match(want, vb->value, vb->value_len)
             : (strlen(want) == vb->value_len && memcmp(want, vb->value, vb->value_len) == 0))
        return true;
    if (vb->type == TV_HEXSTRING || vb->type == TV_OPAQUE) {
        tl = trap_varbind_text(vb, txt, sizeof txt);
        if (glob ? trap_glob_match(want, txt, tl) : strcmp(want, txt) == 0)
            return true;
    }
    /* a bare enum label (MIBs loaded) matches its number */
    if (vb->type == TV_INTEGER && !glob && vb->value_len > 0 &&
        !(vb->value[0] == '-' || (vb->value[0] >= '0' && vb->value[0] <= '9'))) {
        long v;
        char num[24];
        if (trap_varbind_int(vb, &v) == 0) {
            snprintf(num, sizeof num, "%ld", v);
            if (strcmp(num, want) == 0)
                return true;
        }
    }
    /* "name(3)": the label alone or the number alone match too */
    if (vb->type == TV_INTEGER && vb->value_len > 0 && vb->value[vb->value_len - 1] == ')' &&
        (lp = strchr(vb->value, '(')) != NULL) {
        size_t ll = (size_t)(lp - vb->value), nl = vb->value_len - ll - 2;
        if (glob ? (trap_glob_match(want, vb->value, ll) || trap_glob_match(want, lp + 1, nl))
                 : ((strlen(want) == ll && memcmp(want, vb->value, ll) == 0) ||
                    (strlen(want) == nl && memcmp(want, lp + 1, nl) == 0)))
            return true;
    }
    return false;
}

static bool cond_holds(const struct cond *cd, const struct trap_msg *m,
                       const struct trap_event *ev)
{
    size_t i;
    char ebuf[256];
    const char *ent;

    switch (cd->kind) {
    case C_TRAP:
        for (i = 0; i < cd->n; i++)
            if (strcmp(cd->strs[i], "*") == 0 ||
                (ev->trap_oid[0] && trap_oid_match(cd->strs[i], ev->trap_oid)))
                return true;
        return false;
    case C_ENTERPRISE:
        ent = enterprise_of(m, ebuf, sizeof ebuf);
        for (i = 0; i < cd->n; i++)
            if (strcmp(cd->strs[i], "*") == 0 || (ent && trap_oid_match(cd->strs[i], ent)))
                return true;
        return false;
    case C_SOURCE:
        for (i = 0; i < cd->n; i++)
            if (trap_net_contains(&cd->nets[i], m->src_addr) ||
                (m->agent_addr[0] && trap_net_contains(&cd->nets[i], m->agent_addr)))
                return true;
        return false;
    case C_VERSION:
        for (i = 0; i < cd->n; i++)
            if (cd->versions[i] == m->version)
                return true;
        return false;
    case C_COMMUNITY:
    case C_USER: {
        const char *have = cd->kind == C_COMMUNITY ? m->community : m->user;
        if (have == NULL)
            return false;
        for (i = 0; i < cd->n; i++)
            if (strcmp(cd->strs[i], have) == 0)
                return true;
        return false;
    }
    case C_VB_EQ:
    case C_VB_GLOB:
        for (i = 0; i < m->n_vbs; i++) {
            const struct trap_varbind *vb = &m->vbs[i];
            if (vb->oid == NULL || !trap_oid_match(cd->vb_oid, vb->oid))
                continue;
            if (value_matches(vb, cd->vb_value, cd->kind == C_VB_GLOB))
                return true;
        }
        return false;
    }
    return false;
}

const char *trap_rules_match(const struct trap_rules *r, const struct trap_msg *m,
                             struct trap_event *ev, int *matched)
{
    static const struct trap_msg empty;
    const char *tpl = NULL;
    size_t i, j;
    int n = 0;

    if (matched)
        *matched = 0;
    if (r == NULL || ev == NULL)
        return NULL;
    if (m == NULL)
        m = &empty;
    for (i = 0; i < r->nrules; i++) {
        const struct rule *ru = &r->rules[i];
        bool ok = true;
        for (j = 0; j < ru->nconds && ok; j++)
            ok = cond_holds(&ru->conds[j], m, ev);
        if (!ok)
            continue;
        n++;
        ev->rule = ru->label;
        if (ru->has_sev)
            ev->severity = ru->sev;
        if (ru->category)
            snprintf(ev->category, sizeof ev->category, "%s", ru->category);
        if (ru->device) {
            char dev[sizeof ev->device];
            trap_template_expand(ru->device, m, ev, dev, sizeof dev);
            if (dev[0])
                memcpy(ev->device, dev, sizeof dev);
        }
        if (ru->ignore)
            ev->ignore = true;
        if (ru->action)
            ev->action = ru->action;
        if (ru->message)
            tpl = ru->message;
        if (!ru->cont)
            break;
    }
    if (matched)
        *matched = n;
    return tpl;
}

int trap_rules_apply(const struct trap_rules *r, const struct trap_msg *m, struct trap_event *ev)
{
    int n;
    const char *tpl = trap_rules_match(r, m, ev, &n);

    if (tpl) {
        size_t l = trap_template_expand(tpl, m, ev, ev->text, sizeof ev->text);
        while (l > 0 && ev->text[l - 1] == ' ')
            ev->text[--l] = '\0';
    }
    return n;
}
