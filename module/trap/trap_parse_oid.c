/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trap_parse_oid.c: the OID side of the snmptrapd text parser
 * (trap_parse.c): the symbolic names snmptrapd prints when MIB files are
 * installed, their normalisation to numeric form (trap_oid_normalize) and
 * the token check for an OID as snmptrapd writes it.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "printdev_mib.h"
#include "trap_parse_internal.h"

/* Symbolic names snmptrapd prints when MIB files are installed, for the
 * objects a printer trap handler cares about (sorted by name for bsearch).
 * Sources: SNMPv2-SMI, SNMPv2-MIB (RFC 3418), IF-MIB (RFC 2863),
 * HOST-RESOURCES-MIB (RFC 2790), Printer-MIB (RFC 3805), NET-SNMP-MIB,
 * NET-SNMP-TC, NET-SNMP-AGENT-MIB, SNMP-COMMUNITY-MIB (RFC 3584) and our
 * PRINTDEV-MIB. */
struct oid_name {
    const char *name;
    const char *oid;
};
static const struct oid_name oid_names[] = {
    {"authenticationFailure", "1.3.6.1.6.3.1.1.5.5"},
    {"coldStart", "1.3.6.1.6.3.1.1.5.1"},
    {"egpNeighborLoss", "1.3.6.1.6.3.1.1.5.6"},
    {"enterprises", "1.3.6.1.4.1"},
    {"experimental", "1.3.6.1.3"},
    {"hrDeviceDescr", "1.3.6.1.2.1.25.3.2.1.3"},
    {"hrDeviceErrors", "1.3.6.1.2.1.25.3.2.1.6"},
    {"hrDeviceID", "1.3.6.1.2.1.25.3.2.1.4"},
    {"hrDeviceIndex", "1.3.6.1.2.1.25.3.2.1.1"},
    {"hrDeviceStatus", "1.3.6.1.2.1.25.3.2.1.5"},
    {"hrDeviceType", "1.3.6.1.2.1.25.3.2.1.2"},
    {"hrPrinterDetectedErrorState", "1.3.6.1.2.1.25.3.5.1.2"},
    {"hrPrinterStatus", "1.3.6.1.2.1.25.3.5.1.1"},
    {"ifAdminStatus", "1.3.6.1.2.1.2.2.1.7"},
    {"ifDescr", "1.3.6.1.2.1.2.2.1.2"},
    {"ifIndex", "1.3.6.1.2.1.2.2.1.1"},
    {"ifOperStatus", "1.3.6.1.2.1.2.2.1.8"},
    {"internet", "1.3.6.1"},
    {"linkDown", "1.3.6.1.6.3.1.1.5.3"},
    {"linkUp", "1.3.6.1.6.3.1.1.5.4"},
    {"linux", "1.3.6.1.4.1.8072.3.2.10"},
    {"mib-2", "1.3.6.1.2.1"},
    {"netSnmp", "1.3.6.1.4.1.8072"},
    {"netSnmpAgentOIDs", "1.3.6.1.4.1.8072.3.2"},
    {"netSnmpExperimental", "1.3.6.1.4.1.8072.9999"},
    {"nsNotifyRestart", "1.3.6.1.4.1.8072.4.0.3"},
    {"nsNotifyShutdown", "1.3.6.1.4.1.8072.4.0.2"},
    {"nsNotifyStart", "1.3.6.1.4.1.8072.4.0.1"},
    {"printdevDeviceFeedConnected", PRINTDEV_MIB_STR ".1.2.1.3"},
    {"printdevDeviceName", PRINTDEV_MIB_STR ".1.2.1.1"},
    {"printdevFeedConnected", PRINTDEV_MIB_STR ".0.1"},
    {"printdevFeedDisconnected", PRINTDEV_MIB_STR ".0.2"},
    {"printdevMIB", PRINTDEV_MIB_STR},
    {"printerV1Alert", "1.3.6.1.2.1.43.18.2"},
    {"printerV2Alert", "1.3.6.1.2.1.43.18.2.0.1"},
    {"printerV2AlertPrefix", "1.3.6.1.2.1.43.18.2.0"},
    {"printmib", "1.3.6.1.2.1.43"},
    {"private", "1.3.6.1.4"},
    {"prtAlertCode", "1.3.6.1.2.1.43.18.1.1.7"},
    {"prtAlertDescription", "1.3.6.1.2.1.43.18.1.1.8"},
    {"prtAlertGroup", "1.3.6.1.2.1.43.18.1.1.4"},
    {"prtAlertGroupIndex", "1.3.6.1.2.1.43.18.1.1.5"},
    {"prtAlertIndex", "1.3.6.1.2.1.43.18.1.1.1"},
    {"prtAlertLocation", "1.3.6.1.2.1.43.18.1.1.6"},
    {"prtAlertSeverityLevel", "1.3.6.1.2.1.43.18.1.1.2"},
    {"prtAlertTime", "1.3.6.1.2.1.43.18.1.1.9"},
    {"prtAlertTrainingLevel", "1.3.6.1.2.1.43.18.1.1.3"},
    {"prtGeneralPrinterName", "1.3.6.1.2.1.43.5.1.1.16"},
    {"prtGeneralSerialNumber", "1.3.6.1.2.1.43.5.1.1.17"},
    {"snmpModules", "1.3.6.1.6.3"},
    {"snmpTrapAddress", "1.3.6.1.6.3.18.1.3"},
    {"snmpTrapCommunity", "1.3.6.1.6.3.18.1.4"},
    {"snmpTrapEnterprise", "1.3.6.1.6.3.1.1.4.3"},
    {"snmpTrapOID", "1.3.6.1.6.3.1.1.4.1"},
    {"snmpTraps", "1.3.6.1.6.3.1.1.5"},
    {"sysDescr", "1.3.6.1.2.1.1.1"},
    {"sysName", "1.3.6.1.2.1.1.5"},
    {"sysObjectID", "1.3.6.1.2.1.1.2"},
    {"sysUpTime", "1.3.6.1.2.1.1.3"},
    {"sysUpTimeInstance", "1.3.6.1.2.1.1.3.0"},
    {"warmStart", "1.3.6.1.6.3.1.1.5.2"},
};

