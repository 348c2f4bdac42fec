/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_trap_translate.c: the built-in translator (trap_translate.h): the
 * exact sentence, severity, category and alert state for every captured
 * trap kind in every layout, unknown values, escaping, closing codes,
 * hrPrinterDetectedErrorState bits, unparsed input and templates.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cu_runner.h"
#include "trap_translate.h"

static char *load(const char *name, size_t *len)
{
    const char *top = getenv("top_srcdir");
    char path[1024];
    FILE *f;
    char *buf;

    snprintf(path, sizeof path, "%s/tests/fixtures/trap/%s", top ? top : TOP_SRCDIR, name);
    f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    buf = malloc(TRAP_MAX_INPUT + 1);
    *len = buf ? fread(buf, 1, TRAP_MAX_INPUT, f) : 0;
    fclose(f);
    return buf;
}

/* parse + translate a fixture (rules may be NULL) */
static int translate_fixture(const char *name, const struct trap_rules *r, struct trap_event *ev)
{
    struct trap_msg m;
    size_t len = 0;
    char *buf = load(name, &len);
    int rc;

    CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
    rc = trap_parse(buf, len, NULL, &m);
    if (rc == 0)
        trap_translate(&m, r, ev);
    else
        trap_event_unparsed(&m, r, ev);
    trap_msg_free(&m);
    free(buf);
    return rc;
}

static void translate_str(const char *in, const struct trap_rules *r, struct trap_event *ev)
{
    struct trap_msg m;

    if (trap_parse(in, strlen(in), NULL, &m) == 0)
        trap_translate(&m, r, ev);
    else
        trap_event_unparsed(&m, r, ev);
    trap_msg_free(&m);
}

struct expect {
    const char *file; /* without the layout prefix */
    enum trap_sev sev;
    const char *category;
    int op;
    long dev, alert, removed;
    const char *text;
    const char *device; /* NULL: the sender, 127.0.0.1 */
};

