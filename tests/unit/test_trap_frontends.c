/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_trap_frontends.c: both front ends give the same event.  For every
 * fixture in tests/fixtures/trap (real snmptrapd handler input), the text
 * front end (trap_parse) and printdev-trapd's front end (trapd_pdu: a
 * Net-SNMP PDU straight from its varbinds) must lead the translator to
 * the same event.  The PDU is rebuilt from the fixture's varbinds the way
 * the sender built it: an SNMPv1 Trap-PDU with enterprise, generic,
 * specific, time-stamp and agent-addr for v1 (undoing snmptrapd's RFC 3584
 * conversion in the default layout), an SNMPv2-Trap or InformRequest-PDU
 * otherwise; the sender's address goes into the transport data as
 * Net-SNMP's UDP transport leaves it.
 *
 * Compared: device, source, severity, category, text, trap OID and name,
 * every alert field, hrPrinterDetectedErrorState, the rule outcome; the
 * version and community/user where the text told them (the default layout
 * does not).  Without rules, and with the shipped rules file.
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cu_runner.h"
#include "trap_translate.h"
#include "trapd_pdu.h"

#define OID_SYSUPTIME0 "1.3.6.1.2.1.1.3.0"
#define OID_TRAPOID0 "1.3.6.1.6.3.1.1.4.1.0"
#define OID_TRAPADDRESS0 "1.3.6.1.6.3.18.1.3.0"
#define OID_TRAPCOMMUNITY0 "1.3.6.1.6.3.18.1.4.0"
#define OID_TRAPENTERPRISE0 "1.3.6.1.6.3.1.1.4.3.0"

static const char *top(void)
{
    const char *t = getenv("top_srcdir");
    return t ? t : TOP_SRCDIR;
}

static char *load(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;

    if (f == NULL)
        return NULL;
    buf = malloc(TRAP_MAX_INPUT + 1);
    *len = buf ? fread(buf, 1, TRAP_MAX_INPUT, f) : 0;
    fclose(f);
    return buf;
}

/* Numeric dotted OID text to sub-ids; -1 when it is not numeric. */
static int parse_oid(const char *s, oid *o, size_t *len)
{
    size_t n = 0;

    if (!s || !*s)
        return -1;
    while (*s) {
        char *end;
        unsigned long v;
        if (*s < '0' || *s > '9' || n >= MAX_OID_LEN)
            return -1;
        v = strtoul(s, &end, 10);
        o[n++] = (oid)v;
        s = end;
        if (*s == '.')
            s++;
        else if (*s)
            return -1;
    }
    *len = n;
    return 0;
}

static bool is_v1_extra(const char *o)
{
    return strcmp(o, OID_TRAPADDRESS0) == 0 || strcmp(o, OID_TRAPCOMMUNITY0) == 0 ||
           strcmp(o, OID_TRAPENTERPRISE0) == 0;
}

/* Adds one parsed varbind to pdu as the sender encoded it.  Returns -1
 * when the text form cannot be turned back into a value (a symbolic OID
 * from a MIB we do not know). */
