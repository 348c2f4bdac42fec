/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trap_parse_value.c: the value side of the snmptrapd text parser
 * (trap_parse.c): the result's string arena, and the classification and
 * storage of a varbind's value (the forms listed in trap_parse.c: strings,
 * hex dumps, integers, timeticks, addresses, OIDs, enum labels).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trap_parse_internal.h"

static char *arena_alloc(struct trap_msg *m, size_t n)
{
    char *r;

    if (n > m->arena_len_ - m->arena_used_)
        return NULL;
    r = m->arena_ + m->arena_used_;
    m->arena_used_ += n;
    return r;
}

char *trap_parse_arena_dup(struct trap_msg *m, const char *s, size_t n)
{
    char *r = arena_alloc(m, n + 1);

    if (r == NULL)
        return NULL;
    memcpy(r, s, n);
    r[n] = '\0';
    return r;
}

/* OID text to arena: normalised when possible, else as received. */
char *trap_parse_oid_to_arena(struct trap_msg *m, const char *s, size_t n, bool *numeric)
{
    char buf[1024];
    int r = n < sizeof buf ? trap_oid_normalize(s, n, buf, sizeof buf) : -1;

    if (r >= 0) {
        if (numeric)
            *numeric = true;
        return trap_parse_arena_dup(m, buf, (size_t)r);
    }
    if (numeric)
        *numeric = false;
    return trap_parse_arena_dup(m, s, n);
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Whether s[0..n) is a Net-SNMP hex dump: "XX " pairs, lines broken after a
 * space.  strict: upper-case digits only and at most 16 pairs per line (what
 * quick-print writes; used to tell a hex dump from a quoted string). */
bool trap_parse_is_hexdump(const char *s, size_t n, bool strict)
{
    size_t i = 0, pairs = 0, on_line = 0;

    while (i < n) {
        if (s[i] == '\n' || s[i] == '\r') {
            if (i == 0 || s[i - 1] != ' ')
                return false;
            on_line = 0;
            i++;
            continue;
        }
        if (i + 2 >= n + (strict ? 0 : 1))
            return false;
        if (hexval(s[i]) < 0 || hexval(s[i + 1]) < 0)
            return false;
        if (strict && (islower((unsigned char)s[i]) || islower((unsigned char)s[i + 1])))
            return false;
        if (i + 2 < n && s[i + 2] != ' ')
            return false;
        i += 3;
        pairs++;
        if (strict && ++on_line > 16)
            return false;
    }
    return pairs > 0;
}

/* "01 02 FF" (trailing space already trimmed): upper-case pairs on one line. */
static bool is_upper_hex_pairs(const char *s, size_t n)
{
    size_t i;

    if (n < 2 || memchr(s, '\n', n) != NULL)
        return false;
    for (i = 0; i < n; i++)
        if (islower((unsigned char)s[i]))
            return false;
    return trap_parse_is_hexdump(s, n, false);
}

/* Decodes a hex dump in place-safe fashion into dst (dst may equal src's
 * arena copy); returns the number of octets. */
static size_t hex_decode(const char *s, size_t n, char *dst)
{
    size_t i = 0, o = 0;

    while (i + 1 < n) {
        int h = hexval(s[i]), l = hexval(s[i + 1]);
        if (h < 0 || l < 0) {
            i++;
            continue;
        }
        dst[o++] = (char)(h << 4 | l);
        i += 2;
    }
    dst[o] = '\0';
    return o;
}

static bool all_digits(const char *s, size_t n)
{
    size_t i;

    if (n == 0)
        return false;
    for (i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

/* Parses an optionally signed decimal; returns 0, 1 when it overflows long
 * long (only possible for unsigned Counter64 values), -1 when not a number. */
int trap_parse_int(const char *s, size_t n, long long *v)
{
    bool neg = false;
    unsigned long long acc = 0;
    size_t i = 0;
    bool over = false;

    if (n > 0 && s[0] == '-') {
        neg = true;
        i = 1;
    }
    if (!all_digits(s + i, n - i))
        return -1;
    for (; i < n; i++) {
        unsigned d = (unsigned)(s[i] - '0');
        if (acc > (ULLONG_MAX - d) / 10) {
            over = true;
            acc = ULLONG_MAX;
            continue;
        }
        acc = acc * 10 + d;
    }
    if (neg) {
        if (over || acc > (unsigned long long)LLONG_MAX + 1ULL) {
            *v = LLONG_MIN;
            return 1;
        }
        *v = acc == (unsigned long long)LLONG_MAX + 1ULL ? LLONG_MIN : -(long long)acc;
        return 0;
    }
    if (over || acc > (unsigned long long)LLONG_MAX) {
        *v = LLONG_MAX;
        return 1;
    }
    *v = (long long)acc;
    return 0;
}

/* "d:h:mm:ss.cc" or "h:mm:ss.cc" -> 1/100 s. */
static int parse_ticks(const char *s, size_t n, long long *v)
{
    long long f[4] = {0, 0, 0, 0}, cs = 0;
    int nf = 0;
    size_t i = 0, st;

    while (i < n && nf < 4) {
        st = i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == st || i - st > 9)
            return -1;
        if (trap_parse_int(s + st, i - st, &f[nf]) != 0)
            return -1;
        nf++;
        if (i < n && s[i] == ':') {
            i++;
            continue;
        }
        break;
    }
    if (nf < 3)
        return -1;
    if (i < n && s[i] == '.') {
        i++;
        st = i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == st || i - st > 2 || trap_parse_int(s + st, i - st, &cs) != 0)
            return -1;
        if (i - st == 1)
            cs *= 10;
    }
    if (i != n)
        return -1;
    if (nf == 3) {
        f[3] = f[2];
        f[2] = f[1];
        f[1] = f[0];
        f[0] = 0;
    }
    *v = (((f[0] * 24 + f[1]) * 60 + f[2]) * 60 + f[3]) * 100 + cs;
    return 0;
}

static bool is_ipv4(const char *s, size_t n)
{
    size_t i = 0;
    int parts = 0;

    while (parts < 4) {
        size_t st = i;
        long long v;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == st || i - st > 3 || trap_parse_int(s + st, i - st, &v) != 0 || v > 255)
            return false;
        parts++;
        if (parts < 4) {
            if (i >= n || s[i] != '.')
                return false;
            i++;
        }
    }
    return i == n;
}