static int cmp_name(const void *k, const void *e)
{
    const char *key = k;
    const struct oid_name *on = e;
    return strcmp(key, on->name);
}

bool trap_parse_is_numeric_oid(const char *s, size_t n)
{
    size_t i;
    bool digit = false;

    if (n == 0)
        return false;
    for (i = 0; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9') {
            digit = true;
        } else if (s[i] == '.' && digit && i + 1 < n) {
            digit = false;
        } else {
            return false;
        }
    }
    return digit;
}

int trap_oid_normalize(const char *in, size_t inlen, char *out, size_t outsz)
{
    const char *s = in, *e = in + inlen, *dot, *colons;
    char name[64];
    const char *prefix = NULL;
    size_t nl, pl, sl;

    if (in == NULL || out == NULL || outsz == 0)
        return -1;
    while (s < e && *s == ' ')
        s++;
    while (e > s && e[-1] == ' ')
        e--;
    if (s < e && *s == '.')
        s++;
    if (s >= e)
        return -1;
    /* "MODULE::name..." -> "name..." */
    colons = NULL;
    for (dot = s; dot + 1 < e; dot++) {
        if (dot[0] == ':' && dot[1] == ':') {
            colons = dot;
            break;
        }
    }
    if (colons)
        s = colons + 2;
    dot = memchr(s, '.', (size_t)(e - s));
    nl = (size_t)((dot ? dot : e) - s);
    if (nl == 0 || nl >= sizeof name)
        return -1;
    memcpy(name, s, nl);
    name[nl] = '\0';
    if (name[0] >= '0' && name[0] <= '9') {
        prefix = NULL;
        sl = (size_t)(e - s);
        if (!trap_parse_is_numeric_oid(s, sl) || sl + 1 > outsz)
            return -1;
        memcpy(out, s, sl);
        out[sl] = '\0';
        return (int)sl;
    }
    if (strcmp(name, "iso") == 0) {
        prefix = "1";
    } else if (strcmp(name, "ccitt") == 0) {
        prefix = "0";
    } else if (strcmp(name, "joint-iso-ccitt") == 0) {
        prefix = "2";
    } else {
        const struct oid_name *on = bsearch(name, oid_names, sizeof oid_names / sizeof oid_names[0],
                                            sizeof oid_names[0], cmp_name);
        if (on == NULL)
            return -1;
        prefix = on->oid;
    }
    pl = strlen(prefix);
    sl = dot ? (size_t)(e - dot) : 0; /* suffix including its leading '.' */
    if (sl > 0 && !trap_parse_is_numeric_oid(dot + 1, sl - 1))
        return -1;
    if (pl + sl + 1 > outsz)
        return -1;
    memcpy(out, prefix, pl);
    if (sl)
        memcpy(out + pl, dot, sl);
    out[pl + sl] = '\0';
    return (int)(pl + sl);
}

/* Token characters of an OID as snmptrapd prints it (numeric, iso.3...,
 * MODULE::name.1, string indexes in quotes). */
bool trap_parse_oid_token_ok(const char *s, size_t n)
{
    size_t i;

    if (n == 0 || !(isalnum((unsigned char)s[0]) || s[0] == '.'))
        return false;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!(isalnum(c) || c == '.' || c == ':' || c == '-' || c == '_' || c == '"' ||
              c == '\'' || c == '[' || c == ']'))
            return false;
    }
    return true;
}
