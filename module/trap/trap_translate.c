/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trap_translate.c: one readable, severity-tagged event per trap.
 *
 * Built-in knowledge, no MIB files:
 *   - printerV2Alert 1.3.6.1.2.1.43.18.2.0.1 (Printer-MIB, RFC 3805 §2.2.13;
 *     the RFC 1759 v1 form enterprise 1.3.6.1.2.1.43.18.2 / 6 / 1 maps to the
 *     same OID, RFC 3584 §3.1): the prtAlert* varbinds are matched by column,
 *     hrDeviceIndex and prtAlertIndex come from the instance suffix (RFC 3805
 *     printerV2Alert DESCRIPTION), names from the generated TC tables;
 *   - alertRemovalOfBinaryChangeEntry(1801): the group index is the index of
 *     the row that went away (IANA-PRINTER-MIB, PrtAlertCodeTC);
 *   - hrPrinterDetectedErrorState (RFC 2790; bit 0 = MSB of octet 1);
 *   - the generic traps (RFC 3418 snmpTraps, RFC 2863 linkDown/linkUp);
 *   - Net-SNMP's agent start/stop notifications and our PRINTDEV-MIB ones.
 * Then the rules (trap_rules.h) may rename the device, change severity and
 * category, replace the text by a template, ignore the trap or attach an
 * exec action.  The sentence scheme is in trap_translate.h.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "printdev_mib.h"
#include "prt_enums.h"
#include "trap_translate.h"
#include "trap_util.h"

#define OID_PRINTER_V2_ALERT "1.3.6.1.2.1.43.18.2.0.1"
#define OID_PRT_ALERT_ENTRY "1.3.6.1.2.1.43.18.1.1." /* + column.d.a */
#define OID_HR_PRINTER_ERRSTATE "1.3.6.1.2.1.25.3.5.1.2." /* + d */
#define OID_SNMPTRAPS "1.3.6.1.6.3.1.1.5."
#define OID_IFINDEX "1.3.6.1.2.1.2.2.1.1."
#define OID_EGP_NEIGH_ADDR "1.3.6.1.2.1.8.5.1.2."
#define OID_NS_NOTIFY "1.3.6.1.4.1.8072.4.0."
#define OID_PRINTDEV_NOTIFY PRINTDEV_MIB_STR ".0."
#define OID_PRINTDEV_DEVNAME PRINTDEV_MIB_STR ".1.2.1.1."

enum {
    COL_INDEX = 1,
    COL_SEVERITY = 2,
    COL_TRAINING = 3,
    COL_GROUP = 4,
    COL_GROUP_INDEX = 5,
    COL_LOCATION = 6,
    COL_CODE = 7,
    COL_DESCRIPTION = 8,
    COL_MAX = 9,
};

#define CODE_REMOVAL 1801


static bool starts_with(const char *s, const char *p)
{
    return s != NULL && strncmp(s, p, strlen(p)) == 0;
}

/* Parses "a.b.c" sub-ids from s into v (max n); returns count or -1. */
static int parse_subids(const char *s, long *v, int n)
{
    int k = 0;

    if (s == NULL || *s == '\0')
        return 0;
    while (*s) {
        char *end;
        long x;
        if (*s < '0' || *s > '9' || k >= n)
            return -1;
        x = strtol(s, &end, 10);
        if (x < 0)
            return -1;
        v[k++] = x;
        s = end;
        if (*s == '.')
            s++;
        else if (*s != '\0')
            return -1;
    }
    return k;
}



struct alert_vbs {
    const struct trap_varbind *col[COL_MAX];
    long dev, idx;
};

static void find_alert_vbs(const struct trap_msg *m, struct alert_vbs *a)
{
    size_t i, pl = strlen(OID_PRT_ALERT_ENTRY);

    memset(a, 0, sizeof *a);
    a->dev = -1;
    a->idx = -1;
    for (i = 0; i < m->n_vbs; i++) {
        const struct trap_varbind *vb = &m->vbs[i];
        long sub[3];
        if (!vb->oid_numeric || !starts_with(vb->oid, OID_PRT_ALERT_ENTRY))
            continue;
        if (parse_subids(vb->oid + pl, sub, 3) != 3 || sub[0] < 1 || sub[0] >= COL_MAX)
            continue;
        if (a->col[sub[0]] == NULL)
            a->col[sub[0]] = vb;
        if (a->dev < 0 || sub[0] == COL_INDEX) {
            a->dev = sub[1];
            a->idx = sub[2];
        }
    }
}

