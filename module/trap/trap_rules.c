/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trap_rules.c: the loaded rules of the trap handler (printdev-trap-rules(5)):
 * accessors for the settings, the device-name tables (addresses and
 * networks to device and printer names) and freeing.
 *
 * Reading the file is in trap_rules_read.c, matching a trap against the
 * rules in trap_rules_match.c; the structures they share are in
 * trap_rules_internal.h.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <stdlib.h>

#include "trap_rules.h"
#include "trap_rules_internal.h"
#include "trap_util.h"

/* ---- accessors ---- */

int trap_rules_storm_window(const struct trap_rules *r)
{
    return r ? r->storm_window : TRAP_RULES_DEFAULT_STORM_WINDOW;
}

int trap_rules_storm_limit(const struct trap_rules *r)
{
    return r ? r->storm_limit : TRAP_RULES_DEFAULT_STORM_LIMIT;
}

const char *trap_rules_syslog_facility(const struct trap_rules *r)
{
    return r && r->facility ? r->facility : "daemon";
}

const char *trap_rules_syslog_ident(const struct trap_rules *r)
{
    return r && r->ident ? r->ident : "printdev-traphandle";
}

const char *trap_rules_jsonl_path(const struct trap_rules *r)
{
    return r ? r->jsonl : NULL;
}

const char *trap_rules_db_path(const struct trap_rules *r)
{
    return r ? r->db : NULL;
}

size_t trap_rules_count(const struct trap_rules *r)
{
    return r ? r->nrules : 0;
}

/* The most specific (longest prefix) entry for addr with this index (0:
 * the address-only entries). */
static const char *devname_lookup(const struct trap_rules *r, const char *addr, long index)
{
    size_t i;
    const struct devname *best = NULL;

    if (r == NULL || addr == NULL || addr[0] == '\0')
        return NULL;
    for (i = 0; i < r->ndevs; i++) {
        const struct devname *d = &r->devs[i];
        if (d->index == index && (best == NULL || d->net.prefix > best->net.prefix) &&
            trap_net_contains(&d->net, addr))
            best = d;
    }
    return best ? best->name : NULL;
}

const char *trap_rules_device_name(const struct trap_rules *r, const char *addr)
{
    return devname_lookup(r, addr, 0);
}

const char *trap_rules_printer_name(const struct trap_rules *r, const char *addr, long dev_index)
{
    if (dev_index < 1 || dev_index > TRAP_RULES_MAX_DEV_INDEX)
        return NULL;
    return devname_lookup(r, addr, dev_index);
}

/* ---- freeing ---- */

static void free_strv(char **v, size_t n)
{
    size_t i;

    if (v == NULL)
        return;
    for (i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

static void free_action(struct trap_action *a)
{
    if (a == NULL)
        return;
    if (a->argv) {
        int i;
        for (i = 0; i < a->argc; i++)
            free((char *)a->argv[i]);
        free((void *)a->argv);
    }
    free(a);
}

static void free_rule(struct rule *ru)
{
    size_t i;

    for (i = 0; i < ru->nconds; i++) {
        free_strv(ru->conds[i].strs, ru->conds[i].n);
        free(ru->conds[i].nets);
        free(ru->conds[i].vb_oid);
        free(ru->conds[i].vb_value);
    }
    free(ru->conds);
    free(ru->label);
    free(ru->category);
    free(ru->device);
    free(ru->message);
    free_action(ru->action);
}

void trap_rules_free(struct trap_rules *r)
{
    size_t i;

    if (r == NULL)
        return;
    for (i = 0; i < r->nrules; i++)
        free_rule(&r->rules[i]);
    free(r->rules);
    for (i = 0; i < r->ndevs; i++)
        free(r->devs[i].name);
    free(r->devs);
    free(r->facility);
    free(r->ident);
    free(r->jsonl);
    free(r->db);
    free(r);
}
