/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trap_parse_internal.h: what the three files of the snmptrapd text parser
 * share (private to them; the interface is trap_parse.h).  The split is
 * one-way: trap_parse.c (line grammar and entry points) uses
 * trap_parse_value.c (arena and values), which uses trap_parse_oid.c (OIDs).
 */
#ifndef TRAP_PARSE_INTERNAL_H
#define TRAP_PARSE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "trap_parse.h"

/* trap_parse_oid.c */

/* Whether s[0..n) is a dotted decimal OID (digits, single dots, no leading
 * or trailing dot). */
bool trap_parse_is_numeric_oid(const char *s, size_t n);
/* Token characters of an OID as snmptrapd prints it (numeric, iso.3...,
 * MODULE::name.1, string indexes in quotes). */
bool trap_parse_oid_token_ok(const char *s, size_t n);

/* trap_parse_value.c */

/* Copy of s[0..n) in the result's arena; NULL when it is full. */
char *trap_parse_arena_dup(struct trap_msg *m, const char *s, size_t n);
/* OID text to arena: normalised when possible, else as received. */
char *trap_parse_oid_to_arena(struct trap_msg *m, const char *s, size_t n, bool *numeric);
bool trap_parse_is_hexdump(const char *s, size_t n, bool strict);
int trap_parse_int(const char *s, size_t n, long long *v);
/* Classifies and stores an unquoted value; forced is the typed prefix's type
 * or TV_OTHER when the value came without one. */
int trap_parse_unquoted_value(struct trap_msg *m, struct trap_varbind *vb, const char *s,
                              size_t n, enum trap_vtype forced, bool typed_form);
/* Unescapes a quoted string body (\" and \\) into the arena. */
int trap_parse_quoted_value(struct trap_msg *m, struct trap_varbind *vb, const char *s,
                            size_t n, enum trap_vtype forced, bool typed_form);

#endif
