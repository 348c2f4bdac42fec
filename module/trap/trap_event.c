/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trap_event.c: the shared event vocabulary (trap_event.h): severity names,
 * varbind values as display text (rendered here once, for every output and
 * both front ends), integer values with Printer-MIB labels, and message
 * templates ($1, ${OID}, $device ...).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "prt_text.h"
#include "prt_enums.h"
#include "trap_event.h"
#include "trap_util.h"

const char *trap_sev_name(enum trap_sev s)
{
    switch (s) {
    case TRAP_SEV_CRITICAL:
        return "critical";
    case TRAP_SEV_WARNING:
        return "warning";
    case TRAP_SEV_NOTICE:
        return "notice";
    case TRAP_SEV_INFO:
        return "info";
    default:
        return "unknown";
    }
}

int trap_sev_from_name(const char *name, enum trap_sev *s)
{
    static const struct {
        const char *n;
        enum trap_sev v;
    } names[] = {
        {"critical", TRAP_SEV_CRITICAL}, {"crit", TRAP_SEV_CRITICAL},
        {"error", TRAP_SEV_CRITICAL},    {"err", TRAP_SEV_CRITICAL},
        {"warning", TRAP_SEV_WARNING},   {"warn", TRAP_SEV_WARNING},
        {"notice", TRAP_SEV_NOTICE},     {"info", TRAP_SEV_INFO},
        {"information", TRAP_SEV_INFO},  {"unknown", TRAP_SEV_UNKNOWN},
    };
    size_t i;

    if (name == NULL)
        return -1;
    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcasecmp(name, names[i].n) == 0) {
            *s = names[i].v;
            return 0;
        }
    }
    return -1;
}

size_t trap_octets_append(char *out, size_t outsz, size_t *pos, const char *s, size_t n)
{
    static const char digits[] = "0123456789ABCDEF";
    size_t i;

    if (prt_text_utf8_valid(s, n))
        return trap_escape_append(out, outsz, pos, s, n);
    for (i = 0; i < n && *pos + 4 <= outsz; i++) {
        unsigned char c = (unsigned char)s[i];
        if (i > 0)
            out[(*pos)++] = ' ';
        out[(*pos)++] = digits[c >> 4];
        out[(*pos)++] = digits[c & 15];
    }
    if (*pos < outsz)
        out[*pos] = '\0';
    return *pos;
}

size_t trap_varbind_text(const struct trap_varbind *vb, char *out, size_t outsz)
{
    size_t pos = 0, i;
    bool hex;

    if (outsz == 0)
        return 0;
    out[0] = '\0';
    if (vb == NULL || vb->value == NULL)
        return 0;
    /* an enum printed as its label (snmptrapd with MIB files loaded):
     * the number, as a PDU and snmptrapd without MIBs give it */
    if ((vb->type == TV_INTEGER || vb->type == TV_GAUGE32 || vb->type == TV_COUNTER32) &&
        vb->value_len > 0 &&
        !(vb->value[0] == '-' || (vb->value[0] >= '0' && vb->value[0] <= '9'))) {
        long v;
        if (trap_varbind_int(vb, &v) == 0)
            return (size_t)snprintf(out, outsz, "%ld", v) < outsz ? strlen(out) : outsz - 1;
    }
    hex = vb->type == TV_HEXSTRING;
    if (vb->type == TV_STRING && !prt_text_utf8_valid(vb->value, vb->value_len))
        hex = true;
    if (vb->type == TV_OPAQUE) {
        for (i = 0; i < vb->value_len; i++) {
            unsigned char c = (unsigned char)vb->value[i];
            if (c < 0x20 || c > 0x7e)
                hex = true;
        }
    }
    if (hex) {
        static const char digits[] = "0123456789ABCDEF";
        for (i = 0; i < vb->value_len && pos + 4 <= outsz; i++) {
            unsigned char c = (unsigned char)vb->value[i];
            if (i > 0)
                out[pos++] = ' ';
            out[pos++] = digits[c >> 4];
            out[pos++] = digits[c & 15];
        }
        out[pos] = '\0';
        return pos;
    }
    return trap_escape_append(out, outsz, &pos, vb->value, vb->value_len);
}

