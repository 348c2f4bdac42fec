/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_text.c: the one definition of "safe to show as it is" for untrusted
 * text (see prt_text.h): printable ASCII and well-formed UTF-8 other than
 * the C1 controls.
 */
#include "prt_text.h"

/* Length of the well-formed UTF-8 sequence at s (at most n bytes), or 0
 * (overlong forms, surrogates and code points above U+10FFFF are not). */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0], cp;
    size_t need, i;

    if (c < 0xc2 || c > 0xf4)
        return 0;
    need = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
    if (n < need)
        return 0;
    cp = c & (need == 2 ? 0x1f : need == 3 ? 0x0f : 0x07);
    for (i = 1; i < need; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    if ((need == 3 && cp < 0x800) || (need == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
        (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return need;
}

size_t prt_text_safe_len(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t l;

    if (s == NULL || n == 0)
        return 0;
    if (u[0] < 0x80)
        return u[0] >= 0x20 && u[0] < 0x7f ? 1 : 0;
    l = utf8_len(u, n);
    if (l == 2 && u[0] == 0xc2 && u[1] <= 0x9f)
        return 0; /* C1 control U+0080..U+009F */
    return l;
}

int prt_text_utf8_valid(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, l;

    while (i < n) {
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        if ((l = utf8_len(u + i, n - i)) == 0)
            return 0;
        i += l;
    }
    return 1;
}
