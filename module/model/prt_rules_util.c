/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_rules_util.c: small helpers every rule file uses: alert texts cut on
 * a UTF-8 boundary, condition keys, binary/critical tests, the model's
 * clock, the alert table's size limit and a field setter that notes a
 * change.
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

static uint64_t fnv(uint64_t h, int32_t v)
{
    uint32_t u = (uint32_t)v;
    int i;

    for (i = 0; i < 4; i++) {
        h ^= (u >> (8 * i)) & 0xFF;
        h *= UINT64_C(1099511628211);
    }
    return h;
}

uint64_t rules_cond_key(const struct prt_alert *a, int32_t subject)
{
    uint64_t h = UINT64_C(14695981039346656037);

    h = fnv(h, a->code);
    h = fnv(h, a->group);
    h = fnv(h, a->group_index);
    h = fnv(h, a->location);
    h = fnv(h, a->severity);
    h = fnv(h, subject);
    return h | PRT_ALERT_KEY_DERIVED;
}

bool rules_is_binary(const struct prt_alert *a)
{
    return a->severity == PrtAlertSeverityLevelTC_critical ||
           a->severity == PrtAlertSeverityLevelTC_warningBinaryChangeEvent;
}

bool rules_is_critical(const struct prt_alert *a)
{
    return a->severity == PrtAlertSeverityLevelTC_critical;
}

uint32_t rules_now_ticks(const struct prt_model *m)
{
    return (m != NULL && m->uptime != NULL) ? m->uptime() : 0;
}

size_t rules_table_limit(const struct prt_device *d)
{
    int32_t s = d->rules.alert_table_size;

    if (s < 1)
        s = PRT_ALERT_TABLE_DEFAULT;
    if (s > PRT_MAX_ROWS)
        s = PRT_MAX_ROWS;
    return (size_t)s;
}

void rules_set_i32(struct ctx *c, int32_t *field, int32_t v)
{
    if (*field != v) {
        *field = v;
        c->changed = true;
    }
}