static int add_vb(netsnmp_pdu *pdu, const struct trap_varbind *vb)
{
    oid name[MAX_OID_LEN], val[MAX_OID_LEN];
    size_t nlen, vlen;
    long l;

    if (parse_oid(vb->oid, name, &nlen) < 0)
        return -1;
    switch (vb->type) {
    case TV_INTEGER:
        if (trap_varbind_int(vb, &l) < 0)
            return -1;
        return snmp_pdu_add_variable(pdu, name, nlen, ASN_INTEGER, &l, sizeof l) ? 0 : -1;
    case TV_COUNTER32:
    case TV_GAUGE32:
    case TV_TIMETICKS: {
        u_long u = (u_long)vb->ival;
        u_char t = vb->type == TV_COUNTER32 ? ASN_COUNTER
                   : vb->type == TV_GAUGE32 ? ASN_GAUGE
                                            : ASN_TIMETICKS;
        return snmp_pdu_add_variable(pdu, name, nlen, t, &u, sizeof u) ? 0 : -1;
    }
    case TV_COUNTER64: {
        struct counter64 c;
        unsigned long long u = strtoull(vb->value, NULL, 10);
        c.high = (u_long)(u >> 32);
        c.low = (u_long)(u & 0xffffffffUL);
        return snmp_pdu_add_variable(pdu, name, nlen, ASN_COUNTER64, &c, sizeof c) ? 0 : -1;
    }
    case TV_STRING:
    case TV_HEXSTRING:
        return snmp_pdu_add_variable(pdu, name, nlen, ASN_OCTET_STR, vb->value, vb->value_len) ? 0
                                                                                               : -1;
    case TV_OID:
        if (parse_oid(vb->value, val, &vlen) < 0)
            return -1;
        return snmp_pdu_add_variable(pdu, name, nlen, ASN_OBJECT_ID, val, vlen * sizeof(oid)) ? 0
                                                                                              : -1;
    case TV_IPADDRESS: {
        struct in_addr a;
        if (inet_pton(AF_INET, vb->value, &a) != 1)
            return -1;
        return snmp_pdu_add_variable(pdu, name, nlen, ASN_IPADDRESS, &a, 4) ? 0 : -1;
    }
    case TV_OPAQUE: {
        char *end;
        double d = strtod(vb->value, &end);
        if (vb->value_len && *end == '\0')
            return snmp_pdu_add_variable(pdu, name, nlen, ASN_OPAQUE_DOUBLE, &d, sizeof d) ? 0 : -1;
        return snmp_pdu_add_variable(pdu, name, nlen, ASN_OPAQUE, vb->value, vb->value_len) ? 0
                                                                                            : -1;
    }
    case TV_NULL:
        return snmp_pdu_add_variable(pdu, name, nlen, ASN_NULL, NULL, 0) ? 0 : -1;
    default:
        return -1;
    }
}

static void set_source(netsnmp_pdu *pdu, const char *src)
{
    netsnmp_indexed_addr_pair *ap = calloc(1, sizeof(*ap));

    CU_ASSERT_PTR_NOT_NULL_FATAL(ap);
    if (inet_pton(AF_INET, src, &ap->remote_addr.sin.sin_addr) == 1)
        ap->remote_addr.sin.sin_family = AF_INET;
    else if (inet_pton(AF_INET6, src, &ap->remote_addr.sin6.sin6_addr) == 1)
        ap->remote_addr.sin6.sin6_family = AF_INET6;
    pdu->transport_data = ap;
    pdu->transport_data_length = sizeof(*ap);
}

/* The PDU the sender of m sent; NULL when m cannot be rebuilt. */
static netsnmp_pdu *rebuild(const struct trap_msg *m)
{
    bool v1 = m->version == 1;
    netsnmp_pdu *pdu;
    size_t i;

    pdu = snmp_pdu_create(v1                          ? SNMP_MSG_TRAP
                          : m->pdu == TRAP_PDU_INFORM ? SNMP_MSG_INFORM
                                                      : SNMP_MSG_TRAP2);
    CU_ASSERT_PTR_NOT_NULL_FATAL(pdu);
    pdu->version = v1 ? SNMP_VERSION_1 : m->version == 3 ? SNMP_VERSION_3 : SNMP_VERSION_2c;
    if (m->version == 3) {
        pdu->securityModel = SNMP_SEC_MODEL_USM;
        pdu->securityLevel = SNMP_SEC_LEVEL_AUTHPRIV;
        pdu->securityName = strdup(m->user ? m->user : "");
        pdu->securityNameLen = strlen(pdu->securityName);
        pdu->contextName = strdup(m->context ? m->context : "");
        pdu->contextNameLen = strlen(pdu->contextName);
    } else {
        const char *c = m->community ? m->community : "public";
        pdu->community = (u_char *)strdup(c);
        pdu->community_len = strlen(c);
    }
    if (v1) {
        oid ent[MAX_OID_LEN];
        size_t elen;
        struct in_addr a = {0};
        if (parse_oid(m->enterprise, ent, &elen) < 0) {
            snmp_free_pdu(pdu);
            return NULL;
        }
        pdu->enterprise = snmp_duplicate_objid(ent, elen);
        pdu->enterprise_length = elen;
        pdu->trap_type = m->generic;
        pdu->specific_type = m->specific;
        pdu->time = m->uptime;
        if (m->agent_addr[0])
            inet_pton(AF_INET, m->agent_addr, &a);
        memcpy(pdu->agent_addr, &a, 4);
    }
    for (i = 0; i < m->n_vbs; i++) {
        const struct trap_varbind *vb = &m->vbs[i];
        /* snmptrapd's v1 conversion: sysUpTime.0, snmpTrapOID.0 in front,
         * three varbinds behind; the Trap-PDU carried none of them */
        if (v1 && m->layout == TRAP_LAYOUT_DEFAULT &&
            (strcmp(vb->oid, OID_SYSUPTIME0) == 0 || strcmp(vb->oid, OID_TRAPOID0) == 0 ||
             is_v1_extra(vb->oid)))
            continue;
        if (add_vb(pdu, vb) < 0) {
            snmp_free_pdu(pdu);
            return NULL;
        }
    }
    set_source(pdu, m->src_addr);
    return pdu;
}

