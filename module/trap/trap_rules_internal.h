/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trap_rules_internal.h: what the files of the rules module share (private
 * to trap_rules.c, trap_rules_read.c and trap_rules_match.c): the in-memory
 * form of a loaded rules file (printdev-trap-rules(5)).
 */
#ifndef PRINTDEV_TRAP_RULES_INTERNAL_H
#define PRINTDEV_TRAP_RULES_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "trap_rules.h"
#include "trap_util.h"

enum cond_kind {
    C_TRAP,
    C_ENTERPRISE,
    C_SOURCE,
    C_VERSION,
    C_COMMUNITY,
    C_USER,
    C_VB_EQ,
    C_VB_GLOB,
};

struct cond {
    enum cond_kind kind;
    size_t n;
    char **strs;           /* patterns / names (n) */
    struct trap_net *nets; /* C_SOURCE (n) */
    int versions[4];       /* C_VERSION */
    char *vb_oid;          /* C_VB_*: OID pattern */
    char *vb_value;        /* C_VB_*: value or glob */
};

struct rule {
    char *label;
    int line;
    struct cond *conds;
    size_t nconds;
    bool has_sev;
    enum trap_sev sev;
    char *category;
    char *device;
    char *message;
    bool ignore;
    bool cont;
    struct trap_action *action;
};

struct devname {
    struct trap_net net;
    long index; /* hrDeviceIndex of "ADDR#INDEX", 0: any printer */
    char *name;
};

struct trap_rules {
    struct rule *rules;
    size_t nrules;
    struct devname *devs;
    size_t ndevs;
    int storm_window, storm_limit;
    char *facility, *ident, *jsonl, *db;
};

#endif /* PRINTDEV_TRAP_RULES_INTERNAL_H */
