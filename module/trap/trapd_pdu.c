/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trapd_pdu.c: a decoded notification PDU as the pipeline's parsed message
 * (trapd_pdu.h).  Only this file and printdev-trapd.c include Net-SNMP on
 * the trap side.
 */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "trapd_pdu.h"

#define OID_SNMPTRAPS "1.3.6.1.6.3.1.1.5"
#define OID_TEXT_MAX (MAX_OID_LEN * 11 + 1) /* "4294967295." per sub-id */

/* Numeric dotted form without a leading dot; returns the length.  (By
 * hand: it runs for every varbind and printf per sub-id was the hottest
 * spot of a trap.) */
static size_t oid_text(const oid *o, size_t len, char *out, size_t outsz)
{
    size_t pos = 0, i;

    out[0] = '\0';
    for (i = 0; i < len && pos + 12 < outsz; i++) {
        char digits[12];
        size_t n = 0;
        uint32_t v = (uint32_t)o[i];
        if (i)
            out[pos++] = '.';
        do {
            digits[n++] = (char)('0' + v % 10);
            v /= 10;
        } while (v);
        while (n)
            out[pos++] = digits[--n];
    }
    out[pos] = '\0';
    return pos;
}

/* Net-SNMP's quick-print Timeticks form, as snmptrapd hands it over. */
static size_t ticks_text(unsigned long t, char *out, size_t outsz)
{
    unsigned long cs = t % 100, s = t / 100;

    return (size_t)snprintf(out, outsz, "%lu:%lu:%02lu:%02lu.%02lu", s / 86400, s / 3600 % 24,
                            s / 60 % 60, s % 60, cs);
}

/* What snmptrapd prints as a string (every byte printable or white space
 * in the C locale), else it prints hex. */
static bool octets_printable(const u_char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (!(s[i] < 0x80 && (isprint(s[i]) || isspace(s[i]))))
            return false;
    return true;
}

static int set_text(struct trap_msg *m, struct trap_varbind *vb, enum trap_vtype t, const char *s,
                    size_t n)
{
    vb->type = t;
    vb->value = trap_msg_dup(m, s, n);
    vb->value_len = n;
    return vb->value ? 0 : -TRAP_E_NOMEM;
}

static int convert_value(struct trap_msg *m, const netsnmp_variable_list *v,
                         struct trap_varbind *vb)
{
    char buf[OID_TEXT_MAX];
    size_t n;

    switch (v->type) {
    case ASN_INTEGER:
        vb->ival = *v->val.integer;
        n = (size_t)snprintf(buf, sizeof buf, "%ld", *v->val.integer);
        return set_text(m, vb, TV_INTEGER, buf, n);
    case ASN_COUNTER:
    case ASN_GAUGE:
    case ASN_UINTEGER:
        vb->ival = (long long)(unsigned long)(uint32_t)*v->val.integer;
        n = (size_t)snprintf(buf, sizeof buf, "%lld", vb->ival);
        return set_text(m, vb, v->type == ASN_COUNTER ? TV_COUNTER32 : TV_GAUGE32, buf, n);
    case ASN_TIMETICKS:
        vb->ival = (long long)(uint32_t)*v->val.integer;
        n = ticks_text((unsigned long)vb->ival, buf, sizeof buf);
        return set_text(m, vb, TV_TIMETICKS, buf, n);
    case ASN_COUNTER64:
    case ASN_OPAQUE_U64: {
        uint64_t u = ((uint64_t)v->val.counter64->high << 32) | v->val.counter64->low;
        vb->ival = u > (uint64_t)LLONG_MAX ? LLONG_MAX : (long long)u;
        n = (size_t)snprintf(buf, sizeof buf, "%" PRIu64, u);
        return set_text(m, vb, v->type == ASN_COUNTER64 ? TV_COUNTER64 : TV_OPAQUE, buf, n);
    }
    case ASN_OPAQUE_I64: {
        int64_t i = (int64_t)(((uint64_t)v->val.counter64->high << 32) | v->val.counter64->low);
        vb->ival = i;
        n = (size_t)snprintf(buf, sizeof buf, "%" PRId64, i);
        return set_text(m, vb, TV_OPAQUE, buf, n);
    }
    case ASN_OPAQUE_FLOAT:
        n = (size_t)snprintf(buf, sizeof buf, "%f", (double)*v->val.floatVal);
        return set_text(m, vb, TV_OPAQUE, buf, n);
    case ASN_OPAQUE_DOUBLE:
        n = (size_t)snprintf(buf, sizeof buf, "%f", *v->val.doubleVal);
        return set_text(m, vb, TV_OPAQUE, buf, n);
    case ASN_IPADDRESS:
        if (v->val_len != 4)
            return set_text(m, vb, TV_HEXSTRING, (const char *)v->val.string, v->val_len);
        n = (size_t)snprintf(buf, sizeof buf, "%u.%u.%u.%u", v->val.string[0], v->val.string[1],
                             v->val.string[2], v->val.string[3]);
        return set_text(m, vb, TV_IPADDRESS, buf, n);
    case ASN_OBJECT_ID:
        n = oid_text(v->val.objid, v->val_len / sizeof(oid), buf, sizeof buf);
        return set_text(m, vb, TV_OID, buf, n);
    case ASN_OCTET_STR:
        return set_text(m, vb,
                        octets_printable(v->val.string, v->val_len) ? TV_STRING : TV_HEXSTRING,
                        (const char *)v->val.string, v->val_len);
    case ASN_OPAQUE:
        return set_text(m, vb, TV_OPAQUE, (const char *)v->val.string, v->val_len);
    case ASN_NULL:
        return set_text(m, vb, TV_NULL, "", 0);
    default: /* noSuchObject, noSuchInstance, endOfMibView, ... */
        n = (size_t)snprintf(buf, sizeof buf, "type 0x%02x", (unsigned)v->type);
        return set_text(m, vb, TV_OTHER, buf, n);
    }
}