static const char *enum_text(const struct prt_enum *tc, const struct trap_varbind *vb, long v,
                             bool ok, char *buf, size_t bsz)
{
    const char *n;

    if (ok && v >= -2147483647L - 1 && v <= 2147483647L && (n = prt_enum_name(tc, (int)v)) != NULL)
        return n;
    if (ok) {
        snprintf(buf, bsz, "unknown(%ld)", v);
        return buf;
    }
    /* a label we could not resolve: show it (escaped) */
    {
        size_t pos = 0;
        buf[0] = '\0';
        trap_escape_append(buf, bsz, &pos, vb->value, vb->value_len);
    }
    return buf;
}

/* Appends ", name, name" of the set bits of hrPrinterDetectedErrorState. */
static void hr_bits_text(unsigned bits, size_t nbits, char *out, size_t outsz, size_t *pos)
{
    size_t b;
    bool first = true;

    for (b = 0; b < nbits && b < 32; b++) {
        char tmp[24];
        const char *n;
        if (!((bits >> b) & 1u))
            continue;
        n = prt_enum_name(&prt_tc_hrPrinterDetectedErrorState_bit, (int)b);
        if (n == NULL) {
            snprintf(tmp, sizeof tmp, "unknown(%zu)", b);
            n = tmp;
        }
        if (!first)
            trap_raw_append(out, outsz, pos, ",");
        trap_raw_append(out, outsz, pos, n);
        first = false;
    }
    if (first)
        trap_raw_append(out, outsz, pos, "none");
}

/* Finds hrPrinterDetectedErrorState.d and decodes it; returns the number of
 * bits it carried (8 per octet, max 32) or 0. */
static size_t find_hr_errors(const struct trap_msg *m, struct trap_event *ev)
{
    size_t i, k;

    for (i = 0; i < m->n_vbs; i++) {
        const struct trap_varbind *vb = &m->vbs[i];
        unsigned bits = 0;
        size_t n;
        if (!vb->oid_numeric || !starts_with(vb->oid, OID_HR_PRINTER_ERRSTATE))
            continue;
        if (vb->type != TV_HEXSTRING && vb->type != TV_STRING && vb->type != TV_OPAQUE)
            continue;
        n = vb->value_len < 4 ? vb->value_len : 4;
        for (k = 0; k < n; k++) {
            unsigned char o = (unsigned char)vb->value[k];
            int j;
            for (j = 0; j < 8; j++)
                if (o & (0x80u >> j))
                    bits |= 1u << (k * 8 + (size_t)j);
        }
        ev->has_hr_errors = true;
        ev->hr_errors = bits;
        if (ev->dev_index < 0) {
            long d;
            if (parse_subids(vb->oid + strlen(OID_HR_PRINTER_ERRSTATE), &d, 1) == 1)
                ev->dev_index = d;
        }
        return n * 8;
    }
    return 0;
}

/* The leading-edge code a closing code ends, or 0 (IANA-PRINTER-MIB
 * PrtAlertCodeTC: generic 3/4, 5/6, 18/19, 501/502; finisher blocks
 * 30000+100B+g with the same generic pairs, §2.5 of the fact sheet). */
static int leading_code(int code)
{
    int g;

    switch (code) {
    case 4:
        return 3;
    case 6:
        return 5;
    case 19:
        return 18;
    case 502:
        return 501;
    default:
        break;
    }
    if (code >= 30203 && code <= 31838) {
        g = code % 100;
        if (g == 4 || g == 6 || g == 19)
            return code - 1;
    }
    return 0;
}

/* " on <device>", and " printer <d>" when the device name is not the
 * printer's own (no "device ADDR#d" entry named it) and d is known and not
 * 1: an agent serving several printers (hrDeviceIndex 1, 2, ...) sends
 * them all from one address, and alert a of printer 1 and alert a of
 * printer 2 must read differently.  d 1 is left out: it is the only
 * printer of most senders. */
/* " on <device>", and " via <sender>" when the printer (v1 agent-addr)
 * is not the sender: both addresses are shown. */
