/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_enums.c: look-ups over the generated TC tables (prt_enums_tables.c).
 * Pure C: used by the device model, the profile parser and the trap
 * translator alike.  Tables are sorted by value, so names are found by
 * binary search; labels by a linear scan (profiles are parsed once).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "prt_enums.h"

const char *prt_enum_name(const struct prt_enum *e, int value)
{
    size_t lo = 0, hi;

    if (e == NULL)
        return NULL;
    hi = e->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (e->entries[mid].value == value)
            return e->entries[mid].name;
        if (e->entries[mid].value < value)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

int prt_enum_value(const struct prt_enum *e, const char *name, int *value)
{
    size_t i;
    char *end;
    long v;

    if (e == NULL || name == NULL || *name == '\0')
        return -1;
    for (i = 0; i < e->count; i++) {
        if (strcmp(e->entries[i].name, name) == 0) {
            *value = e->entries[i].value;
            return 0;
        }
    }
    errno = 0;
    v = strtol(name, &end, 10);
    if (errno != 0 || *end != '\0' || v < -2147483647L - 1 || v > 2147483647L)
        return -1;
    if (prt_enum_name(e, (int)v) == NULL)
        return -1;
    *value = (int)v;
    return 0;
}