int trap_varbind_int_tc(const struct trap_varbind *vb, const struct prt_enum *tc, long *out)
{
    int v;

    if (vb == NULL || vb->value == NULL ||
        (vb->type != TV_INTEGER && vb->type != TV_GAUGE32 && vb->type != TV_COUNTER32))
        return -1;
    if (vb->value_len > 0 &&
        (vb->value[0] == '-' || (vb->value[0] >= '0' && vb->value[0] <= '9'))) {
        *out = (long)vb->ival;
        return 0;
    }
    if (vb->value_len > 0 && vb->value[vb->value_len - 1] == ')') {
        *out = (long)vb->ival;
        return 0;
    }
    if (tc && prt_enum_value(tc, vb->value, &v) == 0) {
        *out = v;
        return 0;
    }
    return -1;
}

/* Enumerated columns whose labels snmptrapd may print (column OID + '.'). */
static const struct {
    const char *prefix;
    const struct prt_enum *tc;
} enum_columns[] = {
    {"1.3.6.1.2.1.43.18.1.1.2.", &prt_tc_PrtAlertSeverityLevelTC},
    {"1.3.6.1.2.1.43.18.1.1.3.", &prt_tc_PrtAlertTrainingLevelTC},
    {"1.3.6.1.2.1.43.18.1.1.4.", &prt_tc_PrtAlertGroupTC},
    {"1.3.6.1.2.1.43.18.1.1.7.", &prt_tc_PrtAlertCodeTC},
    {"1.3.6.1.2.1.25.3.2.1.5.", &prt_tc_hrDeviceStatus},
    {"1.3.6.1.2.1.25.3.5.1.1.", &prt_tc_hrPrinterStatus},
    {"1.3.6.1.2.1.43.8.2.1.2.", &prt_tc_PrtInputTypeTC},
    {"1.3.6.1.2.1.43.9.2.1.2.", &prt_tc_PrtOutputTypeTC},
    {"1.3.6.1.2.1.43.11.1.1.5.", &prt_tc_PrtMarkerSuppliesTypeTC},
    {"1.3.6.1.2.1.43.6.1.1.3.", &prt_tc_PrtCoverStatusTC},
};

int trap_varbind_int(const struct trap_varbind *vb, long *out)
{
    const struct prt_enum *tc = NULL;
    size_t i;

    if (vb == NULL || out == NULL)
        return -1;
    for (i = 0; vb->oid && vb->oid_numeric && i < sizeof enum_columns / sizeof enum_columns[0];
         i++) {
        if (strncmp(vb->oid, enum_columns[i].prefix, strlen(enum_columns[i].prefix)) == 0) {
            tc = enum_columns[i].tc;
            break;
        }
    }
    return trap_varbind_int_tc(vb, tc, out);
}

/* ---- templates ---- */

static const struct trap_varbind *payload_vb(const struct trap_msg *m, long n)
{
    size_t first = trap_msg_first_payload(m);

    if (n < 1 || m == NULL || (size_t)n > m->n_vbs - first)
        return NULL;
    return &m->vbs[first + (size_t)n - 1];
}

static void append_vb(const struct trap_varbind *vb, char *out, size_t outsz, size_t *pos)
{
    char val[1024];

    if (vb == NULL)
        return;
    trap_varbind_text(vb, val, sizeof val);
    trap_raw_append(out, outsz, pos, val);
}