static bool is_label(const char *s, size_t n)
{
    size_t i;

    if (n == 0 || !isalpha((unsigned char)s[0]))
        return false;
    for (i = 1; i < n; i++)
        if (!(isalnum((unsigned char)s[i]) || s[i] == '-' || s[i] == '_'))
            return false;
    return true;
}

/* Sets vb->value (a copy of s[0..n)) */
static int set_value(struct trap_msg *m, struct trap_varbind *vb, const char *s, size_t n)
{
    vb->value = trap_parse_arena_dup(m, s, n);
    if (vb->value == NULL)
        return -TRAP_E_NOMEM;
    vb->value_len = n;
    return 0;
}

static int set_oid_value(struct trap_msg *m, struct trap_varbind *vb, const char *s, size_t n)
{
    vb->value = trap_parse_oid_to_arena(m, s, n, NULL);
    if (vb->value == NULL)
        return -TRAP_E_NOMEM;
    vb->value_len = strlen(vb->value);
    vb->type = TV_OID;
    return 0;
}

static int set_hex_value(struct trap_msg *m, struct trap_varbind *vb, const char *s, size_t n,
                         enum trap_vtype t)
{
    char *d = arena_alloc(m, n / 2 + 2);

    if (d == NULL)
        return -TRAP_E_NOMEM;
    vb->value_len = hex_decode(s, n, d);
    vb->value = d;
    vb->type = t;
    return 0;
}

/* Classifies and stores an unquoted value; forced is the typed prefix's type
 * or TV_OTHER when the value came without one. */