static const struct expect cases[] = {
    {"v1-alert.txt", TRAP_SEV_CRITICAL, "printer-alert", TRAP_ALERT_ADD, 1, 5, -1,
     "critical: jam in mediaPath 1 (location 4001) on 192.0.2.2 via 127.0.0.1",
     "192.0.2.2"},
    {"v2c-alert.txt", TRAP_SEV_CRITICAL, "printer-alert", TRAP_ALERT_ADD, 1, 5, -1,
     "critical: jam in mediaPath 1 (location 4001) on 127.0.0.1"},
    {"v3-alert.txt", TRAP_SEV_CRITICAL, "printer-alert", TRAP_ALERT_ADD, 2, 17, -1,
     "critical: inputMediaSupplyEmpty in input 100 on 127.0.0.1 printer 2"},
    {"inform-alert.txt", TRAP_SEV_CRITICAL, "printer-alert", TRAP_ALERT_ADD, 1, 6, -1,
     "critical: markerTonerEmpty in markerSupplies 1 on 127.0.0.1"},
    {"v3-inform.txt", TRAP_SEV_WARNING, "printer-alert", TRAP_ALERT_ADD, 1, 7, -1,
     "warningBinaryChangeEvent: outputMediaTrayFull in output 2 on 127.0.0.1"},
    {"v2c-removal.txt", TRAP_SEV_INFO, "printer-alert", TRAP_ALERT_REMOVE, 1, 9, 5,
     "cleared: alert 5 on 127.0.0.1"},
    {"v2c-alert-full.txt", TRAP_SEV_CRITICAL, "printer-alert", TRAP_ALERT_ADD, 3, 12, -1,
     "critical: puncherJam in finDevice 2 (location 7) on 127.0.0.1 printer 3 [fieldService] - "
     "Puncher "
     "jam at \"exit\" \\\\ clear it; printer state: jammed,inputTrayMissing"},
    {"v1-finisher.txt", TRAP_SEV_WARNING, "printer-alert", TRAP_ALERT_ADD, 1, 10, -1,
     "warningBinaryChangeEvent: staplerEmpty in finDevice 1 on 192.0.2.2 via 127.0.0.1 [untrained] - Stapler "
     "1 is empty",
     "192.0.2.2"},
    {"v1-coldstart.txt", TRAP_SEV_NOTICE, "generic", TRAP_ALERT_NONE, -1, -1, -1,
     "coldStart on 192.0.2.2 via 127.0.0.1",
     "192.0.2.2"},
    {"v2c-coldstart.txt", TRAP_SEV_NOTICE, "generic", TRAP_ALERT_NONE, -1, -1, -1,
     "coldStart on 127.0.0.1"},
    {"v1-linkdown.txt", TRAP_SEV_WARNING, "generic", TRAP_ALERT_NONE, -1, -1, -1,
     "linkDown on 192.0.2.2 via 127.0.0.1 (ifIndex 2)",
     "192.0.2.2"},
    {"v2c-linkup.txt", TRAP_SEV_INFO, "generic", TRAP_ALERT_NONE, -1, -1, -1,
     "linkUp on 127.0.0.1 (ifIndex 3)"},
    {"v1-authfail.txt", TRAP_SEV_WARNING, "generic", TRAP_ALERT_NONE, -1, -1, -1,
     "authenticationFailure on 192.0.2.2 via 127.0.0.1",
     "192.0.2.2"},
    {"v2c-feed-connected.txt", TRAP_SEV_INFO, "printdev", TRAP_ALERT_NONE, 1, -1, -1,
     "printdevFeedConnected: feed connected for device prod-1 on 127.0.0.1"},
    {"v2c-feed-disconnected.txt", TRAP_SEV_WARNING, "printdev", TRAP_ALERT_NONE, 1, -1, -1,
     "printdevFeedDisconnected: feed disconnected for device prod-1 on 127.0.0.1"},
    {"v1-oce.txt", TRAP_SEV_INFO, "unknown", TRAP_ALERT_NONE, -1, -1, -1,
     "trap 1.3.6.1.4.1.1552.20.0.3 on 192.0.2.40 via 127.0.0.1: 1.3.6.1.4.1.1552.99.1.0=\"Toner low\"; "
     "1.3.6.1.4.1.1552.99.10.0=2",
     "192.0.2.40"},
    {"v2c-oce.txt", TRAP_SEV_INFO, "unknown", TRAP_ALERT_NONE, -1, -1, -1,
     "trap 1.3.6.1.4.1.1552.20.0.5 on 127.0.0.1: 1.3.6.1.4.1.1552.99.1.0=\"Job 1073751825 "
     "stapled\""},
    {"v2c-vendor.txt", TRAP_SEV_INFO, "unknown", TRAP_ALERT_NONE, -1, -1, -1,
     "trap 1.3.6.1.4.1.11.2.3.9.7.1.0.1 on 127.0.0.1: "
     "1.3.6.1.4.1.11.2.3.9.4.2.1.1.1.0=\"Tray 2 empty\""},
    {"v2c-strings.txt", TRAP_SEV_INFO, "unknown", TRAP_ALERT_NONE, -1, -1, -1,
     "trap 1.3.6.1.4.1.1552.20.0.7 on 127.0.0.1: 1.3.6.1.4.1.1552.99.1.0=\"two\\nlines\\twith "
     "tab \\\"quoted\\\" back\\\\slash\"; 1.3.6.1.4.1.1552.99.2.0=00 FF 10; "
     "1.3.6.1.4.1.1552.99.3.0=00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F 10 11 12 13 14 15 "
     "16 17 18 19 1A 1B 1C 1D 1E 1F 20 21; 1.3.6.1.4.1.1552.99.4.0=\"\"; "
     "1.3.6.1.4.1.1552.99.5.0=4F 63 C3 A9 20 63 61 66 C3 A9"},
};

/* Every layout gives the same event, except the unknown-trap listings of
 * enum values, which show the labels snmptrapd printed with MIBs loaded. */
