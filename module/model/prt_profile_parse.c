/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_profile_parse.c: the profile's lexical level and its one key
 * parser: the word splitter (quotes, backslash), number, boolean, charset
 * and OID values, and the descriptor-driven "key value" parser that checks
 * every value against its MIB SYNTAX (ranges, enumerations, SIZE, no
 * control characters) for every table.
 *
 * Pure C + POSIX, no Net-SNMP headers.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "prt_profile.h"
#include "prt_profile_internal.h"

/* ---- small helpers ---- */

int prof_seterr(char *err, size_t errlen, int rc, const char *fmt, ...)
{
    va_list ap;

    if (err != NULL && errlen > 0) {
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return rc;
}

void prof_copy_str(char *dst, size_t dstlen, const char *src)
{
    size_t n = strlen(src);

    if (n >= dstlen)
        n = dstlen - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

int prof_next_word(struct words *w, char *err, size_t errlen)
{
    const char *p = w->p;
    char *o = w->buf;
    char quote = 0;

    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        p++;
    if (*p == '\0') {
        w->p = p;
        return 0;
    }
    if (*p == '"' || *p == '\'')
        quote = *p++;
    for (;;) {
        char c = *p;
        if (c == '\0') {
            if (quote)
                return prof_seterr(err, errlen, -1, "unterminated %c quote", quote);
            break;
        }
        if (quote && c == quote) {
            p++;
            if (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
                return prof_seterr(err, errlen, -1, "text after closing quote");
            break;
        }
        if (!quote && (c == ' ' || c == '\t' || c == '\r' || c == '\n'))
            break;
        if (c == '\\') {
            p++;
            if (*p == '\0')
                return prof_seterr(err, errlen, -1, "backslash at end of line");
            c = *p;
        }
        *o++ = c;
        p++;
    }
    *o = '\0';
    w->p = p;
    return 1;
}

int prof_has_control(const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x20 || c == 0x7f)
            return 1;
    }
    return 0;
}

int prof_parse_long(const char *s, long long *v)
{
    char *end;

    if (*s == '\0')
        return -1;
    errno = 0;
    *v = strtoll(s, &end, 10);
    if (errno != 0 || *end != '\0')
        return -1;
    return 0;
}

static int parse_bool(const char *s, bool *b)
{
    if (!strcmp(s, "yes") || !strcmp(s, "on") || !strcmp(s, "true") || !strcmp(s, "1")) {
        *b = true;
        return 0;
    }
    if (!strcmp(s, "no") || !strcmp(s, "off") || !strcmp(s, "false") || !strcmp(s, "0")) {
        *b = false;
        return 0;
    }
    return -1;
}

/* IANACharset labels (IANA-CHARSET-MIB) likely in a printer profile. */
static const struct prt_enum_entry charset_names[] = {
    {1, "other"},
    {2, "unknown"},
    {3, "csASCII"},
    {4, "csISOLatin1"},
    {17, "csShiftJIS"},
    {106, "csUTF8"},
    {1000, "csUnicode"},
    {1001, "csUCS4"},
    {1002, "csUnicodeASCII"},
    {1003, "csUnicodeLatin1"},
    {1013, "csUTF16BE"},
    {1014, "csUTF16LE"},
    {1015, "csUTF16"},
    {1017, "csUTF32"},
    {1018, "csUTF32BE"},
    {1019, "csUTF32LE"},
    {2024, "csWindows31J"},
};

static int parse_charset(const char *s, int32_t *v)
{
    size_t i;
    long long n;

    for (i = 0; i < sizeof(charset_names) / sizeof(charset_names[0]); i++)
        if (!strcmp(s, charset_names[i].name)) {
            *v = charset_names[i].value;
            return 0;
        }
    if (prof_parse_long(s, &n) == 0 && n >= INT32_MIN && n <= INT32_MAX &&
        prt_charset_valid((int32_t)n)) {
        *v = (int32_t)n;
        return 0;
    }
    return -1;
}

static const char *const light_roles[] = {"none", "ready", "attention", "error", "power"};

int prof_parse_oid(const char *s, struct prt_oid *oid)
{
    struct prt_oid o;
    const char *p = s;

    memset(&o, 0, sizeof(o));
    if (*p == '.')
        p++;
    while (*p) {
        unsigned long long v = 0;
        int digits = 0;
        while (*p >= '0' && *p <= '9') {
            v = v * 10 + (unsigned)(*p - '0');
            if (v > UINT32_MAX)
                return -1;
            p++;
            digits++;
        }
        if (digits == 0 || o.len >= PRT_OID_MAX)
            return -1;
        o.ids[o.len++] = (uint32_t)v;
        if (*p == '.') {
            p++;
            if (*p == '\0')
                return -1;
        } else if (*p != '\0') {
            return -1;
        }
    }
    /* An OBJECT IDENTIFIER has at least two arcs, the first 0..2. */
    if (o.len < 2 || o.ids[0] > 2 || (o.ids[0] < 2 && o.ids[1] > 39))
        return -1;
    *oid = o;
    return 0;
}

/* ---- descriptor-driven "key value" parsing ---- */

static int set_value(const struct key_desc *k, void *obj, const char *noun, const char *val,
                     char *err, size_t errlen)
{
    char *field = (char *)obj + k->off;
    long long n;
    int32_t i32;
    int ev;
    size_t len, r;

    switch (k->kind) {
    case K_INT:
        if (prof_parse_long(val, &n) != 0)
            return prof_seterr(err, errlen, -PRT_EINVAL, "invalid number '%s' for '%s'", val,
                               k->key);
        if (n < k->min || n > k->max)
            return prof_seterr(err, errlen, -PRT_EINVAL, "%s %lld out of range %lld..%lld", k->key,
                               n, k->min, k->max);
        i32 = (int32_t)n;
        memcpy(field, &i32, sizeof(i32));
        return 0;
    case K_U32: {
        uint32_t u;
        if (prof_parse_long(val, &n) != 0)
            return prof_seterr(err, errlen, -PRT_EINVAL, "invalid number '%s' for '%s'", val,
                               k->key);
        if (n < 0 || n > 4294967295LL)
            return prof_seterr(err, errlen, -PRT_EINVAL, "%s %lld out of range 0..4294967295",
                               k->key, n);
        u = (uint32_t)n;
        memcpy(field, &u, sizeof(u));
        return 0;
    }
    case K_ENUM:
        if (prt_enum_value(k->tc, val, &ev) != 0)
            return prof_seterr(err, errlen, -PRT_EINVAL, "unknown %s %s '%s'", noun, k->key, val);
        i32 = ev;
        memcpy(field, &i32, sizeof(i32));
        return 0;
    case K_PROTO:
        if (prt_enum_value(&prt_tc_PrtChannelTypeTC, val, &ev) == 0) {
            i32 = ev;
        } else if (prof_parse_long(val, &n) == 0 && n >= 0 && n <= I32MAX) {
            i32 = (int32_t)n;
        } else {
            return prof_seterr(err, errlen, -PRT_EINVAL, "unknown %s %s '%s'", noun, k->key, val);
        }
        memcpy(field, &i32, sizeof(i32));
        return 0;
    case K_CHARSET:
        if (parse_charset(val, &i32) != 0)
            return prof_seterr(err, errlen, -PRT_EINVAL, "unknown %s %s '%s'", noun, k->key, val);
        memcpy(field, &i32, sizeof(i32));
        return 0;
    case K_ROLE:
        for (r = 0; r < sizeof(light_roles) / sizeof(light_roles[0]); r++)
            if (!strcmp(val, light_roles[r])) {
                i32 = (int32_t)r;
                memcpy(field, &i32, sizeof(i32));
                return 0;
            }
        return prof_seterr(err, errlen, -PRT_EINVAL, "unknown %s %s '%s'", noun, k->key, val);
    case K_BOOL: {
        bool b;
        if (parse_bool(val, &b) != 0)
            return prof_seterr(err, errlen, -PRT_EINVAL,
                               "'%s' for '%s' is not a boolean (yes/no, on/off, true/false)", val,
                               k->key);
        memcpy(field, &b, sizeof(b));
        return 0;
    }
    case K_STR:
    case K_CODE2:
        if (prof_has_control(val))
            return prof_seterr(err, errlen, -PRT_EINVAL, "control character in value for '%s'",
                               k->key);
        len = strlen(val);
        if (k->kind == K_CODE2 && len != 2)
            return prof_seterr(err, errlen, -PRT_EINVAL, "%s '%s' must be exactly 2 characters",
                               k->key, val);
        if (len >= k->size)
            return prof_seterr(err, errlen, -PRT_ETOOLONG,
                               "value for '%s' is longer than %zu octets", k->key, k->size - 1);
        memcpy(field, val, len + 1);
        return 0;
    }
    return prof_seterr(err, errlen, -PRT_EINVAL, "internal: bad key kind");
}

/* Parses "key value ..." from w into obj; *seen gets one bit per key
 * position (the descriptors have fewer than 64 keys). */
int prof_parse_keys(struct words *w, const struct key_desc *keys, void *obj, const char *noun,
                    const char *token, uint64_t *seen, char *err, size_t errlen)
{
    char key[64];
    int rc;

    *seen = 0;
    for (;;) {
        const struct key_desc *k;
        size_t pos;

        rc = prof_next_word(w, err, errlen);
        if (rc < 0)
            return -PRT_EINVAL;
        if (rc == 0)
            return 0;
        prof_copy_str(key, sizeof(key), w->buf);
        for (k = keys; k->key != NULL; k++)
            if (!strcmp(k->key, key))
                break;
        if (k->key == NULL)
            return prof_seterr(err, errlen, -PRT_EINVAL, "unknown key '%s' for %s", w->buf, token);
        pos = (size_t)(k - keys);
        if (*seen & (UINT64_C(1) << pos))
            return prof_seterr(err, errlen, -PRT_EINVAL, "key '%s' given twice", key);
        *seen |= UINT64_C(1) << pos;
        rc = prof_next_word(w, err, errlen);
        if (rc < 0)
            return -PRT_EINVAL;
        if (rc == 0)
            return prof_seterr(err, errlen, -PRT_EINVAL, "value for '%s' missing", key);
        rc = set_value(k, obj, noun, w->buf, err, errlen);
        if (rc != 0)
            return rc;
    }
}

int prof_want_index(struct words *w, const char *noun, int32_t *idx, char *err, size_t errlen)
{
    long long n;
    int rc = prof_next_word(w, err, errlen);

    if (rc < 0)
        return -PRT_EINVAL;
    if (rc == 0)
        return prof_seterr(err, errlen, -PRT_EINVAL, "%s index missing", noun);
    if (prof_parse_long(w->buf, &n) != 0)
        return prof_seterr(err, errlen, -PRT_EINVAL, "%s index '%s' is not a number", noun, w->buf);
    if (n < 1 || n > PRT_INDEX_MAX)
        return prof_seterr(err, errlen, -PRT_EINVAL, "%s index %lld out of range 1..65535", noun,
                           n);
    *idx = (int32_t)n;
    return 0;
}

/* The single value of a token like printdevDescr; no further words. */
int prof_want_single(struct words *w, const char *token, char *err, size_t errlen)
{
    int rc = prof_next_word(w, err, errlen);
    const char *rest;

    if (rc < 0)
        return -PRT_EINVAL;
    if (rc == 0)
        return prof_seterr(err, errlen, -PRT_EINVAL, "value for %s missing", token);
    /* only blanks may follow */
    for (rest = w->p; *rest == ' ' || *rest == '\t' || *rest == '\r' || *rest == '\n'; rest++)
        ;
    if (*rest != '\0')
        return prof_seterr(err, errlen, -PRT_EINVAL,
                           "%s takes one value (quote it if it contains blanks)", token);
    return 0;
}
