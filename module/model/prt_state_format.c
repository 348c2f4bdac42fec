/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_state_format.c: the state file format: CRC-32, quoting of strings
 * (the escapes the feed protocol shares) and prt_state_format(), which
 * serialises a device line by line following the descriptors of
 * prt_state_fields.c.
 *
 * Pure C + POSIX: no Net-SNMP headers.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "prt_state.h"
#include "prt_state_internal.h"

/* ---- CRC-32 ---- */

unsigned long prt_state_crc32(unsigned long crc, const void *buf, size_t len)
{
    static uint32_t table[256];
    static int init;
    const unsigned char *p = buf;
    uint32_t c;

    if (!init) {
        for (uint32_t i = 0; i < 256; i++) {
            c = i;
            for (int k = 0; k < 8; k++)
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        init = 1;
    }
    c = (uint32_t)crc ^ 0xFFFFFFFFu;
    while (len--)
        c = table[(c ^ *p++) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

/* ---- quoting ---- */

size_t prt_state_quote(char *buf, size_t cap, const char *s, size_t len)
{
    size_t n = 0;
    char tmp[5];

#define PUT(ch)                                                                                    \
    do {                                                                                           \
        if (cap > 0 && n + 1 < cap)                                                                \
            buf[n] = (ch);                                                                         \
        n++;                                                                                       \
    } while (0)
    PUT('"');
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)s[i];
        const char *esc = NULL;

        switch (ch) {
        case '\\':
            esc = "\\\\";
            break;
        case '"':
            esc = "\\\"";
            break;
        case '\n':
            esc = "\\n";
            break;
        case '\t':
            esc = "\\t";
            break;
        case '\r':
            esc = "\\r";
            break;
        default:
            if (ch < 0x20 || ch == 0x7f) {
                snprintf(tmp, sizeof(tmp), "\\x%02x", ch);
                esc = tmp;
            }
        }
        if (esc != NULL) {
            for (; *esc; esc++)
                PUT(*esc);
        } else {
            PUT((char)ch);
        }
    }
    PUT('"');
#undef PUT
    if (cap > 0)
        buf[n < cap ? n : cap - 1] = '\0';
    return n;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int prt_state_unquote(const char **pp, char *out, size_t cap, size_t *outlen)
{
    const char *p = *pp;
    size_t n = 0;
    int toolong = 0;

    while (*p == ' ')
        p++;
    if (*p != '"')
        return -PRT_EINVAL;
    p++;
    for (;;) {
        int ch = (unsigned char)*p;

        if (ch == '\0')
            return -PRT_EINVAL; /* unterminated */
        p++;
        if (ch == '"')
            break;
        if (ch < 0x20 || ch == 0x7f)
            return -PRT_EINVAL; /* raw control characters must be escaped */
        if (ch == '\\') {
            int e = (unsigned char)*p++;

            switch (e) {
            case '\\':
                ch = '\\';
                break;
            case '"':
                ch = '"';
                break;
            case 'n':
                ch = '\n';
                break;
            case 't':
                ch = '\t';
                break;
            case 'r':
                ch = '\r';
                break;
            case 'x': {
                int h = hexval((unsigned char)p[0]), l;

                l = h < 0 ? -1 : hexval((unsigned char)p[1]);
                if (h < 0 || l < 0)
                    return -PRT_EINVAL;
                ch = h * 16 + l;
                if (ch == 0)
                    return -PRT_EINVAL; /* strings are NUL-terminated in the model */
                p += 2;
                break;
            }
            default:
                return -PRT_EINVAL;
            }
        }
        if (n + 1 < cap)
            out[n] = (char)ch;
        else
            toolong = 1;
        n++;
    }
    if (cap > 0)
        out[n < cap ? n : cap - 1] = '\0';
    if (outlen != NULL)
        *outlen = n;
    *pp = p;
    return toolong ? -PRT_ETOOLONG : PRT_OK;
}


/* ---- writing ---- */

struct sbuf {
    char *p;
    size_t len, cap;
    int err;
    unsigned lines;
};

static void sb_grow(struct sbuf *b, size_t need)
{
    char *np;
    size_t ncap;

    if (b->err || b->len + need + 1 <= b->cap)
        return;
    ncap = b->cap ? b->cap : 4096;
    while (ncap < b->len + need + 1)
        ncap *= 2;
    np = realloc(b->p, ncap);
    if (np == NULL) {
        b->err = 1;
        return;
    }
    b->p = np;
    b->cap = ncap;
}

static void sb_printf(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_printf(struct sbuf *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->err = 1;
        return;
    }
    sb_grow(b, (size_t)n);
    if (b->err)
        return;
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

static void sb_quote(struct sbuf *b, const char *s, size_t len)
{
    size_t n = prt_state_quote(NULL, 0, s, len);

    sb_grow(b, n);
    if (b->err)
        return;
    prt_state_quote(b->p + b->len, b->cap - b->len, s, len);
    b->len += n;
}

static void sb_field(struct sbuf *b, const struct table *t, const struct field *f, const char *base,
                     int64_t index)
{
    sb_printf(b, "%s.%s %" PRId64 " ", t->name, f->key, index);
    switch (f->kind) {
    case K_I32:
        sb_printf(b, "%" PRId32, state_get_i32(base, f->off));
        break;
    case K_U32: {
        uint32_t v;

        memcpy(&v, base + f->off, sizeof(v));
        sb_printf(b, "%" PRIu32, v);
        break;
    }
    case K_U64: {
        uint64_t v;

        memcpy(&v, base + f->off, sizeof(v));
        sb_printf(b, "%" PRIu64, v);
        break;
    }
    case K_BOOL: {
        bool v;

        memcpy(&v, base + f->off, sizeof(v));
        sb_printf(b, "%s", v ? "yes" : "no");
        break;
    }
    case K_STR:
        sb_quote(b, base + f->off, strnlen(base + f->off, f->size - 1));
        break;
    }
    sb_printf(b, "\n");
    b->lines++;
}

int prt_state_format(const struct prt_device *d, char **out, size_t *outlen)
{
    struct sbuf b = {0};
    unsigned long crc;

    sb_printf(&b, "printdev-state %d\n", PRT_STATE_VERSION);
    sb_printf(&b, "device %" PRId32 " ", d->hr_index);
    sb_quote(&b, d->name, strnlen(d->name, sizeof(d->name) - 1));
    sb_printf(&b, "\n");
    b.lines = 2;
    for (size_t ti = 0; ti < state_n_tables; ti++) {
        const struct table *t = &state_tables[ti];

        if (t->device_wide) {
            for (size_t fi = 0; fi < t->n_fields; fi++)
                if (state_field_saved(t, &t->fields[fi], d))
                    sb_field(&b, t, &t->fields[fi], (const char *)d, 0);
            continue;
        }
        const char *rows = state_tab_rows(t, d);
        size_t n = state_tab_count(t, d);
        for (size_t r = 0; r < n; r++) {
            const char *row = rows + r * t->row_size;
            if (state_row_derived(t, row))
                continue;
            for (size_t fi = 0; fi < t->n_fields; fi++)
                if (state_field_saved(t, &t->fields[fi], d))
                    sb_field(&b, t, &t->fields[fi], row, state_get_i32(row, 0));
        }
    }
    for (size_t i = 0; i < d->n_alerts; i++) {
        const struct prt_alert *a = &d->alerts[i];

        sb_printf(&b,
                  "alert %" PRId32 " %" PRId32 " %" PRId32 " %" PRId32 " %" PRId32 " %" PRId32
                  " %" PRId32 " %" PRIu32 " %" PRIu64 " %" PRIu64 " ",
                  a->index, a->severity, a->training, a->group, a->group_index, a->location,
                  a->code, a->time, a->key, a->seq);
        sb_quote(&b, a->description, strnlen(a->description, sizeof(a->description) - 1));
        sb_printf(&b, "\n");
        b.lines++;
    }
    if (b.err) {
        free(b.p);
        return -PRT_ENOMEM;
    }
    crc = prt_state_crc32(0, b.p, b.len);
    sb_printf(&b, "end %u %08lx\n", b.lines, crc);
    if (b.err) {
        free(b.p);
        return -PRT_ENOMEM;
    }
    *out = b.p;
    *outlen = b.len;
    return PRT_OK;
}