static void append_device(struct trap_event *ev, size_t *pos)
{
    trap_raw_append(ev->text, sizeof ev->text, pos, " on ");
    trap_raw_append(ev->text, sizeof ev->text, pos, ev->device);
    if (ev->agent[0]) {
        trap_raw_append(ev->text, sizeof ev->text, pos, " via ");
        trap_str_append(ev->text, sizeof ev->text, pos, ev->source);
    }
}

static void append_on_device(struct trap_event *ev, size_t *pos)
{
    char b[32];

    append_device(ev, pos);
    if (!ev->device_per_printer && ev->dev_index >= 0 && ev->dev_index != 1) {
        snprintf(b, sizeof b, " printer %ld", ev->dev_index);
        trap_raw_append(ev->text, sizeof ev->text, pos, b);
    }
}

static void translate_alert(const struct trap_msg *m, struct trap_event *ev, size_t hr_bits)
{
    struct alert_vbs a;
    long sev = 0, train = 0, group = 0, gidx = -1, loc = -2, code = 0;
    bool has_sev = false, has_train = false, has_group = false, has_code = false;
    bool has_gidx = false, has_loc = false;
    char b1[48], b2[48], b3[48], b4[48];
    size_t pos = 0;
    const char *sev_text, *code_text, *group_text;

    find_alert_vbs(m, &a);
    ev->dev_index = a.dev;
    ev->alert_index = a.idx;
    if (a.idx < 0 && a.col[COL_INDEX]) {
        long v;
        if (trap_varbind_int_tc(a.col[COL_INDEX], NULL, &v) == 0)
            ev->alert_index = v;
    }
    if (a.col[COL_SEVERITY])
        has_sev = trap_varbind_int_tc(a.col[COL_SEVERITY], &prt_tc_PrtAlertSeverityLevelTC, &sev) == 0;
    if (a.col[COL_TRAINING])
        has_train = trap_varbind_int_tc(a.col[COL_TRAINING], &prt_tc_PrtAlertTrainingLevelTC, &train) == 0;
    if (a.col[COL_GROUP])
        has_group = trap_varbind_int_tc(a.col[COL_GROUP], &prt_tc_PrtAlertGroupTC, &group) == 0;
    if (a.col[COL_GROUP_INDEX])
        has_gidx = trap_varbind_int_tc(a.col[COL_GROUP_INDEX], NULL, &gidx) == 0;
    if (a.col[COL_LOCATION])
        has_loc = trap_varbind_int_tc(a.col[COL_LOCATION], NULL, &loc) == 0;
    if (a.col[COL_CODE])
        has_code = trap_varbind_int_tc(a.col[COL_CODE], &prt_tc_PrtAlertCodeTC, &code) == 0;
    if (!has_gidx)
        gidx = -1;
    if (!has_loc)
        loc = -2;
    ev->alert_severity = has_sev ? (int)sev : 0;
    ev->alert_training = has_train ? (int)train : 0;
    ev->alert_group = has_group ? (int)group : 0;
    ev->alert_group_index = (int)gidx;
    ev->alert_location = (int)loc;
    ev->alert_code = has_code ? (int)code : 0;
    snprintf(ev->category, sizeof ev->category, "%s", TRAP_CAT_PRINTER_ALERT);

    if (has_code && code == CODE_REMOVAL) {
        /* RFC 3805 §2.2.13.3 / PrtAlertCodeTC 1801 */
        ev->alert_op = TRAP_ALERT_REMOVE;
        ev->removed_index = has_gidx ? gidx : -1;
        ev->severity = TRAP_SEV_INFO;
        trap_raw_append(ev->text, sizeof ev->text, &pos, "cleared: alert ");
        if (has_gidx) {
            snprintf(b1, sizeof b1, "%ld", gidx);
            trap_raw_append(ev->text, sizeof ev->text, &pos, b1);
        } else {
            trap_raw_append(ev->text, sizeof ev->text, &pos, "unknown");
        }
        append_on_device(ev, &pos);
    } else {
        int lead = has_code ? leading_code((int)code) : 0;
        if (lead) {
            ev->alert_op = TRAP_ALERT_REMOVE;
            ev->cleared_code = lead;
        } else if (has_sev && (sev == 3 || sev == 5)) {
            ev->alert_op = TRAP_ALERT_ADD;
        } else {
            ev->alert_op = TRAP_ALERT_UNARY;
        }
        if (!has_sev)
            ev->severity = TRAP_SEV_WARNING;
        else if (sev == 3)
            ev->severity = TRAP_SEV_CRITICAL;
        else if (sev == 4 || sev == 5)
            ev->severity = TRAP_SEV_WARNING;
        else
            ev->severity = TRAP_SEV_NOTICE;
        if (lead && ev->severity != TRAP_SEV_CRITICAL)
            ev->severity = TRAP_SEV_INFO;
        sev_text = a.col[COL_SEVERITY]
                       ? enum_text(&prt_tc_PrtAlertSeverityLevelTC, a.col[COL_SEVERITY], sev,
                                   has_sev, b1, sizeof b1)
                       : "alert";
        code_text = a.col[COL_CODE] ? enum_text(&prt_tc_PrtAlertCodeTC, a.col[COL_CODE], code,
                                                has_code, b2, sizeof b2)
                                    : "unknown";
        group_text = a.col[COL_GROUP] ? enum_text(&prt_tc_PrtAlertGroupTC, a.col[COL_GROUP], group,
                                                  has_group, b3, sizeof b3)
                                      : "unknown";
        trap_raw_append(ev->text, sizeof ev->text, &pos, sev_text);
        trap_raw_append(ev->text, sizeof ev->text, &pos, ": ");
        trap_raw_append(ev->text, sizeof ev->text, &pos, code_text);
        trap_raw_append(ev->text, sizeof ev->text, &pos, " in ");
        trap_raw_append(ev->text, sizeof ev->text, &pos, group_text);
        if (gidx != -1) {
            snprintf(b4, sizeof b4, " %ld", gidx);
            trap_raw_append(ev->text, sizeof ev->text, &pos, b4);
        }
        if (loc != -2 && loc != -1) {
            snprintf(b4, sizeof b4, " (location %ld)", loc);
            trap_raw_append(ev->text, sizeof ev->text, &pos, b4);
        }
        append_on_device(ev, &pos);
        if (a.col[COL_TRAINING]) {
            trap_raw_append(ev->text, sizeof ev->text, &pos, " [");
            trap_raw_append(ev->text, sizeof ev->text, &pos,
                            enum_text(&prt_tc_PrtAlertTrainingLevelTC, a.col[COL_TRAINING], train,
                                      has_train, b1, sizeof b1));
            trap_raw_append(ev->text, sizeof ev->text, &pos, "]");
        }
    }
    if (a.col[COL_DESCRIPTION] && a.col[COL_DESCRIPTION]->value_len > 0) {
        trap_raw_append(ev->text, sizeof ev->text, &pos, " - ");
        trap_octets_append(ev->text, sizeof ev->text, &pos, a.col[COL_DESCRIPTION]->value,
                           a.col[COL_DESCRIPTION]->value_len);
    }
    if (ev->has_hr_errors) {
        trap_raw_append(ev->text, sizeof ev->text, &pos, "; printer state: ");
        hr_bits_text(ev->hr_errors, hr_bits, ev->text, sizeof ev->text, &pos);
    }
}