static void append_name(const char *name, size_t nl, const struct trap_msg *m,
                        const struct trap_event *ev, char *out, size_t outsz, size_t *pos)
{
    char b[32];

#define IS(s) (nl == strlen(s) && memcmp(name, s, nl) == 0)
    if (IS("source"))
        trap_str_append(out, outsz, pos, ev->source);
    else if (IS("device"))
        trap_raw_append(out, outsz, pos, ev->device);
    else if (IS("text"))
        trap_raw_append(out, outsz, pos, ev->text);
    else if (IS("trap"))
        trap_str_append(out, outsz, pos, ev->trap_oid);
    else if (IS("trapname"))
        trap_str_append(out, outsz, pos, ev->trap_name);
    else if (IS("severity"))
        trap_raw_append(out, outsz, pos, trap_sev_name(ev->severity));
    else if (IS("category"))
        trap_str_append(out, outsz, pos, ev->category);
    else if (IS("version")) {
        snprintf(b, sizeof b, "%s",
                 ev->version == 1   ? "1"
                 : ev->version == 2 ? "2c"
                 : ev->version == 3 ? "3"
                                    : "unknown");
        trap_raw_append(out, outsz, pos, b);
    } else if (IS("community"))
        trap_str_append(out, outsz, pos, m ? m->community : NULL);
    else if (IS("user"))
        trap_str_append(out, outsz, pos, m ? m->user : NULL);
    else if (IS("printer")) {
        if (ev->dev_index >= 0) {
            snprintf(b, sizeof b, "%ld", ev->dev_index);
            trap_raw_append(out, outsz, pos, b);
        }
    } else if (IS("uptime")) {
        snprintf(b, sizeof b, "%u", m ? m->uptime : 0u);
        trap_raw_append(out, outsz, pos, b);
    }
#undef IS
}

size_t trap_template_expand(const char *tpl, const struct trap_msg *m, const struct trap_event *ev,
                            char *out, size_t outsz)
{
    size_t pos = 0;
    const char *p = tpl;
    char text_copy[sizeof ev->text];
    struct trap_event evc;

    if (outsz == 0)
        return 0;
    if (tpl == NULL || ev == NULL) {
        out[0] = '\0';
        return 0;
    }
    /* out may be ev->text itself: expand from a copy */
    if (out == ev->text) {
        memcpy(text_copy, ev->text, sizeof text_copy);
        evc = *ev;
        memcpy(evc.text, text_copy, sizeof evc.text);
        ev = &evc;
    }
    out[0] = '\0';
    while (*p && pos + 1 < outsz) {
        if (*p != '$') {
            const char *d = strchr(p, '$');
            size_t n = d ? (size_t)(d - p) : strlen(p);
            char lit[256];
            if (n >= sizeof lit)
                n = sizeof lit - 1;
            memcpy(lit, p, n);
            lit[n] = '\0';
            trap_raw_append(out, outsz, &pos, lit);
            p += n;
            continue;
        }
        p++;
        if (*p == '$') {
            trap_raw_append(out, outsz, &pos, "$");
            p++;
        } else if (*p >= '1' && *p <= '9') {
            if (m)
                append_vb(payload_vb(m, *p - '0'), out, outsz, &pos);
            p++;
        } else if (*p == '{') {
            const char *close = strchr(p, '}');
            const char *s = p + 1;
            size_t n;
            if (close == NULL) {
                trap_raw_append(out, outsz, &pos, "${");
                p += 1;
                continue;
            }
            n = (size_t)(close - s);
            if (n > 0 && s[0] >= '0' && s[0] <= '9') {
                char oid[256];
                if (n < sizeof oid) {
                    memcpy(oid, s, n);
                    oid[n] = '\0';
                    if (strchr(oid, '.') == NULL) {
                        if (m)
                            append_vb(payload_vb(m, strtol(oid, NULL, 10)), out, outsz, &pos);
                    } else if (m) {
                        append_vb(trap_msg_find(m, oid), out, outsz, &pos);
                    }
                }
            } else {
                append_name(s, n, m, ev, out, outsz, &pos);
            }
            p = close + 1;
        } else {
            const char *s = p;
            while ((*p >= 'a' && *p <= 'z'))
                p++;
            if (p == s)
                trap_raw_append(out, outsz, &pos, "$");
            else
                append_name(s, (size_t)(p - s), m, ev, out, outsz, &pos);
        }
    }
    return pos;
}
