/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_trap_parse.c: the snmptrapd handler-input parser (trap_parse.h),
 * driven by inputs captured from a real snmptrapd (tests/fixtures/trap/,
 * see its README): every layout (default, -On, MIBs loaded, our format
 * line, format line with MIBs), SNMP version and PDU kind, every value
 * type, multi-line strings, wrapped hex dumps; then typed forms, malformed,
 * truncated and oversized inputs.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cu_runner.h"
#include "trap_parse.h"
#include "trap_util.h"

static char *fixture_path(const char *name, char *buf, size_t bsz)
{
    const char *top = getenv("top_srcdir");

    snprintf(buf, bsz, "%s/tests/fixtures/trap/%s", top ? top : TOP_SRCDIR, name);
    return buf;
}

static char *load(const char *name, size_t *len)
{
    char path[1024];
    FILE *f = fopen(fixture_path(name, path, sizeof path), "rb");
    char *buf;
    size_t n;

    if (f == NULL) {
        fprintf(stderr, "cannot open %s\n", path);
        return NULL;
    }
    buf = malloc(TRAP_MAX_INPUT + 1);
    n = buf ? fread(buf, 1, TRAP_MAX_INPUT, f) : 0;
    fclose(f);
    *len = n;
    return buf;
}

/* Parses a fixture into *m; returns trap_parse()'s result. */
static int parse_fixture(const char *name, struct trap_msg *m)
{
    size_t len = 0;
    char *buf = load(name, &len);
    int rc;

    CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
    rc = trap_parse(buf, len, NULL, m);
    free(buf);
    return rc;
}

static int parse_str(const char *s, struct trap_msg *m)
{
    return trap_parse(s, strlen(s), NULL, m);
}

static const struct trap_varbind *vb_at(const struct trap_msg *m, size_t i)
{
    CU_ASSERT_FATAL(i < m->n_vbs);
    return &m->vbs[i];
}

static void test_all_fixtures_parse(void)
{
    char path[1024];
    DIR *d = opendir(fixture_path("", path, sizeof path));
    struct dirent *de;
    int n = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    while ((de = readdir(d)) != NULL) {
        struct trap_msg m;
        size_t l = strlen(de->d_name);
        int rc;
        if (l < 5 || strcmp(de->d_name + l - 4, ".txt") != 0)
            continue;
        rc = parse_fixture(de->d_name, &m);
        if (rc != 0)
            fprintf(stderr, "%s: %s\n", de->d_name, m.error ? m.error : "?");
        CU_ASSERT_EQUAL(rc, 0);
        CU_ASSERT_EQUAL(m.ok, 1);
        CU_ASSERT_PTR_NULL(m.error);
        if (strncmp(de->d_name, "v6-", 3) == 0) {
            CU_ASSERT_STRING_EQUAL(m.hostname, "<UNKNOWN>");
            CU_ASSERT_STRING_EQUAL(m.src_addr, "::1");
        } else {
            CU_ASSERT_STRING_EQUAL(m.hostname, "localhost");
            CU_ASSERT_STRING_EQUAL(m.src_addr, "127.0.0.1");
        }
        CU_ASSERT_PTR_NOT_NULL(m.trap_oid);
        if (m.trap_oid)
            CU_ASSERT(strncmp(m.trap_oid, "1.3.6.1.", 8) == 0);
        trap_msg_free(&m);
        n++;
    }
    closedir(d);
    /* 5 layouts x 21 cases + 2 over IPv6 (capture.sh) */
    CU_ASSERT_EQUAL(n, 107);
}

static void test_default_v1_converted(void)
{
    struct trap_msg m;

    CU_ASSERT_EQUAL_FATAL(parse_fixture("default-v1-alert.txt", &m), 0);
    CU_ASSERT_EQUAL(m.layout, TRAP_LAYOUT_DEFAULT);
    CU_ASSERT_STRING_EQUAL(m.transport, "UDP: [127.0.0.1]:42211->[127.0.0.1]:24697");
    CU_ASSERT_EQUAL(m.version, 1);
    CU_ASSERT_EQUAL(m.pdu, TRAP_PDU_TRAP);
    CU_ASSERT_STRING_EQUAL(m.community, "public");
    CU_ASSERT_PTR_NULL(m.user);
    CU_ASSERT_STRING_EQUAL(m.agent_addr, "192.0.2.2");
    CU_ASSERT_STRING_EQUAL(m.trap_oid, "1.3.6.1.2.1.43.18.2.0.1");
    CU_ASSERT_STRING_EQUAL(m.enterprise, "1.3.6.1.2.1.43.18.2");
    CU_ASSERT_EQUAL(m.generic, 6);
    CU_ASSERT_EQUAL(m.specific, 1);
    CU_ASSERT_EQUAL(m.uptime, 57747u); /* 0:0:09:37.47 */
    CU_ASSERT_EQUAL(m.n_vbs, 11);
    CU_ASSERT_EQUAL(trap_msg_first_payload(&m), 2);
    CU_ASSERT_STRING_EQUAL(vb_at(&m, 4)->oid, "1.3.6.1.2.1.43.18.1.1.4.1.5");
    CU_ASSERT_EQUAL(vb_at(&m, 4)->type, TV_INTEGER);
    CU_ASSERT_EQUAL(vb_at(&m, 4)->ival, 13);
    CU_ASSERT_EQUAL(vb_at(&m, 8)->type, TV_IPADDRESS);
    CU_ASSERT_EQUAL(vb_at(&m, 10)->type, TV_OID);
    trap_msg_free(&m);

    /* generic trap from a v1 agent: generic from snmpTraps.N */
    CU_ASSERT_EQUAL_FATAL(parse_fixture("default-v1-linkdown.txt", &m), 0);
    CU_ASSERT_EQUAL(m.generic, 2);
    CU_ASSERT_EQUAL(m.specific, 0);
    CU_ASSERT_STRING_EQUAL(m.enterprise, "1.3.6.1.4.1.8072.3.2.10");
    trap_msg_free(&m);
}

