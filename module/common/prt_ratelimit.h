/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_ratelimit.h: at most one event per key per interval, with a count of
 * the events held back.  Pure C, no clock of its own: the caller passes
 * the time (seconds on a monotonic clock), so tests need no sleeping.
 *
 * The agent uses it for printdevFeedConnected/Disconnected: one pair per
 * controller identity and device per printdevFeedNotifyInterval seconds.
 */
#ifndef PRT_RATELIMIT_H
#define PRT_RATELIMIT_H

#include <stdbool.h>
#include <stddef.h>

#define PRT_RL_KEY_MAX 96   /* octets of a key, longer keys are cut */
#define PRT_RL_MAX_KEYS 256 /* keys remembered; the oldest is forgotten first */

struct prt_rl_entry {
    char key[PRT_RL_KEY_MAX];
    double last;         /* time of the last allowed event */
    unsigned suppressed; /* events held back since then */
};

struct prt_ratelimit {
    double interval; /* seconds; 0 lets everything through */
    struct prt_rl_entry e[PRT_RL_MAX_KEYS];
    size_t n;
};

void prt_rl_init(struct prt_ratelimit *rl, double interval);

/* Whether an event for key may happen at time now.  Allowed: the key's
 * window restarts at now, and *held_back (when not NULL) is set to the
 * number of events suppressed for the key since its previous allowed one
 * (then reset).  Not allowed: the key's count goes up and *held_back is
 * the count so far. */
bool prt_rl_allow(struct prt_ratelimit *rl, const char *key, double now, unsigned *held_back);

/* Forgets keys whose window ended before now and that held nothing back;
 * returns how many keys are left. */
size_t prt_rl_expire(struct prt_ratelimit *rl, double now);

#endif
