/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trap_util.h: small pure helpers shared by the trap parser, translator and
 * rules: escaping of untrusted bytes for logs, bounded string building,
 * address parsing and matching, glob matching.
 */
#ifndef TRAP_UTIL_H
#define TRAP_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Appends in[0..len) to out (size outsz, currently *pos used) with every
 * byte prt_text_safe_len() does not pass written as \n \r \t or \xHH and
 * backslash as \\: C0 controls, DEL, C1 controls (U+009B is "\xc2\x9b") and
 * bytes outside well-formed UTF-8; other UTF-8 passes through.  Never
 * overflows; stops at a character boundary of the escaped form.  Returns
 * the new *pos. */
size_t trap_escape_append(char *out, size_t outsz, size_t *pos, const char *in, size_t len);
/* Same for a NUL-terminated string. */
size_t trap_str_append(char *out, size_t outsz, size_t *pos, const char *s);
/* Unescaped append of a trusted NUL-terminated string. */
size_t trap_raw_append(char *out, size_t outsz, size_t *pos, const char *s);

/* An IPv4 or IPv6 address, or a network "addr/len". */
struct trap_net {
    int family;       /* 4 or 6; 0 invalid */
    uint8_t addr[16];
    int prefix;       /* 0..32 or 0..128 */
};
/* Parses "a.b.c.d", "a.b.c.d/n", "x::y", "x::y/n". Returns 0 or -1. */
int trap_net_parse(const char *s, struct trap_net *n);
/* Whether address text addr is inside n. */
bool trap_net_contains(const struct trap_net *n, const char *addr);

/* Shell-style glob of '*' (any run) and '?' (one byte) over a byte string;
 * no character classes.  Iterative, linear-ish, never recursive. */
bool trap_glob_match(const char *pat, const char *s, size_t slen);

/* Whether numeric OID s matches pattern p: exact, or p ends in ".*" / "*"
 * and s starts with the part before the '*' ("1.3.6.1.4.1.1552.*" matches
 * "1.3.6.1.4.1.1552" and everything below it). */
bool trap_oid_match(const char *p, const char *s);

#endif