static void test_ipv6_transport(void)
{
    struct trap_msg m;

    CU_ASSERT_EQUAL_FATAL(parse_fixture("v6-v1-oce.txt", &m), 0);
    CU_ASSERT_STRING_EQUAL(m.transport, "UDP/IPv6: [::1]:46275");
    CU_ASSERT_STRING_EQUAL(m.src_addr, "::1");
    CU_ASSERT_STRING_EQUAL(m.agent_addr, "192.0.2.40");
    CU_ASSERT_EQUAL(m.version, 1);
    CU_ASSERT_STRING_EQUAL(m.community, "oce-ro");
    trap_msg_free(&m);
    /* no transport address at all: the v1 agent-addr stands in */
    CU_ASSERT_EQUAL_FATAL(parse_str("<UNKNOWN>\n<UNKNOWN>\n"
                                    "iso.3.6.1.6.3.1.1.4.1.0 iso.3.6.1.4.1.1552.20.0.3\n"
                                    "iso.3.6.1.6.3.18.1.3.0 192.0.2.40\n"
                                    "iso.3.6.1.6.3.18.1.4.0 \"c\"\n",
                                    &m),
                          0);
    CU_ASSERT_STRING_EQUAL(m.src_addr, "192.0.2.40");
    trap_msg_free(&m);
}

static void test_default_v2c_v3_inform_unknown_version(void)
{
    static const char *const names[] = {"default-v2c-alert.txt", "default-v3-alert.txt",
                                        "default-inform-alert.txt", "default-v3-inform.txt"};
    size_t i;

    for (i = 0; i < 4; i++) {
        struct trap_msg m;
        CU_ASSERT_EQUAL_FATAL(parse_fixture(names[i], &m), 0);
        CU_ASSERT_EQUAL(m.version, 0); /* indistinguishable in this layout */
        CU_ASSERT_EQUAL(m.pdu, TRAP_PDU_UNKNOWN);
        CU_ASSERT_PTR_NULL(m.community);
        CU_ASSERT_EQUAL(m.generic, -1);
        CU_ASSERT_STRING_EQUAL(m.trap_oid, "1.3.6.1.2.1.43.18.2.0.1");
        trap_msg_free(&m);
    }
}

static void test_format_layout_versions(void)
{
    struct trap_msg m;

    CU_ASSERT_EQUAL_FATAL(parse_fixture("fmt-v2c-alert.txt", &m), 0);
    CU_ASSERT_EQUAL(m.layout, TRAP_LAYOUT_FORMAT);
    CU_ASSERT_EQUAL(m.version, 2);
    CU_ASSERT_EQUAL(m.pdu, TRAP_PDU_TRAP2);
    CU_ASSERT_STRING_EQUAL(m.community, "public");
    CU_ASSERT_STRING_EQUAL(m.agent_addr, "");
    CU_ASSERT_PTR_NULL(m.enterprise);
    trap_msg_free(&m);

    CU_ASSERT_EQUAL_FATAL(parse_fixture("fmt-v3-alert.txt", &m), 0);
    CU_ASSERT_EQUAL(m.version, 3);
    CU_ASSERT_EQUAL(m.pdu, TRAP_PDU_TRAP2);
    CU_ASSERT_PTR_NULL(m.community);
    CU_ASSERT_STRING_EQUAL(m.user, "trapuser");
    CU_ASSERT_STRING_EQUAL(m.context, "printers");
    trap_msg_free(&m);

    CU_ASSERT_EQUAL_FATAL(parse_fixture("fmt-v3-inform.txt", &m), 0);
    CU_ASSERT_EQUAL(m.pdu, TRAP_PDU_INFORM);
    CU_ASSERT_STRING_EQUAL(m.user, "trapuser");
    CU_ASSERT_STRING_EQUAL(m.context, "");
    trap_msg_free(&m);

    CU_ASSERT_EQUAL_FATAL(parse_fixture("fmt-inform-alert.txt", &m), 0);
    CU_ASSERT_EQUAL(m.pdu, TRAP_PDU_INFORM);
    CU_ASSERT_EQUAL(m.version, 2);
    CU_ASSERT_EQUAL(m.uptime, 4242u);
    trap_msg_free(&m);
}

