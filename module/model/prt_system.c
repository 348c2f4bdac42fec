/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prt_system.c: a device's SNMP context name and system group values, the
 * configured ones (printdevSystem) or the defaults derived from the model
 * (see prt_system.h).
 *
 * Pure C + POSIX, no Net-SNMP headers.
 */
#include <stdio.h>
#include <string.h>

#include "prt_model.h"
#include "prt_system.h"

const char *prt_system_context(const struct prt_device *d)
{
    return d->sys.context[0] ? d->sys.context : d->name;
}

int prt_system_context_valid(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > PRT_CONTEXT_MAX)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '-' || *s == '_' || *s == '.'))
            return 0;
    return 1;
}

/* The value of KEY ("MFG", "MDL", or their long forms) in an IEEE 1284
 * device id ("MFG:Oce;MDL:VarioPrint 6330;..."), into out. */
static int ieee1284_field(const char *id, const char *key, const char *longkey, char *out,
                          size_t len)
{
    const char *p = id;
    while (*p) {
        const char *colon = strchr(p, ':'), *end;
        size_t klen;
        if (!colon)
            return 0;
        klen = (size_t)(colon - p);
        end = strchr(colon + 1, ';');
        if (!end)
            end = colon + 1 + strlen(colon + 1);
        if ((klen == strlen(key) && !strncmp(p, key, klen)) ||
            (klen == strlen(longkey) && !strncmp(p, longkey, klen))) {
            size_t vlen = (size_t)(end - colon - 1);
            if (vlen == 0 || vlen >= len)
                return 0;
            memcpy(out, colon + 1, vlen);
            out[vlen] = '\0';
            return 1;
        }
        p = *end ? end + 1 : end;
    }
    return 0;
}

void prt_system_descr(const struct prt_device *d, char *buf, size_t len)
{
    char mfg[128], mdl[128];

    if (d->sys.descr[0]) {
        snprintf(buf, len, "%s", d->sys.descr);
        return;
    }
    if (ieee1284_field(d->ieee1284_id, "MFG", "MANUFACTURER", mfg, sizeof(mfg)) &&
        ieee1284_field(d->ieee1284_id, "MDL", "MODEL", mdl, sizeof(mdl))) {
        /* "HP HP LaserJet" reads badly: the model often repeats the maker */
        if (!strncmp(mdl, mfg, strlen(mfg)))
            snprintf(buf, len, "%s", mdl);
        else
            snprintf(buf, len, "%s %s", mfg, mdl);
        return;
    }
    snprintf(buf, len, "%s", d->hr_descr);
}

size_t prt_system_object_id(const struct prt_device *d, const uint32_t **ids)
{
    if (d->sys.object_id_len >= 2) {
        *ids = d->sys.object_id;
        return d->sys.object_id_len;
    }
    if (d->hr_device_id.len >= 2) {
        *ids = d->hr_device_id.ids;
        return d->hr_device_id.len;
    }
    *ids = NULL;
    return 0;
}

const char *prt_system_name(const struct prt_device *d)
{
    if (d->sys.name[0])
        return d->sys.name;
    return d->general.printer_name[0] ? d->general.printer_name : d->name;
}

int32_t prt_system_services(const struct prt_device *d)
{
    return d->sys.services_set ? d->sys.services : PRT_SYS_SERVICES_DEFAULT;
}