static void test_fixture_sentences(void)
{
    static const char *const layouts[] = {"default-", "on-", "fmt-", "mibs-", "fmtmibs-"};
    size_t i, l;

    for (l = 0; l < 5; l++) {
        for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
            struct trap_event ev;
            char name[128];
            snprintf(name, sizeof name, "%s%s", layouts[l], cases[i].file);
            CU_ASSERT_EQUAL_FATAL(translate_fixture(name, NULL, &ev), 0);
            if (strcmp(ev.text, cases[i].text) != 0)
                fprintf(stderr, "\n%s:\n  got  %s\n  want %s\n", name, ev.text, cases[i].text);
            CU_ASSERT_STRING_EQUAL(ev.text, cases[i].text);
            CU_ASSERT_EQUAL(ev.severity, cases[i].sev);
            CU_ASSERT_STRING_EQUAL(ev.category, cases[i].category);
            CU_ASSERT_EQUAL(ev.alert_op, cases[i].op);
            CU_ASSERT_EQUAL(ev.dev_index, cases[i].dev);
            CU_ASSERT_EQUAL(ev.alert_index, cases[i].alert);
            CU_ASSERT_EQUAL(ev.removed_index, cases[i].removed);
            CU_ASSERT_STRING_EQUAL(ev.source, "127.0.0.1");
            /* a v1 trap's printer is its agent-addr (192.0.2.x in the
             * captures), shown with the sender */
            CU_ASSERT_STRING_EQUAL(ev.device, cases[i].device ? cases[i].device : "127.0.0.1");
            CU_ASSERT_STRING_EQUAL(ev.agent, cases[i].device ? cases[i].device : "");
            CU_ASSERT_FALSE(ev.ignore);
            CU_ASSERT_PTR_NULL(ev.action);
            CU_ASSERT_FALSE(ev.unparsed);
        }
    }
}

static void test_alert_fields_and_identity(void)
{
    struct trap_event ev;

    CU_ASSERT_EQUAL_FATAL(translate_fixture("v6-v2c-coldstart.txt", NULL, &ev), 0);
    CU_ASSERT_STRING_EQUAL(ev.text, "coldStart on ::1");
    CU_ASSERT_STRING_EQUAL(ev.source, "::1");

    CU_ASSERT_EQUAL_FATAL(translate_fixture("mibs-v2c-alert-full.txt", NULL, &ev), 0);
    CU_ASSERT_EQUAL(ev.alert_severity, 3);
    CU_ASSERT_EQUAL(ev.alert_training, 5);
    CU_ASSERT_EQUAL(ev.alert_group, 30);
    CU_ASSERT_EQUAL(ev.alert_group_index, 2);
    CU_ASSERT_EQUAL(ev.alert_location, 7);
    CU_ASSERT_EQUAL(ev.alert_code, 30808);
    CU_ASSERT_EQUAL(ev.cleared_code, 0);
    CU_ASSERT_TRUE(ev.has_hr_errors);
    CU_ASSERT_EQUAL(ev.hr_errors, (1u << 5) | (1u << 8)); /* 04 80 */
    CU_ASSERT_STRING_EQUAL(ev.trap_oid, "1.3.6.1.2.1.43.18.2.0.1");
    CU_ASSERT_STRING_EQUAL(ev.trap_name, "printerV2Alert");

    CU_ASSERT_EQUAL_FATAL(translate_fixture("fmt-v3-alert.txt", NULL, &ev), 0);
    CU_ASSERT_EQUAL(ev.version, 3);
    CU_ASSERT_STRING_EQUAL(ev.community_or_user, "trapuser");
    CU_ASSERT_EQUAL(ev.alert_location, -2);
    CU_ASSERT_EQUAL(ev.alert_training, 0);

    CU_ASSERT_EQUAL_FATAL(translate_fixture("fmt-v1-alert.txt", NULL, &ev), 0);
    CU_ASSERT_EQUAL(ev.version, 1);
    CU_ASSERT_STRING_EQUAL(ev.community_or_user, "public");
    CU_ASSERT_STRING_EQUAL(ev.trap_name, "printerV2Alert");

    CU_ASSERT_EQUAL_FATAL(translate_fixture("default-v2c-hrerror.txt", NULL, &ev), 0);
    CU_ASSERT_STRING_EQUAL(ev.category, "printer-state");
    CU_ASSERT_EQUAL(ev.severity, TRAP_SEV_CRITICAL);
    CU_ASSERT_EQUAL(ev.dev_index, 1);
    CU_ASSERT_STRING_EQUAL(ev.text, "trap 1.3.6.1.4.1.1552.20.0.9 on 127.0.0.1: "
                                    "1.3.6.1.2.1.25.3.5.1.2.1=44 C0; 1.3.6.1.2.1.25.3.2.1.5.1=5; "
                                    "1.3.6.1.2.1.25.3.5.1.1.1=1; printer state: "
                                    "noPaper,jammed,inputTrayMissing,outputTrayMissing");
}