static void test_format_layout_v1_unconverted(void)
{
    struct trap_msg m;

    CU_ASSERT_EQUAL_FATAL(parse_fixture("fmt-v1-oce.txt", &m), 0);
    CU_ASSERT_EQUAL(m.version, 1);
    CU_ASSERT_EQUAL(m.pdu, TRAP_PDU_TRAP);
    CU_ASSERT_STRING_EQUAL(m.community, "oce-ro");
    CU_ASSERT_STRING_EQUAL(m.enterprise, "1.3.6.1.4.1.1552.20");
    CU_ASSERT_EQUAL(m.generic, 6);
    CU_ASSERT_EQUAL(m.specific, 3);
    CU_ASSERT_STRING_EQUAL(m.trap_oid, "1.3.6.1.4.1.1552.20.0.3"); /* RFC 3584 §3.1 */
    CU_ASSERT_EQUAL(m.uptime, 777u);
    CU_ASSERT_STRING_EQUAL(m.agent_addr, "192.0.2.40");
    CU_ASSERT_EQUAL(m.n_vbs, 2); /* no sysUpTime/snmpTrapOID in this mode */
    CU_ASSERT_EQUAL(trap_msg_first_payload(&m), 0);
    trap_msg_free(&m);

    /* no varbinds at all: the empty %v line */
    CU_ASSERT_EQUAL_FATAL(parse_fixture("fmt-v1-coldstart.txt", &m), 0);
    CU_ASSERT_EQUAL(m.n_vbs, 0);
    CU_ASSERT_EQUAL(m.generic, 0);
    CU_ASSERT_STRING_EQUAL(m.trap_oid, "1.3.6.1.6.3.1.1.5.1");
    trap_msg_free(&m);

    /* MIBs loaded: %N and %q are names */
    CU_ASSERT_EQUAL_FATAL(parse_fixture("fmtmibs-v1-alert.txt", &m), 0);
    CU_ASSERT_STRING_EQUAL(m.enterprise, "1.3.6.1.2.1.43.18.2");
    CU_ASSERT_EQUAL(m.specific, 1);
    CU_ASSERT_STRING_EQUAL(m.trap_oid, "1.3.6.1.2.1.43.18.2.0.1");
    trap_msg_free(&m);

    /* a vendor MIB we do not know: the trap OID stays symbolic */
    CU_ASSERT_EQUAL_FATAL(parse_str("PRINTDEV-TRAP 1\nh\nUDP: [192.0.2.1]:1->[127.0.0.1]:2\n"
                                    "TRAP, SNMP v1, community x\n"
                                    "OCE-MIB::oceTraps 6 OCE-MIB::oceTonerLow 5 192.0.2.1\n",
                                    &m),
                          0);
    CU_ASSERT_STRING_EQUAL(m.trap_oid, "OCE-MIB::oceTonerLow");
    CU_ASSERT_STRING_EQUAL(m.enterprise, "OCE-MIB::oceTraps");
    CU_ASSERT_EQUAL(m.specific, -1);
    trap_msg_free(&m);

    CU_ASSERT_EQUAL_FATAL(parse_fixture("fmtmibs-v1-linkdown.txt", &m), 0);
    CU_ASSERT_STRING_EQUAL(m.enterprise, "1.3.6.1.4.1.8072.3.2.10");
    CU_ASSERT_STRING_EQUAL(m.trap_oid, "1.3.6.1.6.3.1.1.5.3");
    trap_msg_free(&m);
}

static void test_oid_spellings(void)
{
    struct trap_msg a, b, c;
    size_t i;

    CU_ASSERT_EQUAL_FATAL(parse_fixture("default-v2c-alert-full.txt", &a), 0);
    CU_ASSERT_EQUAL_FATAL(parse_fixture("on-v2c-alert-full.txt", &b), 0);
    CU_ASSERT_EQUAL_FATAL(parse_fixture("mibs-v2c-alert-full.txt", &c), 0);
    CU_ASSERT_EQUAL_FATAL(a.n_vbs, 11);
    CU_ASSERT_EQUAL_FATAL(b.n_vbs, 11);
    CU_ASSERT_EQUAL_FATAL(c.n_vbs, 11);
    for (i = 0; i < a.n_vbs; i++) {
        CU_ASSERT_STRING_EQUAL(a.vbs[i].oid, b.vbs[i].oid);
        CU_ASSERT_STRING_EQUAL(a.vbs[i].oid, c.vbs[i].oid);
        CU_ASSERT(a.vbs[i].oid_numeric && b.vbs[i].oid_numeric && c.vbs[i].oid_numeric);
    }
    CU_ASSERT_STRING_EQUAL(a.vbs[7].oid, "1.3.6.1.2.1.43.18.1.1.7.3.12");
    CU_ASSERT_STRING_EQUAL(a.vbs[7].value, "30808");
    CU_ASSERT_STRING_EQUAL(c.vbs[7].value, "puncherJam"); /* label only with MIBs */
    CU_ASSERT_EQUAL(c.vbs[7].type, TV_INTEGER);
    CU_ASSERT_STRING_EQUAL(a.trap_oid, c.trap_oid);
    CU_ASSERT_EQUAL(a.uptime, 123456u); /* 0:0:20:34.56 */
    /* hrPrinterDetectedErrorState "04 80 " */
    CU_ASSERT_EQUAL(a.vbs[10].type, TV_HEXSTRING);
    CU_ASSERT_EQUAL(a.vbs[10].value_len, 2);
    CU_ASSERT(memcmp(a.vbs[10].value, "\x04\x80", 2) == 0);
    trap_msg_free(&a);
    trap_msg_free(&b);
    trap_msg_free(&c);

    /* SNMPv2-SMI::snmpModules.18.1.3.0 and NET-SNMP-TC::linux */
    CU_ASSERT_EQUAL_FATAL(parse_fixture("mibs-v1-linkdown.txt", &a), 0);
    CU_ASSERT_EQUAL(a.version, 1);
    CU_ASSERT_STRING_EQUAL(a.agent_addr, "192.0.2.2");
    CU_ASSERT_STRING_EQUAL(a.enterprise, "1.3.6.1.4.1.8072.3.2.10");
    CU_ASSERT_STRING_EQUAL(a.vbs[3].value, "up");
    trap_msg_free(&a);
}

