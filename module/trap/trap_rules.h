/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trap_rules.h: the trap handler's rules file (printdev-trap-rules(5)).
 *
 * Pure C.  One file holds:
 *   - settings the handler program reads: storm control window/limit, syslog facility,
 *     JSON Lines path, alert database path;
 *   - device naming: "device <addr|cidr> <name>" (synonym "name") for
 *     every printer behind a sender, "device <addr|cidr>#<hrDeviceIndex>
 *     <name>" for one printer of an agent that serves several;
 *   - rules, evaluated in order, each a block
 *         rule <label>
 *             <match lines: trap, enterprise, source, version, community,
 *              user, varbind OID = VALUE | varbind OID ~ GLOB>
 *             <action lines: severity, category, device, message, ignore,
 *              exec [timeout=SECONDS] /abs/program arg...>
 *             [continue]
 *         end
 *     The first rule whose match lines all hold applies its actions; with
 *     "continue" evaluation goes on with the next rules (later actions win).
 * Errors are reported as "file:line: problem".
 */
#ifndef TRAP_RULES_H
#define TRAP_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "trap_event.h"

struct trap_msg;
struct trap_rules;

#define TRAP_RULES_DEFAULT_STORM_WINDOW 60 /* seconds */
#define TRAP_RULES_DEFAULT_STORM_LIMIT 20  /* events per key and window */
#define TRAP_RULES_MAX_FILE (1024 * 1024)  /* bytes of a rules file */
#define TRAP_RULES_MAX_DEV_INDEX 2147483647L /* hrDeviceIndex 1..2147483647 */

/* Reads and parses a rules file.  Returns 0 and *out, or a negative value
 * with "path:line: problem" in err (nothing allocated on failure). */
int trap_rules_load(const char *path, struct trap_rules **out, char *err, size_t errlen);
/* Same, from memory; name is used in messages ("name:line: ..."). */
int trap_rules_parse(const char *text, size_t len, const char *name, struct trap_rules **out,
                     char *err, size_t errlen);
/* NULL-safe. */
void trap_rules_free(struct trap_rules *r);

/* Settings (defaults when the file does not set them). */
int trap_rules_storm_window(const struct trap_rules *r); /* seconds; 0 disables */
int trap_rules_storm_limit(const struct trap_rules *r);  /* events per window */
const char *trap_rules_syslog_facility(const struct trap_rules *r); /* "daemon" */
const char *trap_rules_syslog_ident(const struct trap_rules *r);    /* "printdev-traphandle" */
/* NULL when the file does not set it (the caller's default applies), ""
 * when it says "none" (switched off), else the absolute path. */
const char *trap_rules_jsonl_path(const struct trap_rules *r);
const char *trap_rules_db_path(const struct trap_rules *r);
size_t trap_rules_count(const struct trap_rules *r);                /* number of rules */

/* Device name for a source address ("10.1.2.3", "::1"): the most specific
 * (longest prefix) address-only "device" entry, or NULL. r may be NULL. */
const char *trap_rules_device_name(const struct trap_rules *r, const char *addr);
/* Name of one printer: the most specific "device ADDR#INDEX" entry whose
 * network holds addr and whose INDEX is dev_index (hrDeviceIndex), or NULL
 * (then the address-only entry applies).  r may be NULL. */
const char *trap_rules_printer_name(const struct trap_rules *r, const char *addr,
                                    long dev_index);

/* Matching step alone (trap_translate() uses it before it writes the text):
 * applies every action of the matching rules except "message" and returns
 * the message template of the last matching rule that has one, or NULL;
 * *matched (may be NULL) gets the number of rules that matched. */
const char *trap_rules_match(const struct trap_rules *r, const struct trap_msg *m,
                             struct trap_event *ev, int *matched);

/* Applies the rules to an event already filled by the built-in translator
 * (trap_translate() calls this; exposed for tests).  Returns the number of
 * rules that matched. */
int trap_rules_apply(const struct trap_rules *r, const struct trap_msg *m,
                     struct trap_event *ev);

#endif