#define HDR "h\nUDP: [192.0.2.5]:1->[127.0.0.1]:2697\n"
#define ALERT_OID "iso.3.6.1.6.3.1.1.4.1.0 iso.3.6.1.2.1.43.18.2.0.1\n"
#define A "iso.3.6.1.2.1.43.18.1.1."

static void test_unknown_values_and_escaping(void)
{
    struct trap_event ev;

    translate_str(HDR ALERT_OID A "2.7.40 9\n" A "4.7.40 77\n" A "5.7.40 -1\n" A "6.7.40 -2\n" A
                                  "7.7.40 9999\n" A "3.7.40 42\n" A
                                  "8.7.40 \"bad\x1b[31m\ttext\"\n",
                  NULL, &ev);
    CU_ASSERT_STRING_EQUAL(ev.text, "unknown(9): unknown(9999) in unknown(77) on 192.0.2.5 "
                                    "printer 7 [unknown(42)] - bad\\x1b[31m\\ttext");
    CU_ASSERT_EQUAL(ev.severity, TRAP_SEV_NOTICE);
    CU_ASSERT_EQUAL(ev.alert_op, TRAP_ALERT_UNARY);
    CU_ASSERT_EQUAL(ev.dev_index, 7);
    CU_ASSERT_EQUAL(ev.alert_index, 40);
    /* C1 controls (U+009B CSI, U+0085 NEL) in valid UTF-8 are escaped as C0
     * ones */
    translate_str(HDR ALERT_OID A "2.7.41 3\n" A "4.7.41 8\n" A "5.7.41 1\n" A "6.7.41 -2\n" A
                                  "7.7.41 801\n" A
                                  "8.7.41 \"csi\xc2\x9b[31m nel\xc2\x85.\"\n",
                  NULL, &ev);
    CU_ASSERT_STRING_EQUAL(ev.text, "critical: inputMediaTrayMissing in input 1 on 192.0.2.5 "
                                    "printer 7 - csi\\xc2\\x9b[31m nel\\xc2\\x85.");
    /* a raw 0x9B byte makes the text invalid UTF-8 as a whole: shown as hex */
    translate_str(HDR ALERT_OID A "2.7.42 3\n" A "4.7.42 8\n" A "5.7.42 1\n" A "6.7.42 -2\n" A
                                  "7.7.42 801\n" A "8.7.42 \"raw\x9b[2J\"\n",
                  NULL, &ev);
    CU_ASSERT_STRING_EQUAL(ev.text, "critical: inputMediaTrayMissing in input 1 on 192.0.2.5 "
                                    "printer 7 - 72 61 77 9B 5B 32 4A");

    /* a unary warning(4) and a label we cannot resolve */
    translate_str(HDR ALERT_OID A "2.1.3 warning\n" A "4.1.3 input\n" A "5.1.3 2\n" A
                                  "7.1.3 newFancyCode\n",
                  NULL, &ev);
    CU_ASSERT_STRING_EQUAL(ev.text, "warning: newFancyCode in input 2 on 192.0.2.5");
    CU_ASSERT_EQUAL(ev.alert_op, TRAP_ALERT_UNARY);
    CU_ASSERT_EQUAL(ev.severity, TRAP_SEV_WARNING);
    CU_ASSERT_EQUAL(ev.alert_group, 8);

    /* varbinds out of order: matched by column, indexes from the suffix */
    translate_str(HDR ALERT_OID A "7.2.8 808\n" A "1.2.8 8\n" A "2.2.8 3\n" A "4.2.8 8\n", NULL,
                  &ev);
    CU_ASSERT_STRING_EQUAL(ev.text,
                           "critical: inputMediaSupplyEmpty in input on 192.0.2.5 printer 2");
    CU_ASSERT_EQUAL(ev.dev_index, 2);
    CU_ASSERT_EQUAL(ev.alert_index, 8);

    /* hrPrinterDetectedErrorState with the unassigned bit 15, 1 octet as text */
    translate_str(HDR "iso.3.6.1.6.3.1.1.4.1.0 iso.3.6.1.4.1.9.1\n"
                      "iso.3.6.1.2.1.25.3.5.1.2.4 \"00 01 \"\n",
                  NULL, &ev);
    CU_ASSERT_PTR_NOT_NULL(strstr(ev.text, "; printer state: unknown(15)"));
    CU_ASSERT_EQUAL(ev.severity, TRAP_SEV_INFO);
    CU_ASSERT_EQUAL(ev.dev_index, 4);
    translate_str(HDR "iso.3.6.1.6.3.1.1.4.1.0 iso.3.6.1.4.1.9.1\n"
                      "iso.3.6.1.2.1.25.3.5.1.2.4 \"@\"\n",
                  NULL, &ev);
    CU_ASSERT_EQUAL(ev.hr_errors, 1u << 1); /* 0x40 = noPaper */
    CU_ASSERT_PTR_NOT_NULL(strstr(ev.text, "printer state: noPaper"));

    /* no snmpTrapOID at all */
    translate_str(HDR "iso.3.6.1.4.1.9.9 1\n", NULL, &ev);
    CU_ASSERT_STRING_EQUAL(ev.text,
                           "trap (no snmpTrapOID) on 192.0.2.5: 1.3.6.1.4.1.9.9=1");
    CU_ASSERT_STRING_EQUAL(ev.category, "unknown");
}