static void test_strings_and_hex(void)
{
    struct trap_msg m;
    const struct trap_varbind *vb;
    static const char wrapped[] = "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f"
                                  "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f"
                                  "\x20\x21";

    CU_ASSERT_EQUAL_FATAL(parse_fixture("default-v2c-strings.txt", &m), 0);
    CU_ASSERT_EQUAL_FATAL(m.n_vbs, 7);
    vb = vb_at(&m, 2);
    CU_ASSERT_EQUAL(vb->type, TV_STRING);
    CU_ASSERT_STRING_EQUAL(vb->value, "two\nlines\twith tab \"quoted\" back\\slash");
    CU_ASSERT_EQUAL(vb->value_len, strlen("two\nlines\twith tab \"quoted\" back\\slash"));
    vb = vb_at(&m, 3);
    CU_ASSERT_EQUAL(vb->type, TV_HEXSTRING);
    CU_ASSERT_EQUAL(vb->value_len, 3);
    CU_ASSERT(memcmp(vb->value, "\x00\xff\x10", 3) == 0);
    vb = vb_at(&m, 4);
    CU_ASSERT_EQUAL(vb->type, TV_HEXSTRING);
    CU_ASSERT_EQUAL(vb->value_len, 34);
    CU_ASSERT(memcmp(vb->value, wrapped, 34) == 0);
    vb = vb_at(&m, 5);
    CU_ASSERT_EQUAL(vb->type, TV_STRING);
    CU_ASSERT_EQUAL(vb->value_len, 0);
    vb = vb_at(&m, 6); /* UTF-8 is "non-printable" for Net-SNMP: hex */
    CU_ASSERT_EQUAL(vb->type, TV_HEXSTRING);
    CU_ASSERT_STRING_EQUAL(vb->value, "Oc\xc3\xa9 caf\xc3\xa9");
    trap_msg_free(&m);

    /* the same value in the format layout with MIBs loaded */
    CU_ASSERT_EQUAL_FATAL(parse_fixture("fmtmibs-v2c-strings.txt", &m), 0);
    CU_ASSERT_STRING_EQUAL(vb_at(&m, 2)->value, "two\nlines\twith tab \"quoted\" back\\slash");
    CU_ASSERT_STRING_EQUAL(vb_at(&m, 2)->oid, "1.3.6.1.4.1.1552.99.1.0");
    trap_msg_free(&m);
}

static void test_every_type(void)
{
    struct trap_msg m;
    static const struct {
        enum trap_vtype t;
        const char *value;
        long long ival;
    } want[] = {
        {TV_INTEGER, "-42", -42},
        {TV_INTEGER, "4294967295", 4294967295LL}, /* Gauge32: no type in quick-print */
        {TV_INTEGER, "123456", 123456},
        {TV_COUNTER64, "18446744073709551615", 9223372036854775807LL},
        {TV_TIMETICKS, "1:0:00:01.23", 8640123},
        {TV_IPADDRESS, "192.0.2.7", 0},
        {TV_OID, "1.3.6.1.4.1.1552.20.10.2.6160", 0},
        {TV_NULL, "", 0},
        {TV_HEXSTRING, "\x84\x40", 0}, /* BITS */
        {TV_INTEGER, "7", 7},
        {TV_INTEGER, "-7", -7},
        {TV_OPAQUE, "1.500000", 0},
        {TV_OPAQUE, "2.250000", 0},
        {TV_STRING, "plain text", 0},
    };
    size_t i;

    CU_ASSERT_EQUAL_FATAL(parse_fixture("default-v2c-types.txt", &m), 0);
    CU_ASSERT_EQUAL_FATAL(m.n_vbs, 2 + sizeof want / sizeof want[0]);
    CU_ASSERT_EQUAL(m.uptime, 99u);
    for (i = 0; i < sizeof want / sizeof want[0]; i++) {
        const struct trap_varbind *vb = vb_at(&m, i + 2);
        CU_ASSERT_EQUAL(vb->type, want[i].t);
        CU_ASSERT_STRING_EQUAL(vb->value, want[i].value);
        CU_ASSERT_EQUAL(vb->ival, want[i].ival);
    }
    trap_msg_free(&m);
}