int trap_parse_unquoted_value(struct trap_msg *m, struct trap_varbind *vb, const char *s,
                              size_t n, enum trap_vtype forced, bool typed_form)
{
    long long v;
    const char *lp;

    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\r'))
        n--;
    /* Timeticks "(12) 0:00:00.12" (typed, or with -Ot off in quick-print) */
    if ((!typed_form || forced == TV_TIMETICKS) && n > 2 && s[0] == '(') {
        const char *cp = memchr(s, ')', n);
        long long t2;
        if (cp && trap_parse_int(s + 1, (size_t)(cp - s - 1), &v) == 0 && v >= 0 &&
            (cp + 1 == s + n ||
             (cp[1] == ' ' && parse_ticks(cp + 2, (size_t)(s + n - cp - 2), &t2) == 0))) {
            vb->type = TV_TIMETICKS;
            vb->ival = v;
            return set_value(m, vb, s, n);
        }
    }
    if (typed_form) {
        switch (forced) {
        case TV_OID:
            return set_oid_value(m, vb, s, n);
        case TV_HEXSTRING:
        case TV_OPAQUE:
            if (trap_parse_is_hexdump(s, n, false))
                return set_hex_value(m, vb, s, n, forced);
            if (forced == TV_HEXSTRING) {
                /* "BITS: 84 40 lowPaper(0) ..." keeps the octets only */
                size_t k = 0;
                while (k + 2 < n && hexval(s[k]) >= 0 && hexval(s[k + 1]) >= 0 && s[k + 2] == ' ')
                    k += 3;
                if (k > 0)
                    return set_hex_value(m, vb, s, k, forced);
            }
            break;
        case TV_NULL:
            vb->type = TV_NULL;
            return set_value(m, vb, "", 0);
        default:
            break;
        }
    }
    if (n == 4 && memcmp(s, "NULL", 4) == 0) {
        vb->type = TV_NULL;
        return set_value(m, vb, "", 0);
    }
    if (trap_parse_int(s, n, &v) >= 0) {
        vb->ival = v;
        if (typed_form && forced != TV_OTHER && forced != TV_STRING)
            vb->type = forced;
        else
            vb->type = (v == LLONG_MAX && n > 0 && s[0] != '-') ? TV_COUNTER64 : TV_INTEGER;
        return set_value(m, vb, s, n);
    }
    /* name(3) */
    lp = memchr(s, '(', n);
    if (lp && n > 2 && s[n - 1] == ')' && is_label(s, (size_t)(lp - s)) &&
        trap_parse_int(lp + 1, (size_t)(s + n - 1 - lp - 1), &v) == 0) {
        vb->type = TV_INTEGER;
        vb->ival = v;
        return set_value(m, vb, s, n);
    }
    if (parse_ticks(s, n, &v) == 0) {
        vb->type = TV_TIMETICKS;
        vb->ival = v;
        return set_value(m, vb, s, n);
    }
    if (is_ipv4(s, n)) {
        vb->type = TV_IPADDRESS;
        return set_value(m, vb, s, n);
    }
    /* Opaque float/double "1.500000" */
    {
        const char *dp = memchr(s, '.', n);
        size_t st = (n > 0 && s[0] == '-') ? 1 : 0;
        if (dp && all_digits(s + st, (size_t)(dp - s) - st) &&
            all_digits(dp + 1, (size_t)(s + n - dp - 1))) {
            vb->type = TV_OPAQUE;
            return set_value(m, vb, s, n);
        }
    }
    if (n > 0 && (s[0] == '.' || (n >= 3 && memcmp(s, "iso", 3) == 0 && (n == 3 || s[3] == '.')) ||
                  memmem(s, n, "::", 2) != NULL || trap_parse_is_numeric_oid(s, n))) {
        char tmp[1024];
        if (n < sizeof tmp && trap_oid_normalize(s, n, tmp, sizeof tmp) >= 0)
            return set_oid_value(m, vb, s, n);
        if (n > 0 && s[0] != '.' && memmem(s, n, "::", 2) != NULL && trap_parse_oid_token_ok(s, n))
            return set_oid_value(m, vb, s, n);
    }
    if (is_upper_hex_pairs(s, n)) /* raw Opaque "01 02 FF " */
        return set_hex_value(m, vb, s, n, TV_OPAQUE);
    if (is_label(s, n)) {
        /* an enum label printed without its number (MIBs loaded) */
        vb->type = TV_INTEGER;
        vb->ival = 0;
        return set_value(m, vb, s, n);
    }
    if (typed_form && forced != TV_OTHER)
        vb->type = forced;
    else
        vb->type = TV_OTHER;
    return set_value(m, vb, s, n);
}

/* Unescapes a quoted string body (\" and \\) into the arena. */
int trap_parse_quoted_value(struct trap_msg *m, struct trap_varbind *vb, const char *s,
                            size_t n, enum trap_vtype forced, bool typed_form)
{
    char *d;
    size_t i, o = 0;

    if ((!typed_form && trap_parse_is_hexdump(s, n, true)) ||
        (typed_form && forced == TV_HEXSTRING && trap_parse_is_hexdump(s, n, false)))
        return set_hex_value(m, vb, s, n, TV_HEXSTRING);
    d = arena_alloc(m, n + 1);
    if (d == NULL)
        return -TRAP_E_NOMEM;
    for (i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n && (s[i + 1] == '"' || s[i + 1] == '\\'))
            i++;
        d[o++] = s[i];
    }
    d[o] = '\0';
    vb->value = d;
    vb->value_len = o;
    vb->type = (typed_form && forced == TV_OPAQUE) ? TV_OPAQUE : TV_STRING;
    return 0;
}