static void test_closing_codes(void)
{
    struct trap_event ev;

    translate_str(HDR ALERT_OID A "1.1.20 20\n" A "2.1.20 4\n" A "4.1.20 6\n" A "5.1.20 1\n" A
                                  "7.1.20 4\n",
                  NULL, &ev);
    CU_ASSERT_EQUAL(ev.alert_op, TRAP_ALERT_REMOVE);
    CU_ASSERT_EQUAL(ev.cleared_code, 3);
    CU_ASSERT_EQUAL(ev.removed_index, -1);
    CU_ASSERT_EQUAL(ev.alert_code, 4);
    CU_ASSERT_EQUAL(ev.severity, TRAP_SEV_INFO);
    CU_ASSERT_STRING_EQUAL(ev.text, "warning: coverClosed in cover 1 on 192.0.2.5");

    translate_str(HDR ALERT_OID A "2.1.21 4\n" A "4.1.21 30\n" A "7.1.21 30404\n", NULL, &ev);
    CU_ASSERT_EQUAL(ev.alert_op, TRAP_ALERT_REMOVE);
    CU_ASSERT_EQUAL(ev.cleared_code, 30403); /* folderCoverOpen */
    CU_ASSERT_STRING_EQUAL(ev.text, "warning: folderCoverClosed in finDevice on 192.0.2.5");

    translate_str(HDR ALERT_OID A "2.1.22 4\n" A "4.1.22 5\n" A "7.1.22 502\n", NULL, &ev);
    CU_ASSERT_EQUAL(ev.cleared_code, 501);

    /* 1801 without a group index */
    translate_str(HDR ALERT_OID A "2.1.23 4\n" A "7.1.23 1801\n", NULL, &ev);
    CU_ASSERT_EQUAL(ev.alert_op, TRAP_ALERT_REMOVE);
    CU_ASSERT_EQUAL(ev.removed_index, -1);
    CU_ASSERT_STRING_EQUAL(ev.text, "cleared: alert unknown on 192.0.2.5");
}

static void test_unparsed(void)
{
    struct trap_event ev;

    translate_str("h\nUDP: [192.0.2.8]:1->[127.0.0.1]:2697\n"
                  "iso.3.6.1.6.3.1.1.4.1.0 iso.3.6.1.4.1.1552.3\n"
                  "iso.3.6.1.4.1.1552.4 \"open\x07\n",
                  NULL, &ev);
    CU_ASSERT_TRUE(ev.unparsed);
    CU_ASSERT_STRING_EQUAL(ev.category, "unparsed");
    CU_ASSERT_EQUAL(ev.severity, TRAP_SEV_WARNING);
    CU_ASSERT_STRING_EQUAL(ev.text, "unparsed trap input from 192.0.2.8: line 4: unterminated "
                                    "string value (trap 1.3.6.1.4.1.1552.3)");
    trap_event_unparsed(NULL, NULL, &ev);
    CU_ASSERT_STRING_EQUAL(ev.text, "unparsed trap input from unknown: unknown error");
    CU_ASSERT_EQUAL(trap_translate(NULL, NULL, &ev), -1);
}