static void test_typed_forms(void)
{
    struct trap_msg m;
    const char *in = "localhost\n"
                     "UDP: [192.0.2.9]:1234->[127.0.0.1]:2697\n"
                     "iso.3.6.1.2.1.1.3.0 = Timeticks: (12) 0:00:00.12\n"
                     "iso.3.6.1.6.3.1.1.4.1.0 = OID: iso.3.6.1.2.1.43.18.2.0.1\n"
                     ".1.3.6.1.4.1.99.1 = STRING: \"a \\\"b\\\"\"\n"
                     ".1.3.6.1.4.1.99.2 = INTEGER: critical(3)\n"
                     ".1.3.6.1.4.1.99.3 = Hex-STRING: 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F \n"
                     "10 11 \n"
                     ".1.3.6.1.4.1.99.4 = Counter32: 5\n"
                     ".1.3.6.1.4.1.99.5 = Gauge32: 6\n"
                     ".1.3.6.1.4.1.99.6 = Counter64: 7\n"
                     ".1.3.6.1.4.1.99.7 = IpAddress: 192.0.2.1\n"
                     ".1.3.6.1.4.1.99.8 = Opaque: Float: 1.500000\n"
                     ".1.3.6.1.4.1.99.9 = NULL\n"
                     ".1.3.6.1.4.1.99.10 STRING: \"quick-print off\"\n"
                     ".1.3.6.1.4.1.99.11 = UInteger32: 8\n";

    CU_ASSERT_EQUAL_FATAL(parse_str(in, &m), 0);
    CU_ASSERT_STRING_EQUAL(m.src_addr, "192.0.2.9");
    CU_ASSERT_EQUAL(m.uptime, 12u);
    CU_ASSERT_STRING_EQUAL(m.trap_oid, "1.3.6.1.2.1.43.18.2.0.1");
    CU_ASSERT_EQUAL_FATAL(m.n_vbs, 13);
    CU_ASSERT_STRING_EQUAL(m.vbs[2].value, "a \"b\"");
    CU_ASSERT_EQUAL(m.vbs[3].type, TV_INTEGER);
    CU_ASSERT_EQUAL(m.vbs[3].ival, 3);
    CU_ASSERT_EQUAL(m.vbs[4].type, TV_HEXSTRING);
    CU_ASSERT_EQUAL(m.vbs[4].value_len, 18);
    CU_ASSERT_EQUAL((unsigned char)m.vbs[4].value[17], 0x11);
    CU_ASSERT_EQUAL(m.vbs[5].type, TV_COUNTER32);
    CU_ASSERT_EQUAL(m.vbs[5].ival, 5);
    CU_ASSERT_EQUAL(m.vbs[6].type, TV_GAUGE32);
    CU_ASSERT_EQUAL(m.vbs[7].type, TV_COUNTER64);
    CU_ASSERT_EQUAL(m.vbs[7].ival, 7);
    CU_ASSERT_EQUAL(m.vbs[8].type, TV_IPADDRESS);
    CU_ASSERT_EQUAL(m.vbs[9].type, TV_OPAQUE);
    CU_ASSERT_STRING_EQUAL(m.vbs[9].value, "1.500000");
    CU_ASSERT_EQUAL(m.vbs[10].type, TV_NULL);
    CU_ASSERT_STRING_EQUAL(m.vbs[11].value, "quick-print off");
    CU_ASSERT_EQUAL(m.vbs[12].type, TV_GAUGE32);
    CU_ASSERT_EQUAL(m.vbs[12].ival, 8);
    trap_msg_free(&m);

    /* raw Opaque, IPv6 transport, CRLF line ends, enum form name(N) */
    CU_ASSERT_EQUAL_FATAL(parse_str("h\r\nUDP/IPv6: [::1]:5->[::1]:2697\r\n"
                                    "iso.3.6.1.6.3.1.1.4.1.0 iso.3.6.1.6.3.1.1.5.1\r\n"
                                    "iso.3.6.1.4.1.99.1 01 02 FF \r\n"
                                    "iso.3.6.1.4.1.99.2 up(1)\r\n"
                                    "iso.3.6.1.4.1.99.3 (123) 0:00:01.23\r\n",
                                    &m),
                          0);
    CU_ASSERT_STRING_EQUAL(m.hostname, "h");
    CU_ASSERT_STRING_EQUAL(m.src_addr, "::1");
    CU_ASSERT_EQUAL(m.vbs[1].type, TV_OPAQUE);
    CU_ASSERT_EQUAL(m.vbs[1].value_len, 3);
    CU_ASSERT_EQUAL(m.vbs[2].ival, 1);
    CU_ASSERT_EQUAL(m.vbs[3].type, TV_TIMETICKS);
    CU_ASSERT_EQUAL(m.vbs[3].ival, 123);
    trap_msg_free(&m);
}

