/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * glue_ctxorder.c: keeps requests in the default context as fast with a
 * context per device as without.
 *
 * Net-SNMP 5.9 keeps one registry (list of subtrees) per context in a
 * singly linked list of subtree_context_cache nodes (agent_registry.c:
 * context_subtrees).  add_subtree() puts every new context FIRST, and
 * netsnmp_subtree_find_first(), which every request and every registration
 * calls for its context (netsnmp_subtree_find_prev() per varbind, via
 * netsnmp_subtree_find() / netsnmp_subtree_find_next()), walks that list
 * with strcmp() until the name matches.  The default context "" is made
 * first, at snmpd's start-up, so with a context per device it ends up
 * behind all of them: every default-context varbind walked n contexts.
 * The per-context lookup cache (agent_registry.c: thecontextcache, used
 * when netsnmp_get_lookup_cache_size() > 0, which init_master_agent()
 * sets to 8 in snmpd and in subagents alike) has the same shape:
 * get_context_lookup_cache() walks a list of per-context entries to which
 * invalidate_lookup_cache(), called by every netsnmp_register_mib() and
 * unregister_mib_context(), prepends an entry for each new context.
 *
 * glue_default_context_first() undoes both after our contexts are
 * registered (glue_context_sync prepends the new ones):
 *  - the registry list: the node holding "" trades its contents
 *    (context_name, first_subtree) with the head node, found through the
 *    public get_top_context_cache().  The node pointers themselves stay
 *    where they are; Net-SNMP holds no pointer to a node across requests
 *    (netsnmp_remove_subtree() finds a node by its first_subtree, the
 *    vacmContextTable and nsModuleTable iterators hold one within a
 *    request only, and we are never called inside a request), and every
 *    look-up of the list is by name, so only the order changes.
 *  - the lookup cache, which is static: clear_lookup_cache() (exported,
 *    not declared in the headers; clear_context() calls it at shutdown)
 *    frees every entry; they are made again on demand, the default
 *    context's at the next request in it, first in the list.  Only the
 *    cached positions of recent look-ups are lost.
 * Both rely on Net-SNMP internals, so they are done only when the library
 * says it is 5.9.x (netsnmp_get_version(); the code above is the same in
 * 5.9 to 5.9.5), the list is finite and has a "" node, and
 * clear_lookup_cache is found at run time (dlsym).  Else nothing is done,
 * and the agent is only slower.
 */
#include <config.h>

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "glue_internal.h"

/* More nodes than this means a list we do not understand (a loop). */
#define CTX_LIST_MAX 1000000

static int registry_understood(void)
{
    static int checked, ok;
    if (!checked) {
        const char *v = netsnmp_get_version();
        checked = 1;
        ok = v && strncmp(v, "5.9", 3) == 0 && (v[3] == '\0' || v[3] == '.');
        if (!ok)
            DEBUGMSGTL(
                ("printdev:context", "Net-SNMP %s: context list order left alone\n", v ? v : "?"));
    }
    return ok;
}

static void default_registry_first(void)
{
    subtree_context_cache *head = get_top_context_cache(), *p, *dflt = NULL;
    const char *name;
    netsnmp_subtree *first;
    long n = 0;

    for (p = head; p; p = p->next) {
        if (++n > CTX_LIST_MAX) {
            snmp_log(LOG_WARNING, "printdev: Net-SNMP's context list looks unusual, "
                                  "order left alone\n");
            return;
        }
        if (!dflt && p->context_name && p->context_name[0] == '\0')
            dflt = p;
    }
    if (!dflt || dflt == head)
        return;
    name = head->context_name;
    first = head->first_subtree;
    head->context_name = dflt->context_name;
    head->first_subtree = dflt->first_subtree;
    dflt->context_name = name;
    dflt->first_subtree = first;
    DEBUGMSGTL(("printdev:context", "default context moved first of %ld contexts\n", n));
}

static void lookup_cache_reset(void)
{
    static void (*clear)(void);
    static int looked;
    if (!looked) {
        looked = 1;
        *(void **)&clear = dlsym(RTLD_DEFAULT, "clear_lookup_cache");
    }
    if (clear)
        clear();
}

void glue_default_context_first(void)
{
    if (!registry_understood())
        return;
    default_registry_first();
    lookup_cache_reset();
}
