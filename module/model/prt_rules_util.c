/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_rules_util.c: alert texts cut on a UTF-8 boundary, for every rule
 * file.  (The small helpers called in the rules' inner loops are inline in
 * prt_rules_internal.h.)
 *
 * Pure C: no Net-SNMP, no I/O.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "prt_enums.h"
#include "prt_model.h"
#include "prt_rules.h"
#include "prt_rules_internal.h"

void rules_utf8_trim(char *s)
{
    /* Drop an incomplete multi-byte sequence left at the end by truncation. */
    size_t n = strlen(s), i = n, need;
    unsigned char c;

    if (n == 0)
        return;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80 && n - i < 3)
        i--;
    if (i == 0)
        return;
    c = (unsigned char)s[i - 1];
    if (c < 0x80)
        return;
    need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (n - (i - 1) < need)
        s[i - 1] = '\0';
}

void rules_textf(char *dst, size_t n, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(dst, n, fmt, ap);
    va_end(ap);
    rules_utf8_trim(dst);
}