struct known_trap {
    const char *oid;
    const char *name;
    const char *category;
    enum trap_sev sev;
    const char *words; /* sentence after the name, before " on <device>" */
};

static const struct known_trap known[] = {
    {"1.3.6.1.6.3.1.1.5.1", "coldStart", TRAP_CAT_GENERIC, TRAP_SEV_NOTICE, NULL},
    {"1.3.6.1.6.3.1.1.5.2", "warmStart", TRAP_CAT_GENERIC, TRAP_SEV_NOTICE, NULL},
    {"1.3.6.1.6.3.1.1.5.3", "linkDown", TRAP_CAT_GENERIC, TRAP_SEV_WARNING, NULL},
    {"1.3.6.1.6.3.1.1.5.4", "linkUp", TRAP_CAT_GENERIC, TRAP_SEV_INFO, NULL},
    {"1.3.6.1.6.3.1.1.5.5", "authenticationFailure", TRAP_CAT_GENERIC, TRAP_SEV_WARNING, NULL},
    {"1.3.6.1.6.3.1.1.5.6", "egpNeighborLoss", TRAP_CAT_GENERIC, TRAP_SEV_WARNING, NULL},
    {"1.3.6.1.4.1.8072.4.0.1", "nsNotifyStart", TRAP_CAT_GENERIC, TRAP_SEV_NOTICE, NULL},
    {"1.3.6.1.4.1.8072.4.0.2", "nsNotifyShutdown", TRAP_CAT_GENERIC, TRAP_SEV_WARNING, NULL},
    {"1.3.6.1.4.1.8072.4.0.3", "nsNotifyRestart", TRAP_CAT_GENERIC, TRAP_SEV_NOTICE, NULL},
    {PRINTDEV_MIB_STR ".0.1", "printdevFeedConnected", TRAP_CAT_PRINTDEV, TRAP_SEV_INFO,
     "feed connected"},
    {PRINTDEV_MIB_STR ".0.2", "printdevFeedDisconnected", TRAP_CAT_PRINTDEV,
     TRAP_SEV_WARNING, "feed disconnected"},
};

