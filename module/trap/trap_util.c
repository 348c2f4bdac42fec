/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trap_util.c: escaping of untrusted bytes, bounded appends, address and
 * network matching, glob and OID-pattern matching for the trap core.
 *
 * Everything here works on caller-provided buffers and never allocates, so
 * the per-trap path stays allocation-free apart from the parser's arena.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prt_text.h"
#include "trap_util.h"

size_t trap_escape_append(char *out, size_t outsz, size_t *pos, const char *in, size_t len)
{
    size_t p = *pos, i = 0;

    if (outsz == 0)
        return 0;
    if (p >= outsz)
        p = outsz - 1;
    while (i < len) {
        unsigned char c = (unsigned char)in[i];
        char tmp[8];
        size_t tl, step = 1;

        if (c == '\\') {
            tmp[0] = '\\';
            tmp[1] = '\\';
            tl = 2;
        } else if (c == '\n' || c == '\r' || c == '\t') {
            tmp[0] = '\\';
            tmp[1] = c == '\n' ? 'n' : c == '\r' ? 'r' : 't';
            tl = 2;
        } else if ((step = prt_text_safe_len(in + i, len - i)) > 0) {
            memcpy(tmp, in + i, step);
            tl = step;
        } else {
            /* other controls (C0, DEL, C1 as C2 80..C2 9F) and bytes that
             * are not well-formed UTF-8, one byte at a time */
            snprintf(tmp, sizeof tmp, "\\x%02x", c);
            tl = 4;
            step = 1;
        }
        if (p + tl >= outsz)
            break;
        memcpy(out + p, tmp, tl);
        p += tl;
        i += step;
    }
    out[p] = '\0';
    *pos = p;
    return p;
}

size_t trap_str_append(char *out, size_t outsz, size_t *pos, const char *s)
{
    return trap_escape_append(out, outsz, pos, s ? s : "", s ? strlen(s) : 0);
}

size_t trap_raw_append(char *out, size_t outsz, size_t *pos, const char *s)
{
    size_t p = *pos, n;

    if (outsz == 0)
        return 0;
    if (p >= outsz)
        p = outsz - 1;
    n = s ? strlen(s) : 0;
    if (n > outsz - 1 - p)
        n = outsz - 1 - p;
    memcpy(out + p, s, n);
    p += n;
    out[p] = '\0';
    *pos = p;
    return p;
}

int trap_net_parse(const char *s, struct trap_net *n)
{
    char buf[64];
    const char *slash;
    size_t alen;
    int max;

    memset(n, 0, sizeof *n);
    if (s == NULL)
        return -1;
    slash = strchr(s, '/');
    alen = slash ? (size_t)(slash - s) : strlen(s);
    if (alen == 0 || alen >= sizeof buf)
        return -1;
    memcpy(buf, s, alen);
    buf[alen] = '\0';
    if (inet_pton(AF_INET, buf, n->addr) == 1) {
        n->family = 4;
        max = 32;
    } else if (inet_pton(AF_INET6, buf, n->addr) == 1) {
        n->family = 6;
        max = 128;
    } else {
        return -1;
    }
    n->prefix = max;
    if (slash) {
        char *end;
        long v;

        if (slash[1] < '0' || slash[1] > '9')
            goto bad;
        v = strtol(slash + 1, &end, 10);
        if (*end != '\0' || v < 0 || v > max)
            goto bad;
        n->prefix = (int)v;
    }
    return 0;
bad:
    memset(n, 0, sizeof *n);
    return -1;
}

bool trap_net_contains(const struct trap_net *n, const char *addr)
{
    struct trap_net a;
    int full, rest;

    if (n == NULL || n->family == 0 || addr == NULL || strchr(addr, '/') != NULL)
        return false;
    if (trap_net_parse(addr, &a) < 0)
        return false;
    /* An IPv4-mapped IPv6 sender (::ffff:a.b.c.d) matches IPv4 networks. */
    if (n->family == 4 && a.family == 6) {
        static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
        if (memcmp(a.addr, mapped, 12) != 0)
            return false;
        memmove(a.addr, a.addr + 12, 4);
        a.family = 4;
    }
    if (a.family != n->family)
        return false;
    full = n->prefix / 8;
    rest = n->prefix % 8;
    if (memcmp(a.addr, n->addr, (size_t)full) != 0)
        return false;
    if (rest) {
        uint8_t mask = (uint8_t)(0xff << (8 - rest));
        if ((a.addr[full] & mask) != (n->addr[full] & mask))
            return false;
    }
    return true;
}

bool trap_glob_match(const char *pat, const char *s, size_t slen)
{
    size_t si = 0, star_si = 0;
    const char *star = NULL;

    if (pat == NULL)
        return false;
    while (si < slen) {
        if (*pat == '*') {
            star = ++pat;
            star_si = si;
        } else if (*pat != '\0' && (*pat == '?' || *pat == s[si])) {
            pat++;
            si++;
        } else if (star) {
            pat = star;
            si = ++star_si;
        } else {
            return false;
        }
    }
    while (*pat == '*')
        pat++;
    return *pat == '\0';
}

bool trap_oid_match(const char *p, const char *s)
{
    size_t pl;

    if (p == NULL || s == NULL)
        return false;
    pl = strlen(p);
    if (pl > 0 && p[pl - 1] == '*') {
        pl--;
        if (pl > 0 && p[pl - 1] == '.') {
            /* "a.b.*": a.b itself or anything below it */
            if (strncmp(p, s, pl - 1) != 0)
                return false;
            return s[pl - 1] == '\0' || s[pl - 1] == '.';
        }
        return strncmp(p, s, pl) == 0;
    }
    return strcmp(p, s) == 0;
}