static void expect_error(const char *in, size_t len, int code, const char *msg_part)
{
    struct trap_msg m;
    int rc = trap_parse(in, len, NULL, &m);

    CU_ASSERT_EQUAL(rc, -code);
    CU_ASSERT_EQUAL(m.ok, 0);
    CU_ASSERT_PTR_NOT_NULL(m.error);
    if (m.error && msg_part && strstr(m.error, msg_part) == NULL) {
        fprintf(stderr, "error '%s' lacks '%s'\n", m.error, msg_part);
        CU_FAIL("error message");
    }
    trap_msg_free(&m);
}

#define EXPECT_ERROR(s, code, part) expect_error((s), strlen(s), (code), (part))

static void test_malformed(void)
{
    struct trap_msg m;

    EXPECT_ERROR("", TRAP_E_EMPTY, "empty input");
    CU_ASSERT_EQUAL(trap_parse(NULL, 10, NULL, &m), -TRAP_E_EMPTY);
    trap_msg_free(&m);
    CU_ASSERT_EQUAL(trap_parse("x", 1, NULL, NULL), -TRAP_E_INVAL);
    EXPECT_ERROR("localhost", TRAP_E_TRUNCATED, "line 2: input ends after the hostname");
    EXPECT_ERROR("localhost\nUDP: [127.0.0.1]:1->[127.0.0.1]:2\n", TRAP_E_TRUNCATED,
                 "no varbinds");
    EXPECT_ERROR("h\nt\niso.3.6.1.2 \"unterminated\n", TRAP_E_TRUNCATED,
                 "line 3: unterminated string");
    EXPECT_ERROR("h\nt\niso.3.6.1.2 \"x\" y\n", TRAP_E_SYNTAX, "line 3: text after a string");
    EXPECT_ERROR("h\nt\niso.3.6.1.2\n", TRAP_E_SYNTAX, "line 3: varbind without a value");
    EXPECT_ERROR("h\nt\n!bad 1\n", TRAP_E_SYNTAX, "not an OID");
    EXPECT_ERROR("h\nt\n\x01\x02 3\n", TRAP_E_SYNTAX, "not an OID");
    EXPECT_ERROR("PRINTDEV-TRAP 2\nh\nt\n", TRAP_E_SYNTAX, "unsupported PRINTDEV-TRAP layout");
    EXPECT_ERROR("PRINTDEV-TRAP 1\nh\nt\nTRAP3, SNMP v1, community x\n. 0 0 0\n", TRAP_E_SYNTAX,
                 "line 4: expected the PDU");
    EXPECT_ERROR("PRINTDEV-TRAP 1\nh\nt\nTRAP2, SNMP v9, community x\n. 0 0 0\n", TRAP_E_SYNTAX,
                 "unknown SNMP version");
    EXPECT_ERROR("PRINTDEV-TRAP 1\nh\nt\nTRAP, SNMP v1, community x\nx 9 1 0\n", TRAP_E_SYNTAX,
                 "bad generic-trap");
    EXPECT_ERROR("PRINTDEV-TRAP 1\nh\nt\nTRAP, SNMP v1, community x\n.1.3 6 -5 0\n",
                 TRAP_E_SYNTAX, "bad specific-trap");
    EXPECT_ERROR("PRINTDEV-TRAP 1\nh\nt\nTRAP2, SNMP v2c, community x\n", TRAP_E_TRUNCATED,
                 "before the enterprise line");
    EXPECT_ERROR("PRINTDEV-TRAP 1\nh\nt\nTRAP2, SNMP v3, community x\n. 0 0 0\n", TRAP_E_SYNTAX,
                 "no user");
    /* partial result kept: source and trap OID before the bad line */
    CU_ASSERT_EQUAL(parse_str("h\nUDP: [192.0.2.3]:1->[127.0.0.1]:2\n"
                              "iso.3.6.1.6.3.1.1.4.1.0 iso.3.6.1.4.1.1552.1\n"
                              "iso.3.6.1.4.1.1552.2 \"open\n",
                              &m),
                    -TRAP_E_TRUNCATED);
    CU_ASSERT_STRING_EQUAL(m.src_addr, "192.0.2.3");
    CU_ASSERT_STRING_EQUAL(m.trap_oid, "1.3.6.1.4.1.1552.1");
    CU_ASSERT_EQUAL(m.n_vbs, 1);
    trap_msg_free(&m);
    trap_msg_free(&m); /* twice is fine */
}