static int n_compared, n_rebuilt_failed;

#define SAME_STR(f)                                                                                \
    do {                                                                                           \
        if (strcmp(a->f, b->f) != 0) {                                                             \
            printf("\n%s: " #f " differs:\n  text: %s\n  pdu:  %s\n", name, a->f, b->f);           \
            CU_FAIL(#f " differs");                                                                \
        }                                                                                          \
    } while (0)
#define SAME_NUM(f)                                                                                \
    do {                                                                                           \
        if (a->f != b->f) {                                                                        \
            printf("\n%s: " #f " differs: text %ld, pdu %ld\n", name, (long)a->f, (long)b->f);     \
            CU_FAIL(#f " differs");                                                                \
        }                                                                                          \
    } while (0)

static void compare(const char *name, const struct trap_event *a, const struct trap_event *b)
{
    SAME_STR(source);
    SAME_STR(device);
    SAME_NUM(severity);
    SAME_STR(category);
    SAME_STR(text);
    SAME_STR(trap_oid);
    SAME_STR(trap_name);
    SAME_NUM(alert_op);
    SAME_NUM(dev_index);
    SAME_NUM(alert_index);
    SAME_NUM(removed_index);
    SAME_NUM(alert_severity);
    SAME_NUM(alert_training);
    SAME_NUM(alert_group);
    SAME_NUM(alert_group_index);
    SAME_NUM(alert_location);
    SAME_NUM(alert_code);
    SAME_NUM(cleared_code);
    SAME_NUM(has_hr_errors);
    SAME_NUM(hr_errors);
    SAME_NUM(ignore);
    if ((a->rule == NULL) != (b->rule == NULL) || (a->rule && strcmp(a->rule, b->rule) != 0)) {
        printf("\n%s: rule differs\n", name);
        CU_FAIL("rule differs");
    }
    if (a->version != 0) {
        SAME_NUM(version);
        SAME_STR(community_or_user);
    }
}

static void one_fixture(const char *name, const struct trap_rules *rules, bool text_complete)
{
    char path[2048];
    struct trap_msg ma, mb;
    struct trap_event ea, eb;
    netsnmp_pdu *pdu;
    char src[64];
    size_t len = 0;
    char *buf;
    int rc;

    snprintf(path, sizeof path, "%s/tests/fixtures/trap/%s", top(), name);
    buf = load(path, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
    rc = trap_parse(buf, len, NULL, &ma);
    CU_ASSERT_EQUAL(rc, 0);
    if (rc != 0) {
        printf("\n%s: %s\n", name, ma.error ? ma.error : "?");
        goto out;
    }
    /* the default layout hides version and community: rules that look at
     * them cannot agree, so those fixtures run without rules */
    if (!text_complete && ma.layout == TRAP_LAYOUT_DEFAULT && ma.version == 0)
        rules = NULL;
    pdu = rebuild(&ma);
    if (pdu == NULL) {
        /* only symbolic names of MIBs the handler does not know */
        CU_ASSERT(strncmp(name, "mibs-", 5) == 0 || strncmp(name, "fmtmibs-", 8) == 0);
        n_rebuilt_failed++;
        goto out;
    }
    trapd_pdu_source(pdu, src, sizeof src);
    CU_ASSERT_STRING_EQUAL(src, ma.src_addr);
    rc = trapd_pdu_to_msg(pdu, src, NULL, &mb);
    CU_ASSERT_EQUAL_FATAL(rc, 0);
    trap_translate(&ma, rules, &ea);
    trap_translate(&mb, rules, &eb);
    compare(name, &ea, &eb);
    n_compared++;
    trap_msg_free(&mb);
    snmp_free_pdu(pdu);
out:
    trap_msg_free(&ma);
    free(buf);
}

static int txt_file(const struct dirent *d)
{
    size_t n = strlen(d->d_name);
    return n > 4 && strcmp(d->d_name + n - 4, ".txt") == 0;
}

static void every_fixture(const struct trap_rules *rules)
{
    char dir[2048];
    struct dirent **list = NULL;
    int n, i;

    snprintf(dir, sizeof dir, "%s/tests/fixtures/trap", top());
    n = scandir(dir, &list, txt_file, alphasort);
    CU_ASSERT_FATAL(n > 100);
    n_compared = n_rebuilt_failed = 0;
    for (i = 0; i < n; i++) {
        one_fixture(list[i]->d_name, rules, rules == NULL);
        free(list[i]);
    }
    free(list);
    printf("\n  %d fixtures compared, %d not rebuildable (unknown MIB names)\n", n_compared,
           n_rebuilt_failed);
    /* every layout except the two with symbolic names rebuilds completely */
    CU_ASSERT(n_compared >= n - n_rebuilt_failed);
    CU_ASSERT(n_rebuilt_failed <= n / 4);
}

static void test_same_event_builtin(void)
{
    every_fixture(NULL);
}

static void test_same_event_shipped_rules(void)
{
    char path[2048], err[512];
    struct trap_rules *r = NULL;

    snprintf(path, sizeof path, "%s/conf/trap-rules.conf", top());
    CU_ASSERT_EQUAL_FATAL(trap_rules_load(path, &r, err, sizeof err), 0);
    every_fixture(r);
    trap_rules_free(r);
}

/* What only the PDU front end sees: a v1 Trap-PDU keeps its agent-addr and
 * generic/specific; an octet string that is not printable ASCII is a
 * Hex-STRING (as snmptrapd prints it), shown as hex when not UTF-8. */
static void test_pdu_details(void)
{
    static const oid ent[] = {1, 3, 6, 1, 2, 1, 43, 18, 2};
    static const oid col[] = {1, 3, 6, 1, 4, 1, 1552, 99, 1, 0};
    static const u_char bin[] = {0xde, 0xad, 0xbe, 0xef, 0x00, 0xff};
    netsnmp_pdu *pdu = snmp_pdu_create(SNMP_MSG_TRAP);
    struct trap_msg m;
    char text[256];

    pdu->version = SNMP_VERSION_1;
    pdu->community = (u_char *)strdup("public");
    pdu->community_len = 6;
    pdu->enterprise = snmp_duplicate_objid(ent, sizeof ent / sizeof ent[0]);
    pdu->enterprise_length = sizeof ent / sizeof ent[0];
    pdu->trap_type = 6;
    pdu->specific_type = 1;
    pdu->time = 4242;
    pdu->agent_addr[0] = 192;
    pdu->agent_addr[1] = 0;
    pdu->agent_addr[2] = 2;
    pdu->agent_addr[3] = 7;
    snmp_pdu_add_variable(pdu, col, sizeof col / sizeof col[0], ASN_OCTET_STR, bin, sizeof bin);
    set_source(pdu, "127.0.0.1");
    CU_ASSERT_EQUAL_FATAL(trapd_pdu_to_msg(pdu, "127.0.0.1", NULL, &m), 0);
    CU_ASSERT_STRING_EQUAL(m.src_addr, "127.0.0.1");
    CU_ASSERT_STRING_EQUAL(m.agent_addr, "192.0.2.7");
    CU_ASSERT_STRING_EQUAL(m.trap_oid, "1.3.6.1.2.1.43.18.2.0.1");
    CU_ASSERT_STRING_EQUAL(m.enterprise, "1.3.6.1.2.1.43.18.2");
    CU_ASSERT_EQUAL(m.generic, 6);
    CU_ASSERT_EQUAL(m.specific, 1);
    CU_ASSERT_EQUAL(m.uptime, 4242);
    CU_ASSERT_EQUAL(m.version, 1);
    CU_ASSERT_EQUAL(m.pdu, TRAP_PDU_TRAP);
    CU_ASSERT_STRING_EQUAL(m.community, "public");
    CU_ASSERT_EQUAL_FATAL(m.n_vbs, 1);
    CU_ASSERT_EQUAL(m.vbs[0].type, TV_HEXSTRING);
    CU_ASSERT_EQUAL(m.vbs[0].value_len, sizeof bin);
    trap_varbind_text(&m.vbs[0], text, sizeof text);
    CU_ASSERT_STRING_EQUAL(text, "DE AD BE EF 00 FF");
    trap_msg_free(&m);
    snmp_free_pdu(pdu);
}

/* A printerV2Alert with the printer's own prtAlertDescription: the event
 * uses that text; UTF-8 as text, anything else as hex, never partly
 * decoded. */
static void alert_with_description(const u_char *desc, size_t n, struct trap_event *ev)
{
    static const oid trapoid0[] = {1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0};
    static const oid v2alert[] = {1, 3, 6, 1, 2, 1, 43, 18, 2, 0, 1};
    oid col[] = {1, 3, 6, 1, 2, 1, 43, 18, 1, 1, 0, 1, 4};
    netsnmp_pdu *pdu = snmp_pdu_create(SNMP_MSG_TRAP2);
    struct trap_msg m;
    long sev = 3, group = 8, gi = 1, code = 8;

    pdu->version = SNMP_VERSION_2c;
    pdu->community = (u_char *)strdup("public");
    pdu->community_len = 6;
    snmp_pdu_add_variable(pdu, trapoid0, 11, ASN_OBJECT_ID, v2alert, sizeof v2alert);
    col[10] = 2;
    snmp_pdu_add_variable(pdu, col, 13, ASN_INTEGER, &sev, sizeof sev);
    col[10] = 4;
    snmp_pdu_add_variable(pdu, col, 13, ASN_INTEGER, &group, sizeof group);
    col[10] = 5;
    snmp_pdu_add_variable(pdu, col, 13, ASN_INTEGER, &gi, sizeof gi);
    col[10] = 7;
    snmp_pdu_add_variable(pdu, col, 13, ASN_INTEGER, &code, sizeof code);
    col[10] = 8;
    snmp_pdu_add_variable(pdu, col, 13, ASN_OCTET_STR, desc, n);
    set_source(pdu, "192.0.2.9");
    CU_ASSERT_EQUAL_FATAL(trapd_pdu_to_msg(pdu, "192.0.2.9", NULL, &m), 0);
    trap_translate(&m, NULL, ev);
    trap_msg_free(&m);
    snmp_free_pdu(pdu);
}

static void test_alert_description(void)
{
    static const u_char utf8[] = "Papierstau in Fach 1 \xe2\x80\x93 bitte \xc3\xb6"
                                 "ffnen";
    static const u_char bin[] = {'J', 'a', 'm', 0xde, 0xad, 0xbe, 0xef, 0x00, 0xff};
    struct trap_event ev;

    alert_with_description(utf8, sizeof utf8 - 1, &ev);
    CU_ASSERT_STRING_EQUAL(ev.text, "critical: jam in input 1 on 192.0.2.9 - Papierstau in Fach 1 "
                                    "\xe2\x80\x93 bitte \xc3\xb6"
                                    "ffnen");
    alert_with_description(bin, sizeof bin, &ev);
    CU_ASSERT_STRING_EQUAL(ev.text,
                           "critical: jam in input 1 on 192.0.2.9 - 4A 61 6D DE AD BE EF 00 FF");
}

static void register_trap_frontends_suite(void)
{
    CU_pSuite s = cu_add_suite("trap_frontends", NULL, NULL);
    CU_ADD(s, test_same_event_builtin);
    CU_ADD(s, test_same_event_shipped_rules);
    CU_ADD(s, test_pdu_details);
    CU_ADD(s, test_alert_description);
}

const cu_registrar cu_suites[] = {register_trap_frontends_suite, NULL};