/* "linkDown on dev (ifIndex 2)", "printdevFeedConnected: feed connected for
 * device prod-1 on dev" */
static void translate_known(const struct trap_msg *m, struct trap_event *ev,
                            const struct known_trap *k)
{
    size_t pos = 0, i;
    char b[64];

    snprintf(ev->category, sizeof ev->category, "%s", k->category);
    ev->severity = k->sev;
    trap_raw_append(ev->text, sizeof ev->text, &pos, k->name);
    if (k->words) {
        const struct trap_varbind *dn = trap_msg_find(m, OID_PRINTDEV_DEVNAME);
        trap_raw_append(ev->text, sizeof ev->text, &pos, ": ");
        trap_raw_append(ev->text, sizeof ev->text, &pos, k->words);
        if (dn) {
            long d;
            trap_raw_append(ev->text, sizeof ev->text, &pos, " for device ");
            trap_octets_append(ev->text, sizeof ev->text, &pos, dn->value, dn->value_len);
            if (parse_subids(dn->oid + strlen(OID_PRINTDEV_DEVNAME), &d, 1) == 1)
                ev->dev_index = d;
        }
    }
    append_device(ev, &pos);
    if (strcmp(k->name, "linkDown") == 0 || strcmp(k->name, "linkUp") == 0) {
        for (i = 0; i < m->n_vbs; i++) {
            const struct trap_varbind *vb = &m->vbs[i];
            if (vb->oid_numeric && starts_with(vb->oid, OID_IFINDEX) && vb->type == TV_INTEGER) {
                snprintf(b, sizeof b, " (ifIndex %lld)", vb->ival);
                trap_raw_append(ev->text, sizeof ev->text, &pos, b);
                break;
            }
        }
    } else if (strcmp(k->name, "egpNeighborLoss") == 0) {
        const struct trap_varbind *vb = trap_msg_find(m, OID_EGP_NEIGH_ADDR);
        if (vb && vb->type == TV_IPADDRESS) {
            trap_raw_append(ev->text, sizeof ev->text, &pos, " (neighbor ");
            trap_escape_append(ev->text, sizeof ev->text, &pos, vb->value, vb->value_len);
            trap_raw_append(ev->text, sizeof ev->text, &pos, ")");
        }
    }
}

/* Appends ": oid=value; ..." of the payload varbinds (unknown traps),
 * without the three a v1 conversion appends (they are in the event's
 * source/community/trap OID already), strings in quotes with '"' escaped. */
static void append_varbinds(const struct trap_msg *m, char *out, size_t outsz, size_t *pos)
{
    static const char *const meta[] = {"1.3.6.1.6.3.18.1.3.0", "1.3.6.1.6.3.18.1.4.0",
                                       "1.3.6.1.6.3.1.1.4.3.0"};
    size_t i, k;
    char val[512];
    bool first = true;

    for (i = trap_msg_first_payload(m); i < m->n_vbs; i++) {
        const struct trap_varbind *vb = &m->vbs[i];
        bool skip = false;
        for (k = 0; k < 3 && vb->oid_numeric; k++)
            if (strcmp(vb->oid, meta[k]) == 0)
                skip = true;
        if (skip)
            continue;
        trap_raw_append(out, outsz, pos, first ? ": " : "; ");
        trap_str_append(out, outsz, pos, vb->oid);
        trap_raw_append(out, outsz, pos, "=");
        trap_varbind_text(vb, val, sizeof val);
        if (vb->type == TV_STRING) {
            const char *p = val;
            trap_raw_append(out, outsz, pos, "\"");
            while (*p) {
                const char *q = strchr(p, '"');
                size_t n = q ? (size_t)(q - p) : strlen(p);
                char chunk[512];
                memcpy(chunk, p, n);
                chunk[n] = '\0';
                trap_raw_append(out, outsz, pos, chunk);
                if (q == NULL)
                    break;
                trap_raw_append(out, outsz, pos, "\\\"");
                p = q + 1;
            }
            trap_raw_append(out, outsz, pos, "\"");
        } else {
            trap_raw_append(out, outsz, pos, val);
        }
        first = false;
    }
}