static void test_rules_rename_and_template(void)
{
    static const char rules[] = "device 127.0.0.0/8 lab\n"
                                "device 127.0.0.1 prod-1\n"
                                "rule jam\n"
                                "  trap printerV2Alert\n"
                                "  varbind prtAlertCode.* = jam\n"
                                "  category jams\n"
                                "  severity warning\n"
                                "  message [$severity/$category] $text (code ${1.3.6.1.2.1.43.18.1.1.7.}, "
                                "$$5, v$version $community, up $uptime, trap $trapname)\n"
                                "end\n"
                                "rule oce\n"
                                "  enterprise 1.3.6.1.4.1.1552.*\n"
                                "  device oce-$1\n"
                                "end\n";
    struct trap_rules *r = NULL;
    struct trap_event ev;
    char err[256];

    CU_ASSERT_EQUAL_FATAL(trap_rules_parse(rules, sizeof rules - 1, "t.conf", &r, err, sizeof err),
                          0);
    CU_ASSERT_EQUAL_FATAL(translate_fixture("fmtmibs-v1-alert.txt", r, &ev), 0);
    CU_ASSERT_STRING_EQUAL(ev.device, "prod-1");
    CU_ASSERT_STRING_EQUAL(ev.rule, "jam");
    CU_ASSERT_STRING_EQUAL(ev.text, "[warning/jams] critical: jam in mediaPath 1 (location 4001) "
                                    "on prod-1 via 127.0.0.1 (code 8, $5, v1 public, up 58663, trap "
                                    "printerV2Alert)");
    /* the device template uses trap data, escaped */
    CU_ASSERT_EQUAL_FATAL(translate_fixture("default-v2c-strings.txt", r, &ev), 0);
    CU_ASSERT_STRING_EQUAL(ev.device, "oce-two\\nlines\\twith tab \"quoted\" back\\\\slash");
    CU_ASSERT_PTR_NOT_NULL(strstr(ev.text, " on oce-two\\nlines"));
    trap_rules_free(r);
}

/* Two printers (hrDeviceIndex 1 and 2) behind one agent address: the
 * sentences tell them apart, "device ADDR#INDEX" names each one. */
#define LO "h\nUDP: [127.0.0.1]:40001->[127.0.0.1]:2697\n"
#define JAM(d) ALERT_OID A "1." d ".1 1\n" A "2." d ".1 3\n" A "4." d ".1 13\n" A "5." d ".1 1\n" \
    A "6." d ".1 6\n" A "7." d ".1 8\n"
#define CLEARED(d) ALERT_OID A "1." d ".2 2\n" A "2." d ".2 4\n" A "4." d ".2 18\n" \
    A "5." d ".2 1\n" A "6." d ".2 -2\n" A "7." d ".2 1801\n"

