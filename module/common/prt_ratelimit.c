/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_ratelimit.c: per-key rate limiting (prt_ratelimit.h).  A small
 * table searched linearly: the agent has a handful of controllers.
 */
#include <stdio.h>
#include <string.h>

#include "prt_ratelimit.h"

void prt_rl_init(struct prt_ratelimit *rl, double interval)
{
    memset(rl, 0, sizeof(*rl));
    rl->interval = interval < 0 ? 0 : interval;
}

static struct prt_rl_entry *find(struct prt_ratelimit *rl, const char *key)
{
    for (size_t i = 0; i < rl->n; i++)
        if (strncmp(rl->e[i].key, key, PRT_RL_KEY_MAX - 1) == 0)
            return &rl->e[i];
    return NULL;
}

bool prt_rl_allow(struct prt_ratelimit *rl, const char *key, double now, unsigned *held_back)
{
    struct prt_rl_entry *e;

    if (held_back != NULL)
        *held_back = 0;
    if (rl->interval <= 0)
        return true;
    e = find(rl, key);
    if (e != NULL && now - e->last < rl->interval && now >= e->last) {
        e->suppressed++;
        if (held_back != NULL)
            *held_back = e->suppressed;
        return false;
    }
    if (e == NULL) {
        if (rl->n == PRT_RL_MAX_KEYS) {
            /* full: forget the key allowed longest ago */
            size_t old = 0;
            for (size_t i = 1; i < rl->n; i++)
                if (rl->e[i].last < rl->e[old].last)
                    old = i;
            rl->e[old] = rl->e[--rl->n];
        }
        e = &rl->e[rl->n++];
        snprintf(e->key, sizeof(e->key), "%s", key);
        e->suppressed = 0;
    }
    if (held_back != NULL)
        *held_back = e->suppressed;
    e->suppressed = 0;
    e->last = now;
    return true;
}

size_t prt_rl_expire(struct prt_ratelimit *rl, double now)
{
    for (size_t i = 0; i < rl->n;) {
        if (rl->e[i].suppressed == 0 && now - rl->e[i].last >= rl->interval) {
            rl->e[i] = rl->e[--rl->n];
            continue;
        }
        i++;
    }
    return rl->n;
}