static void fill_base(const struct trap_msg *m, const struct trap_rules *r, struct trap_event *ev)
{
    const char *dn;
    size_t pos;

    memset(ev, 0, sizeof *ev);
    ev->time = time(NULL);
    ev->severity = TRAP_SEV_INFO;
    ev->dev_index = -1;
    ev->alert_index = -1;
    ev->removed_index = -1;
    ev->alert_group_index = -1;
    ev->alert_location = -2;
    snprintf(ev->source, sizeof ev->source, "%s", m->src_addr);
    /* a v1 agent-addr other than the sender: the printer is the agent
     * (RFC 1157 §4.1.6), the sender a relay; name it after the agent */
    if (m->agent_addr[0] && strcmp(m->agent_addr, m->src_addr) != 0)
        snprintf(ev->agent, sizeof ev->agent, "%s", m->agent_addr);
    dn = ev->agent[0] ? trap_rules_device_name(r, ev->agent) : NULL;
    if (dn == NULL)
        dn = trap_rules_device_name(r, m->src_addr);
    if (dn == NULL && m->agent_addr[0])
        dn = trap_rules_device_name(r, m->agent_addr);
    snprintf(ev->device, sizeof ev->device, "%s",
             dn                 ? dn
             : ev->agent[0]     ? ev->agent
             : m->src_addr[0]   ? m->src_addr
                                : "unknown");
    if (m->trap_oid) {
        pos = 0;
        trap_str_append(ev->trap_oid, sizeof ev->trap_oid, &pos, m->trap_oid);
    }
    ev->version = m->version;
    pos = 0;
    if (m->community)
        trap_str_append(ev->community_or_user, sizeof ev->community_or_user, &pos, m->community);
    else if (m->user)
        trap_str_append(ev->community_or_user, sizeof ev->community_or_user, &pos, m->user);
    snprintf(ev->category, sizeof ev->category, "%s", TRAP_CAT_UNKNOWN);
}

/* Writes the built-in sentence for the (possibly renamed) device. */
static void build_text(const struct trap_msg *m, struct trap_event *ev)
{
    size_t hr_bits, i, pos = 0;
    const struct known_trap *k = NULL;

    ev->text[0] = '\0';
    hr_bits = find_hr_errors(m, ev);
    if (m->trap_oid && strcmp(m->trap_oid, OID_PRINTER_V2_ALERT) == 0) {
        snprintf(ev->trap_name, sizeof ev->trap_name, "printerV2Alert");
        translate_alert(m, ev, hr_bits);
        return;
    }
    for (i = 0; m->trap_oid && i < sizeof known / sizeof known[0]; i++) {
        if (strcmp(m->trap_oid, known[i].oid) == 0) {
            k = &known[i];
            break;
        }
    }
    if (k) {
        snprintf(ev->trap_name, sizeof ev->trap_name, "%s", k->name);
        translate_known(m, ev, k);
        if (ev->has_hr_errors) {
            pos = strlen(ev->text);
            trap_raw_append(ev->text, sizeof ev->text, &pos, "; printer state: ");
            hr_bits_text(ev->hr_errors, hr_bits, ev->text, sizeof ev->text, &pos);
        }
        return;
    }
    /* Unknown trap: its OID and raw varbinds. */
    if (ev->has_hr_errors) {
        snprintf(ev->category, sizeof ev->category, "%s", TRAP_CAT_PRINTER_STATE);
        ev->severity = (ev->hr_errors & 0x7au) ? TRAP_SEV_WARNING : TRAP_SEV_INFO;
        /* noPaper(1) noToner(3) doorOpen(4) jammed(5) offline(6): down per RFC 1514 */
        if (ev->hr_errors & ((1u << 1) | (1u << 3) | (1u << 4) | (1u << 5) | (1u << 6)))
            ev->severity = TRAP_SEV_CRITICAL;
    }
    trap_raw_append(ev->text, sizeof ev->text, &pos, "trap ");
    if (m->trap_oid)
        trap_str_append(ev->text, sizeof ev->text, &pos, m->trap_oid);
    else
        trap_raw_append(ev->text, sizeof ev->text, &pos, "(no snmpTrapOID)");
    append_device(ev, &pos);
    append_varbinds(m, ev->text, sizeof ev->text, &pos);
    if (ev->has_hr_errors) {
        trap_raw_append(ev->text, sizeof ev->text, &pos, "; printer state: ");
        hr_bits_text(ev->hr_errors, hr_bits, ev->text, sizeof ev->text, &pos);
    }
}