static void test_printers_on_one_host(void)
{
    static const char named[] = "device 127.0.0.1 lab\n"
                                "device 127.0.0.1#1 prod-1\n"
                                "device 127.0.0.1#2 office-1\n"
                                "rule rename\n"
                                "  varbind 1.3.6.1.2.1.43.18.1.1.7.3.* = 8\n"
                                "  device renamed\n"
                                "end\n"
                                "rule fmt\n"
                                "  varbind 1.3.6.1.2.1.43.18.1.1.7.4.* = 8\n"
                                "  message $device/$printer: $text\n"
                                "end\n";
    struct trap_rules *r = NULL;
    struct trap_event ev;
    char err[256];

    /* no names: the address, with the printer number for d != 1 */
    translate_str(LO JAM("1"), NULL, &ev);
    CU_ASSERT_STRING_EQUAL(ev.text, "critical: jam in mediaPath 1 (location 6) on 127.0.0.1");
    CU_ASSERT_EQUAL(ev.dev_index, 1);
    CU_ASSERT_FALSE(ev.device_per_printer);
    translate_str(LO JAM("2"), NULL, &ev);
    CU_ASSERT_STRING_EQUAL(ev.text,
                           "critical: jam in mediaPath 1 (location 6) on 127.0.0.1 printer 2");
    CU_ASSERT_STRING_EQUAL(ev.device, "127.0.0.1");
    CU_ASSERT_EQUAL(ev.dev_index, 2);
    CU_ASSERT_EQUAL(ev.alert_index, 1);
    translate_str(LO CLEARED("2"), NULL, &ev);
    CU_ASSERT_STRING_EQUAL(ev.text, "cleared: alert 1 on 127.0.0.1 printer 2");
    CU_ASSERT_EQUAL(ev.dev_index, 2);
    CU_ASSERT_EQUAL(ev.removed_index, 1);
    translate_str(LO CLEARED("1"), NULL, &ev);
    CU_ASSERT_STRING_EQUAL(ev.text, "cleared: alert 1 on 127.0.0.1");

    CU_ASSERT_EQUAL_FATAL(trap_rules_parse(named, sizeof named - 1, "t.conf", &r, err, sizeof err),
                          0);
    /* "device ADDR#INDEX" first */
    translate_str(LO JAM("1"), r, &ev);
    CU_ASSERT_STRING_EQUAL(ev.text, "critical: jam in mediaPath 1 (location 6) on prod-1");
    CU_ASSERT_STRING_EQUAL(ev.device, "prod-1");
    CU_ASSERT_STRING_EQUAL(ev.source, "127.0.0.1");
    CU_ASSERT_TRUE(ev.device_per_printer);
    translate_str(LO JAM("2"), r, &ev);
    CU_ASSERT_STRING_EQUAL(ev.text, "critical: jam in mediaPath 1 (location 6) on office-1");
    CU_ASSERT_STRING_EQUAL(ev.device, "office-1");
    CU_ASSERT_TRUE(ev.device_per_printer);
    translate_str(LO CLEARED("2"), r, &ev);
    CU_ASSERT_STRING_EQUAL(ev.text, "cleared: alert 1 on office-1");
    CU_ASSERT_STRING_EQUAL(ev.device, "office-1");
    /* then the address entry, with the printer number */
    translate_str(LO CLEARED("5"), r, &ev);
    CU_ASSERT_STRING_EQUAL(ev.text, "cleared: alert 1 on lab printer 5");
    CU_ASSERT_STRING_EQUAL(ev.device, "lab");
    CU_ASSERT_FALSE(ev.device_per_printer);
    /* a rule's device action may cover several printers: the number stays */
    translate_str(LO JAM("3"), r, &ev);
    CU_ASSERT_STRING_EQUAL(ev.text,
                           "critical: jam in mediaPath 1 (location 6) on renamed printer 3");
    CU_ASSERT_STRING_EQUAL(ev.device, "renamed");
    CU_ASSERT_FALSE(ev.device_per_printer);
    /* $printer in templates */
    translate_str(LO JAM("4"), r, &ev);
    CU_ASSERT_STRING_EQUAL(ev.text,
                           "lab/4: critical: jam in mediaPath 1 (location 6) on lab printer 4");
    /* another sender: no entry applies */
    translate_str(HDR JAM("2"), r, &ev);
    CU_ASSERT_STRING_EQUAL(ev.text,
                           "critical: jam in mediaPath 1 (location 6) on 192.0.2.5 printer 2");
    /* traps without hrDeviceIndex keep the address name */
    translate_str(LO "iso.3.6.1.6.3.1.1.4.1.0 iso.3.6.1.6.3.1.1.5.1\n", r, &ev);
    CU_ASSERT_STRING_EQUAL(ev.text, "coldStart on lab");
    CU_ASSERT_EQUAL(ev.dev_index, -1);
    trap_rules_free(r);
}