static void test_limits(void)
{
    struct trap_msg m;
    struct trap_parse_opts o;
    size_t big = TRAP_MAX_INPUT + 100, i, pos;
    char *buf = malloc(big + 64 * 1024);

    CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
    /* oversized input */
    memset(buf, 'a', big);
    memcpy(buf, "h\nt\n", 4);
    CU_ASSERT_EQUAL(trap_parse(buf, big, NULL, &m), -TRAP_E_TOOBIG);
    CU_ASSERT_PTR_NOT_NULL(m.error);
    trap_msg_free(&m);

    /* too many varbinds: the first 256 are kept */
    pos = (size_t)sprintf(buf, "h\nt\n");
    for (i = 0; i < 300; i++)
        pos += (size_t)sprintf(buf + pos, "iso.3.6.1.4.1.9.%zu %zu\n", i, i);
    CU_ASSERT_EQUAL(trap_parse(buf, pos, NULL, &m), -TRAP_E_TOOBIG);
    CU_ASSERT_EQUAL(m.n_vbs, TRAP_MAX_VARBINDS);
    CU_ASSERT_PTR_NOT_NULL(strstr(m.error, "more than 256 varbinds"));
    trap_msg_free(&m);

    /* smaller limits by option */
    memset(&o, 0, sizeof o);
    o.max_varbinds = 3;
    CU_ASSERT_EQUAL(trap_parse(buf, pos, &o, &m), -TRAP_E_TOOBIG);
    CU_ASSERT_EQUAL(m.n_vbs, 3);
    trap_msg_free(&m);
    o.max_varbinds = 0;
    o.max_input = 100;
    CU_ASSERT_EQUAL(trap_parse(buf, pos, &o, &m), -TRAP_E_TOOBIG);
    trap_msg_free(&m);

    /* a line over the line limit */
    memset(&o, 0, sizeof o);
    o.max_line = 50;
    pos = (size_t)sprintf(buf, "h\nt\niso.3.6.1.4.1.9.1 1\niso.3.6.1.4.1.9.2 \"");
    memset(buf + pos, 'x', 80);
    pos += 80;
    pos += (size_t)sprintf(buf + pos, "\"\n");
    CU_ASSERT_EQUAL(trap_parse(buf, pos, &o, &m), -TRAP_E_TOOBIG);
    CU_ASSERT_EQUAL(m.n_vbs, 1);
    trap_msg_free(&m);

    /* a long but legal multi-line string */
    pos = (size_t)sprintf(buf, "h\nt\niso.3.6.1.4.1.9.2 \"");
    for (i = 0; i < 1000; i++)
        pos += (size_t)sprintf(buf + pos, "line %zu\n", i);
    pos += (size_t)sprintf(buf + pos, "\"\n");
    CU_ASSERT_EQUAL(trap_parse(buf, pos, NULL, &m), 0);
    CU_ASSERT_EQUAL(m.n_vbs, 1);
    trap_msg_free(&m);
    free(buf);
}

/* Every prefix of real inputs: never a crash, an error or a clean parse. */
static void test_truncated_fixtures(void)
{
    static const char *const names[] = {"default-v2c-strings.txt", "fmt-v3-alert.txt",
                                        "fmtmibs-v1-finisher.txt", "mibs-v2c-types.txt"};
    size_t k, cut;

    for (k = 0; k < 4; k++) {
        size_t len;
        char *buf = load(names[k], &len);
        CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
        for (cut = 0; cut <= len; cut++) {
            struct trap_msg m;
            char *copy = malloc(cut ? cut : 1);
            int rc;
            memcpy(copy, buf, cut);
            rc = trap_parse(copy, cut, NULL, &m);
            CU_ASSERT(rc == 0 || (rc < 0 && m.error != NULL));
            CU_ASSERT(m.n_vbs <= TRAP_MAX_VARBINDS);
            trap_msg_free(&m);
            free(copy);
        }
        free(buf);
    }
}

static void test_oid_normalize(void)
{
    char out[128];

#define NORM(in, want)                                                                             \
    do {                                                                                           \
        int r_ = trap_oid_normalize((in), strlen(in), out, sizeof out);                            \
        CU_ASSERT(r_ >= 0);                                                                        \
        if (r_ >= 0)                                                                               \
            CU_ASSERT_STRING_EQUAL(out, (want));                                                   \
    } while (0)
    NORM("iso.3.6.1", "1.3.6.1");
    NORM(".1.3.6.1.2.1.1.3.0", "1.3.6.1.2.1.1.3.0");
    NORM("1.3.6", "1.3.6");
    NORM("SNMPv2-MIB::snmpTrapOID.0", "1.3.6.1.6.3.1.1.4.1.0");
    NORM("DISMAN-EVENT-MIB::sysUpTimeInstance", "1.3.6.1.2.1.1.3.0");
    NORM("Printer-MIB::printerV2Alert", "1.3.6.1.2.1.43.18.2.0.1");
    NORM("prtAlertCode.1.5", "1.3.6.1.2.1.43.18.1.1.7.1.5");
    NORM("HOST-RESOURCES-MIB::hrPrinterDetectedErrorState.1", "1.3.6.1.2.1.25.3.5.1.2.1");
    NORM("SNMPv2-SMI::enterprises.1552", "1.3.6.1.4.1.1552");
    NORM("PRINTDEV-MIB::printdevFeedConnected", "1.3.6.1.4.1.8072.9999.4300.0.1");
    CU_ASSERT_EQUAL(trap_oid_normalize("FOO::unknownThing.1", 19, out, sizeof out), -1);
    CU_ASSERT_EQUAL(trap_oid_normalize("1..3", 4, out, sizeof out), -1);
    CU_ASSERT_EQUAL(trap_oid_normalize("1.3.", 4, out, sizeof out), -1);
    CU_ASSERT_EQUAL(trap_oid_normalize("prtAlertCode.\"x\"", 16, out, sizeof out), -1);
    CU_ASSERT_EQUAL(trap_oid_normalize("", 0, out, sizeof out), -1);
    CU_ASSERT_EQUAL(trap_oid_normalize("printerV2Alert", 14, out, 8), -1);
#undef NORM
}