static void finish_with_rules(const struct trap_msg *m, const struct trap_rules *r,
                              struct trap_event *ev, bool unparsed_input, const char *error)
{
    const char *tpl;
    char device0[sizeof ev->device];

    /* The built-in sentence first (it sets the default severity, category
     * and alert fields the rules may override), then the rules, then the
     * sentence again if a rule renamed the device, then the template. */
    if (!unparsed_input) {
        const char *pn;

        build_text(m, ev);
        /* now that hrDeviceIndex is known: a "device ADDR#INDEX" entry
         * names this printer alone (before the address-only entry) */
        pn = ev->agent[0] ? trap_rules_printer_name(r, ev->agent, ev->dev_index) : NULL;
        if (pn == NULL)
            pn = trap_rules_printer_name(r, m->src_addr, ev->dev_index);
        if (pn == NULL && m->agent_addr[0])
            pn = trap_rules_printer_name(r, m->agent_addr, ev->dev_index);
        if (pn) {
            snprintf(ev->device, sizeof ev->device, "%s", pn);
            ev->device_per_printer = true;
            build_text(m, ev);
        }
    }
    memcpy(device0, ev->device, sizeof device0);
    tpl = trap_rules_match(r, m, ev, NULL);
    if (unparsed_input) {
        size_t pos = 0;
        ev->text[0] = '\0';
        trap_raw_append(ev->text, sizeof ev->text, &pos, "unparsed trap input from ");
        trap_raw_append(ev->text, sizeof ev->text, &pos, ev->device);
        trap_raw_append(ev->text, sizeof ev->text, &pos, ": ");
        trap_str_append(ev->text, sizeof ev->text, &pos, error ? error : "unknown error");
        if (m && m->trap_oid) {
            trap_raw_append(ev->text, sizeof ev->text, &pos, " (trap ");
            trap_str_append(ev->text, sizeof ev->text, &pos, m->trap_oid);
            trap_raw_append(ev->text, sizeof ev->text, &pos, ")");
        }
    } else if (strcmp(device0, ev->device) != 0) {
        enum trap_sev sev = ev->severity;
        char cat[sizeof ev->category];

        /* a rule's "device" action names what the rule matched, which may
         * be every printer of a sender: the printer number stays */
        ev->device_per_printer = false;
        memcpy(cat, ev->category, sizeof cat);
        build_text(m, ev);
        ev->severity = sev;
        memcpy(ev->category, cat, sizeof cat);
    }
    if (tpl) {
        size_t n = trap_template_expand(tpl, m, ev, ev->text, sizeof ev->text);
        /* substitutions that expanded to nothing leave no trailing blanks */
        while (n > 0 && ev->text[n - 1] == ' ')
            ev->text[--n] = '\0';
    }
}

int trap_translate(const struct trap_msg *m, const struct trap_rules *r, struct trap_event *ev)
{
    if (m == NULL || ev == NULL)
        return -1;
    fill_base(m, r, ev);
    finish_with_rules(m, r, ev, false, NULL);
    return 0;
}

void trap_event_unparsed(const struct trap_msg *m, const struct trap_rules *r,
                         struct trap_event *ev)
{
    static const struct trap_msg empty;

    if (ev == NULL)
        return;
    if (m == NULL)
        m = &empty;
    fill_base(m, r, ev);
    ev->unparsed = true;
    ev->severity = TRAP_SEV_WARNING;
    snprintf(ev->category, sizeof ev->category, "%s", TRAP_CAT_UNPARSED);
    finish_with_rules(m, r, ev, true, m->error);
}