static void test_template_expand(void)
{
    struct trap_msg m;
    struct trap_event ev;
    char out[64];
    const char *in = HDR "iso.3.6.1.2.1.1.3.0 0:0:00:01.00\n"
                         "iso.3.6.1.6.3.1.1.4.1.0 iso.3.6.1.4.1.9.0.1\n"
                         "iso.3.6.1.4.1.9.1 \"a\"\n"
                         "iso.3.6.1.4.1.9.2 \"b\"\n"
                         "iso.3.6.1.4.1.9.3 \"c\"\n"
                         "iso.3.6.1.4.1.9.4 \"d\"\n"
                         "iso.3.6.1.4.1.9.5 \"e\"\n"
                         "iso.3.6.1.4.1.9.6 \"f\"\n"
                         "iso.3.6.1.4.1.9.7 \"g\"\n"
                         "iso.3.6.1.4.1.9.8 \"h\"\n"
                         "iso.3.6.1.4.1.9.9 \"i\"\n"
                         "iso.3.6.1.4.1.9.10 \"j\x01\"\n";

    CU_ASSERT_EQUAL_FATAL(trap_parse(in, strlen(in), NULL, &m), 0);
    trap_translate(&m, NULL, &ev);
    trap_template_expand("$1$9${10}${11}$0$x${nope}$", &m, &ev, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "aij\\x01$0$");
    trap_template_expand("${1.3.6.1.4.1.9.2}|${1.3.6.1.4.1.9.1}|${1.3.6.1.4.1.9.}|${9.9}", &m, &ev,
                         out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "b|a|a|");
    trap_template_expand("${source} $source $uptime ${unterminated", &m, &ev, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "192.0.2.5 192.0.2.5 100 ${unterminated");
    /* truncation keeps the terminator */
    CU_ASSERT(trap_template_expand("$text", &m, &ev, out, 8) <= 7);
    CU_ASSERT_EQUAL(strlen(out), 7);
    trap_msg_free(&m);
}

static void test_names_and_values(void)
{
    enum trap_sev s;
    struct trap_varbind vb;
    char out[32];
    long v;

    CU_ASSERT_STRING_EQUAL(trap_sev_name(TRAP_SEV_CRITICAL), "critical");
    CU_ASSERT_STRING_EQUAL(trap_sev_name((enum trap_sev)42), "unknown");
    CU_ASSERT_EQUAL(trap_sev_from_name("WARN", &s), 0);
    CU_ASSERT_EQUAL(s, TRAP_SEV_WARNING);
    CU_ASSERT_EQUAL(trap_sev_from_name("err", &s), 0);
    CU_ASSERT_EQUAL(s, TRAP_SEV_CRITICAL);
    CU_ASSERT_EQUAL(trap_sev_from_name("loud", &s), -1);

    memset(&vb, 0, sizeof vb);
    vb.oid = (char *)"1.3.6.1.2.1.43.18.1.1.7.1.1";
    vb.oid_numeric = true;
    vb.type = TV_INTEGER;
    vb.value = (char *)"subunitEmpty";
    vb.value_len = strlen(vb.value);
    CU_ASSERT_EQUAL(trap_varbind_int(&vb, &v), 0);
    CU_ASSERT_EQUAL(v, 13);
    vb.oid = (char *)"1.3.6.1.4.1.9.9";
    CU_ASSERT_EQUAL(trap_varbind_int(&vb, &v), -1);
    vb.type = TV_OPAQUE;
    vb.value = (char *)"\x01\xff";
    vb.value_len = 2;
    CU_ASSERT_EQUAL(trap_varbind_text(&vb, out, sizeof out), 5);
    CU_ASSERT_STRING_EQUAL(out, "01 FF");
    vb.value = (char *)"1.5";
    vb.value_len = 3;
    trap_varbind_text(&vb, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "1.5");
}

static void register_trap_translate_suite(void)
{
    CU_pSuite s = cu_add_suite("trap_translate", NULL, NULL);

    CU_ADD(s, test_fixture_sentences);
    CU_ADD(s, test_alert_fields_and_identity);
    CU_ADD(s, test_unknown_values_and_escaping);
    CU_ADD(s, test_closing_codes);
    CU_ADD(s, test_unparsed);
    CU_ADD(s, test_rules_rename_and_template);
    CU_ADD(s, test_printers_on_one_host);
    CU_ADD(s, test_template_expand);
    CU_ADD(s, test_names_and_values);
}

const cu_registrar cu_suites[] = {register_trap_translate_suite, NULL};