static void test_helpers(void)
{
    struct trap_msg m;

    CU_ASSERT_EQUAL_FATAL(parse_fixture("default-v2c-alert.txt", &m), 0);
    CU_ASSERT_PTR_NOT_NULL(trap_msg_find(&m, "1.3.6.1.2.1.43.18.1.1.7.1.5"));
    CU_ASSERT_PTR_NOT_NULL(trap_msg_find(&m, "1.3.6.1.2.1.43.18.1.1.7."));
    CU_ASSERT_PTR_NULL(trap_msg_find(&m, "1.3.6.1.2.1.43.18.1.1.7"));
    CU_ASSERT_PTR_NULL(trap_msg_find(NULL, "1."));
    trap_msg_free(&m);
    CU_ASSERT_STRING_EQUAL(trap_vtype_name(TV_HEXSTRING), "Hex-STRING");
    CU_ASSERT_STRING_EQUAL(trap_vtype_name((enum trap_vtype)99), "other");
    CU_ASSERT_STRING_EQUAL(trap_pdu_name(TRAP_PDU_INFORM), "inform");
    CU_ASSERT_STRING_EQUAL(trap_pdu_name(TRAP_PDU_UNKNOWN), "unknown");
    trap_msg_free(NULL);
}

static void test_escape(void)
{
    char out[64];
    size_t pos = 0;

    trap_escape_append(out, sizeof out, &pos, "a\n\t\\\x01\x7f\xc3\xa9\xff", 9);
    CU_ASSERT_STRING_EQUAL(out, "a\\n\\t\\\\\\x01\\x7f\xc3\xa9\\xff");
    /* never splits an escape at the end of the buffer */
    pos = 0;
    trap_escape_append(out, 6, &pos, "abcd\n", 5);
    CU_ASSERT_STRING_EQUAL(out, "abcd");
    pos = 0;
    trap_escape_append(out, 5, &pos, "ab\xc3\xa9", 4);
    CU_ASSERT_STRING_EQUAL(out, "ab\xc3\xa9");
    pos = 0;
    trap_escape_append(out, 4, &pos, "ab\xc3\xa9", 4);
    CU_ASSERT_STRING_EQUAL(out, "ab");
    /* C1 controls (U+0080, U+0085, U+009B CSI, U+009F) are escaped like C0
     * ones, byte by byte; U+00A0 and U+00E9 next to them are text; a lone
     * 0x9B (CSI in an 8-bit charset) and a truncated sequence are escaped */
    pos = 0;
    trap_escape_append(out, sizeof out, &pos,
                       "\xc2\x80\xc2\x85\xc2\x9b"
                       "1m\xc2\x9f\xc2\xa0\xc3\xa9",
                       14);
    CU_ASSERT_STRING_EQUAL(out, "\\xc2\\x80\\xc2\\x85\\xc2\\x9b1m\\xc2\\x9f\xc2\xa0\xc3\xa9");
    pos = 0;
    trap_escape_append(out, sizeof out, &pos, "x\x9b[2Jy\xc2", 7);
    CU_ASSERT_STRING_EQUAL(out, "x\\x9b[2Jy\\xc2");
    /* the buffer ends between escapes, never inside one */
    pos = 0;
    trap_escape_append(out, 6, &pos, "ab\xc2\x9b", 4);
    CU_ASSERT_STRING_EQUAL(out, "ab");
}

static void register_trap_parse_suite(void)
{
    CU_pSuite s = cu_add_suite("trap_parse", NULL, NULL);

    CU_ADD(s, test_all_fixtures_parse);
    CU_ADD(s, test_default_v1_converted);
    CU_ADD(s, test_ipv6_transport);
    CU_ADD(s, test_default_v2c_v3_inform_unknown_version);
    CU_ADD(s, test_format_layout_versions);
    CU_ADD(s, test_format_layout_v1_unconverted);
    CU_ADD(s, test_oid_spellings);
    CU_ADD(s, test_strings_and_hex);
    CU_ADD(s, test_every_type);
    CU_ADD(s, test_typed_forms);
    CU_ADD(s, test_malformed);
    CU_ADD(s, test_limits);
    CU_ADD(s, test_truncated_fixtures);
    CU_ADD(s, test_oid_normalize);
    CU_ADD(s, test_helpers);
    CU_ADD(s, test_escape);
}

const cu_registrar cu_suites[] = {register_trap_parse_suite, NULL};