void trapd_pdu_source(const netsnmp_pdu *pdu, char *out, size_t outsz)
{
    const struct sockaddr *sa;
    size_t len;

    out[0] = '\0';
    if (!pdu || !pdu->transport_data || pdu->transport_data_length <= 0)
        return;
    /* UDP keeps a netsnmp_indexed_addr_pair, UDP/IPv6 a sockaddr_in6: both
     * start with the sender's address */
    sa = (const struct sockaddr *)pdu->transport_data;
    len = (size_t)pdu->transport_data_length;
    if (sa->sa_family == AF_INET && len >= sizeof(struct sockaddr_in))
        inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out, (socklen_t)outsz);
    else if (sa->sa_family == AF_INET6 && len >= sizeof(struct sockaddr_in6))
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out, (socklen_t)outsz);
}

int trapd_pdu_to_msg(const netsnmp_pdu *pdu, const char *src, const char *transport,
                     struct trap_msg *m)
{
    const netsnmp_variable_list *v;
    size_t nvbs = 0, arena = 1024;
    char buf[OID_TEXT_MAX + 32];
    int rc;

    if (!m)
        return -TRAP_E_INVAL;
    memset(m, 0, sizeof *m);
    m->generic = -1;
    m->specific = -1;
    if (!pdu || (pdu->command != SNMP_MSG_TRAP && pdu->command != SNMP_MSG_TRAP2 &&
                 pdu->command != SNMP_MSG_INFORM))
        return -TRAP_E_INVAL;
    /* room: every value in its longest text form, every OID as text */
    for (v = pdu->variables; v; v = v->next_variable) {
        nvbs++;
        arena += v->name_length * 11 + 2 +
                 (v->type == ASN_OBJECT_ID ? v->val_len / sizeof(oid) * 11 : v->val_len + 64);
    }
    arena += (size_t)pdu->community_len + pdu->securityNameLen + pdu->contextNameLen +
             pdu->enterprise_length * 11 + (transport ? strlen(transport) : 0) +
             (src ? strlen(src) : 0) + 2 * sizeof buf;
    if ((rc = trap_msg_init(m, nvbs, arena)) < 0)
        return rc;

    m->hostname = trap_msg_dup(m, src ? src : "", src ? strlen(src) : 0);
    m->transport = trap_msg_dup(m, transport ? transport : "", transport ? strlen(transport) : 0);
    if (src)
        snprintf(m->src_addr, sizeof m->src_addr, "%s", src);
    switch (pdu->version) {
    case SNMP_VERSION_1:
        m->version = 1;
        break;
    case SNMP_VERSION_2c:
        m->version = 2;
        break;
    case SNMP_VERSION_3:
        m->version = 3;
        break;
    default:
        m->version = 0;
        break;
    }
    m->pdu = pdu->command == SNMP_MSG_TRAP    ? TRAP_PDU_TRAP
             : pdu->command == SNMP_MSG_TRAP2 ? TRAP_PDU_TRAP2
                                              : TRAP_PDU_INFORM;
    if (m->version == 3) {
        m->user = trap_msg_dup(m, pdu->securityName, pdu->securityName ? pdu->securityNameLen : 0);
        m->context = trap_msg_dup(m, pdu->contextName, pdu->contextName ? pdu->contextNameLen : 0);
    } else {
        m->community =
            trap_msg_dup(m, (const char *)pdu->community, pdu->community ? pdu->community_len : 0);
    }
    if (pdu->command == SNMP_MSG_TRAP) {
        size_t n = oid_text(pdu->enterprise, pdu->enterprise_length, buf, sizeof buf);
        const u_char *a = pdu->agent_addr;

        m->uptime = (uint32_t)pdu->time;
        m->enterprise = trap_msg_dup(m, buf, n);
        m->generic = (int)pdu->trap_type;
        m->specific = (int)pdu->specific_type;
        /* RFC 3584 §3.1: enterprise.0.specific, or snmpTraps.(generic+1) */
        if (pdu->trap_type == SNMP_TRAP_ENTERPRISESPECIFIC)
            n = (size_t)snprintf(buf + n, sizeof buf - n, ".0.%ld", pdu->specific_type) + n;
        else
            n = (size_t)snprintf(buf, sizeof buf, OID_SNMPTRAPS ".%ld", pdu->trap_type + 1);
        m->trap_oid = trap_msg_dup(m, buf, n);
        if (a[0] || a[1] || a[2] || a[3])
            snprintf(m->agent_addr, sizeof m->agent_addr, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
        if (!m->enterprise || !m->trap_oid)
            return -TRAP_E_NOMEM;
    }
    if (!m->hostname || !m->transport || (m->version == 3 && (!m->user || !m->context)) ||
        (m->version != 3 && !m->community))
        return -TRAP_E_NOMEM;
    for (v = pdu->variables; v; v = v->next_variable) {
        struct trap_varbind *vb = trap_msg_add_vb(m);
        size_t n;

        if (!vb)
            return -TRAP_E_NOMEM;
        n = oid_text(v->name, v->name_length, buf, sizeof buf);
        vb->oid = trap_msg_dup(m, buf, n);
        vb->oid_numeric = true;
        if (!vb->oid || convert_value(m, v, vb) < 0)
            return -TRAP_E_NOMEM;
    }
    trap_msg_finish(m);
    return 0;
}
