/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_trap_rules.c: the rules file (trap_rules.h, printdev-trap-rules(5)):
 * the shipped conf/trap-rules.conf loads, every syntax error is reported
 * with its file:line, settings and device naming, and the matching
 * semantics (first match, continue, every match kind, ignore, exec) over
 * captured traps; plus the address, glob and OID-pattern helpers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cu_runner.h"
#include "trap_translate.h"
#include "trap_util.h"

static const char *top(void)
{
    const char *t = getenv("top_srcdir");
    return t ? t : TOP_SRCDIR;
}

static struct trap_rules *parse_ok(const char *text)
{
    struct trap_rules *r = NULL;
    char err[256];

    if (trap_rules_parse(text, strlen(text), "t.conf", &r, err, sizeof err) != 0) {
        fprintf(stderr, "unexpected error: %s\n", err);
        CU_FAIL("rules did not parse");
    }
    return r;
}

static int translate_fixture(const char *name, const struct trap_rules *r, struct trap_event *ev)
{
    char path[1024];
    FILE *f;
    static char buf[TRAP_MAX_INPUT];
    size_t n;
    struct trap_msg m;
    int rc;

    snprintf(path, sizeof path, "%s/tests/fixtures/trap/%s", top(), name);
    f = fopen(path, "rb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    rc = trap_parse(buf, n, NULL, &m);
    if (rc == 0)
        trap_translate(&m, r, ev);
    trap_msg_free(&m);
    return rc;
}

static void test_shipped_file(void)
{
    struct trap_rules *r = NULL;
    struct trap_event ev;
    char path[1024], err[512];

    snprintf(path, sizeof path, "%s/conf/trap-rules.conf", top());
    if (trap_rules_load(path, &r, err, sizeof err) != 0)
        fprintf(stderr, "%s\n", err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_EQUAL(trap_rules_count(r), 4);
    CU_ASSERT_STRING_EQUAL(trap_rules_syslog_facility(r), "daemon");
    CU_ASSERT_STRING_EQUAL(trap_rules_syslog_ident(r), "printdev-traphandle");
    CU_ASSERT_EQUAL(trap_rules_storm_window(r), 60);
    CU_ASSERT_EQUAL(trap_rules_storm_limit(r), 20);
    CU_ASSERT_PTR_NULL(trap_rules_jsonl_path(r));
    CU_ASSERT_PTR_NULL(trap_rules_db_path(r));

    CU_ASSERT_EQUAL(translate_fixture("fmt-v1-oce.txt", r, &ev), 0);
    CU_ASSERT_STRING_EQUAL(ev.rule, "oce-v1");
    CU_ASSERT_STRING_EQUAL(ev.category, "oce");
    CU_ASSERT_EQUAL(ev.severity, TRAP_SEV_NOTICE);
    /* the printer is the v1 agent-addr, 127.0.0.1 only relayed it */
    CU_ASSERT_STRING_EQUAL(ev.text, "Océ v1 trap 1.3.6.1.4.1.1552.20.0.3 (uptime 777) on "
                                    "192.0.2.40: Toner low");
    CU_ASSERT_EQUAL(translate_fixture("mibs-v2c-oce.txt", r, &ev), 0);
    CU_ASSERT_STRING_EQUAL(ev.rule, "oce-enterprise");
    CU_ASSERT_STRING_EQUAL(ev.text, "Océ trap 1.3.6.1.4.1.1552.20.0.5 on 127.0.0.1: Job "
                                    "1073751825 stapled");
    /* the removal rule matches numbers and, with MIBs loaded, labels */
    CU_ASSERT_EQUAL(translate_fixture("default-v2c-removal.txt", r, &ev), 0);
    CU_ASSERT_STRING_EQUAL(ev.rule, "alert-removal");
    CU_ASSERT_STRING_EQUAL(ev.category, "printer-alert-cleared");
    CU_ASSERT_EQUAL(translate_fixture("fmtmibs-v2c-removal.txt", r, &ev), 0);
    CU_ASSERT_STRING_EQUAL(ev.rule, "alert-removal");
    CU_ASSERT_EQUAL(translate_fixture("mibs-v2c-alert-full.txt", r, &ev), 0);
    CU_ASSERT_STRING_EQUAL(ev.rule, "printer-service");
    CU_ASSERT_STRING_EQUAL(ev.category, "printer-service");
    CU_ASSERT_EQUAL(ev.severity, TRAP_SEV_CRITICAL);
    CU_ASSERT_EQUAL(translate_fixture("default-v2c-alert.txt", r, &ev), 0);
    CU_ASSERT_PTR_NULL(ev.rule);
    CU_ASSERT_STRING_EQUAL(ev.category, "printer-alert");
    trap_rules_free(r);
}

/* The device-name examples commented out in the shipped file hold when
 * switched on, and name the two printers of one agent apart. */
static void test_shipped_device_examples(void)
{
    char path[1024], line[512], text[4096];
    size_t pos = 0;
    FILE *f;
    struct trap_rules *r;

    snprintf(path, sizeof path, "%s/conf/trap-rules.conf", top());
    f = fopen(path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    text[0] = '\0';
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "# device ", 9) == 0 && pos + strlen(line) < sizeof text) {
            memcpy(text + pos, line + 2, strlen(line + 2) + 1);
            pos += strlen(line + 2);
        }
    }
    fclose(f);
    r = parse_ok(text);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_STRING_EQUAL(trap_rules_device_name(r, "10.1.3.5"), "print-server");
    CU_ASSERT_STRING_EQUAL(trap_rules_printer_name(r, "10.1.3.5", 1), "prod-1");
    CU_ASSERT_STRING_EQUAL(trap_rules_printer_name(r, "10.1.3.5", 2), "office-1");
    CU_ASSERT_PTR_NULL(trap_rules_printer_name(r, "10.1.3.5", 3));
    CU_ASSERT_STRING_EQUAL(trap_rules_device_name(r, "10.1.2.17"), "varioprint-6330-east");
    trap_rules_free(r);
}

static void test_load_errors(void)
{
    struct trap_rules *r = (struct trap_rules *)&r;
    char err[256];

    CU_ASSERT_EQUAL(trap_rules_load("/nonexistent/trap-rules.conf", &r, err, sizeof err), -1);
    CU_ASSERT_PTR_NULL(r);
    CU_ASSERT_STRING_EQUAL(err, "/nonexistent/trap-rules.conf: No such file or directory");
    CU_ASSERT_EQUAL(trap_rules_load("/", &r, err, sizeof err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "not a regular file"));
    CU_ASSERT_EQUAL(trap_rules_load(NULL, &r, err, sizeof err), -1);
}

static void test_syntax_errors(void)
{
    static const struct {
        const char *text;
        const char *err;
    } cases[] = {
        {"bogus 1\n", "t.conf:1: unknown keyword 'bogus'"},
        {"# c\n\nstorm window x\n", "t.conf:3: bad storm window 'x' (0..86400)"},
        {"storm window -1\n", "t.conf:1: bad storm window '-1' (0..86400)"},
        {"storm limit 0\n", "t.conf:1: bad storm limit '0' (1..1000000)"},
        {"storm burst 3\n", "t.conf:1: unknown storm setting 'burst' (window, limit)"},
        {"syslog facility local9\n", "t.conf:1: unknown syslog facility 'local9'"},
        {"syslog ident\n", "t.conf:1: 'syslog' needs 'facility NAME' or 'ident NAME'"},
        {"jsonl relative.jsonl\n", "t.conf:1: 'jsonl' needs an absolute path: 'relative.jsonl'"},
        {"db /a\ndb /b\n", "t.conf:2: 'db' given twice"},
        {"device 10.0.0.0/33 x\n", "t.conf:1: bad address or network '10.0.0.0/33'"},
        {"device 10.0.0.1\n",
         "t.conf:1: 'device' needs an address or network (optionally #hrDeviceIndex) and a name"},
        {"device 127.0.0.1#1 a\n\ndevice 127.0.0.1#0 b\n",
         "t.conf:3: bad hrDeviceIndex '0' in '127.0.0.1#0' (1..2147483647)"},
        {"device 127.0.0.1#2147483648 b\n",
         "t.conf:1: bad hrDeviceIndex '2147483648' in '127.0.0.1#2147483648' (1..2147483647)"},
        {"device 127.0.0.1#99999999999999999999 b\n",
         "t.conf:1: bad hrDeviceIndex '99999999999999999999' in"},
        {"device 127.0.0.1#-1 b\n", "t.conf:1: bad hrDeviceIndex '-1' in '127.0.0.1#-1'"},
        {"device 127.0.0.1#+2 b\n", "t.conf:1: bad hrDeviceIndex '+2' in '127.0.0.1#+2'"},
        {"device 127.0.0.1# b\n", "t.conf:1: bad hrDeviceIndex '' in '127.0.0.1#'"},
        {"device 127.0.0.1#2x b\n", "t.conf:1: bad hrDeviceIndex '2x' in '127.0.0.1#2x'"},
        {"device 127.0.0.1#2#3 b\n", "t.conf:1: bad hrDeviceIndex '2#3' in '127.0.0.1#2#3'"},
        {"device /8#2 b\n", "t.conf:1: bad address or network '/8'"},
        {"device printer#2 b\n", "t.conf:1: bad address or network 'printer'"},
        {"device 127.0.0.1 #2 b\n", "t.conf:1: 'device' needs an address or network"},
        {"device 127.0.0.1#2 a\nname 127.0.0.1/32#2 b\n",
         "t.conf:2: '127.0.0.1/32#2' names the same printer twice"},
        {"device 10.0.0.1 a\nname 10.0.0.1 b\n",
         "t.conf:2: '10.0.0.1' names the same address or network twice"},
        {"end\n", "t.conf:1: 'end' without 'rule'"},
        {"rule a\n", "t.conf:1: rule 'a' has no 'end'"},
        {"rule a\nend\nrule a\nend\n", "t.conf:3: rule 'a' already defined at line 1"},
        {"rule a\n rule b\nend\n", "t.conf:2: 'rule' inside rule 'a' (missing 'end'?)"},
        {"rule a\n trap 1.3.x\nend\n",
         "t.conf:2: bad OID pattern '1.3.x' (numeric or a known name, optionally ending in .*)"},
        {"rule a\n trap 1.3.*.4\nend\n", "t.conf:2: bad OID pattern '1.3.*.4'"},
        {"rule a\n trap\nend\n", "t.conf:2: 'trap' needs at least one OID pattern"},
        {"rule a\n source 10.1.1.300\nend\n", "t.conf:2: bad address or network '10.1.1.300'"},
        {"rule a\n version 2d\nend\n", "t.conf:2: bad SNMP version '2d' (1, 2c or 3)"},
        {"rule a\n varbind 1.3.6 == 1\nend\n",
         "t.conf:2: 'varbind' needs: OID-PATTERN = VALUE, or OID-PATTERN ~ GLOB"},
        {"rule a\n severity loud\nend\n",
         "t.conf:2: 'severity' needs one of critical, warning, notice, info"},
        {"rule a\n severity info\n severity info\nend\n", "t.conf:3: severity given twice"},
        {"rule a\n category has/slash\nend\n",
         "t.conf:2: category may hold only letters, digits, '-', '_', '.'"},
        {"rule a\n category 12345678901234567890123456789012\nend\n",
         "t.conf:2: category must have 1 to 31 characters"},
        {"rule a\n device 10.0.0.1 x\nend\n", "t.conf:2: inside a rule 'device' takes one name"},
        {"rule a\n message\nend\n", "t.conf:2: 'message' needs a template"},
        {"rule a\n ignore now\nend\n", "t.conf:2: 'ignore' takes no arguments"},
        {"rule a\n exec bin/page\nend\n",
         "t.conf:2: exec program must be an absolute path: 'bin/page'"},
        {"rule a\n exec timeout=0 /bin/true\nend\n",
         "t.conf:2: bad exec timeout '0' (1..3600 seconds)"},
        {"rule a\n exec timeout=5\nend\n", "t.conf:2: 'exec' needs a program path"},
        {"rule a\n exec /bin/a\n exec /bin/b\nend\n", "t.conf:3: exec given twice in one rule"},
        {"rule a\n frobnicate\nend\n", "t.conf:2: unknown keyword 'frobnicate' in rule 'a'"},
        {"rule a\n message \"open\nend\n", "t.conf:2: unterminated quoted string"},
        {"rule a\n message a\"b\nend\n", "t.conf:2: quote inside a word"},
        {"rule a\n message \"a\"b\nend\n", "t.conf:2: text right after a closing quote"},
        {"rule a\n message x\x01y\nend\n", "t.conf:2: control character in the line"},
        {"rule a\nend x\n", "t.conf:2: 'end' takes no arguments"},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct trap_rules *r = NULL;
        char err[256];
        int rc = trap_rules_parse(cases[i].text, strlen(cases[i].text), "t.conf", &r, err,
                                  sizeof err);
        CU_ASSERT_EQUAL(rc, -1);
        CU_ASSERT_PTR_NULL(r);
        if (strncmp(err, cases[i].err, strlen(cases[i].err)) != 0) {
            fprintf(stderr, "\ncase %zu: got '%s'\n   want '%s'\n", i, err, cases[i].err);
            CU_FAIL("error message");
        }
    }
}

static void test_limits_and_quoting(void)
{
    struct trap_rules *r = NULL;
    char err[128], *big;
    size_t i;
    struct trap_event ev;

    big = malloc(5000);
    CU_ASSERT_PTR_NOT_NULL_FATAL(big);
    memset(big, 'x', 4999);
    big[4999] = '\0';
    CU_ASSERT_EQUAL(trap_rules_parse(big, 4999, "t.conf", &r, err, sizeof err), -1);
    CU_ASSERT_STRING_EQUAL(err, "t.conf:1: line longer than 4096 bytes");
    free(big);
    CU_ASSERT_EQUAL(trap_rules_parse("x", TRAP_RULES_MAX_FILE + 1, "t.conf", &r, err, sizeof err),
                    -1);
    /* a tiny error buffer is still terminated */
    CU_ASSERT_EQUAL(trap_rules_parse("bogus\n", 6, "t.conf", &r, err, 5), -1);
    CU_ASSERT_EQUAL(strlen(err), 4);

    /* quotes, escapes, comments, CRLF, empty file */
    r = parse_ok("");
    CU_ASSERT_EQUAL(trap_rules_count(r), 0);
    CU_ASSERT_STRING_EQUAL(trap_rules_syslog_ident(r), "printdev-traphandle");
    trap_rules_free(r);
    r = parse_ok("rule \"q r\"   # comment\r\n"
                 "\ttrap *\r\n"
                 "  message \"a  \\\"b\\\" \\\\ #c\"   d#e\r\n"
                 "end\r\n"
                 "jsonl none\n"
                 "db /var/lib/x.db\n");
    CU_ASSERT_STRING_EQUAL(trap_rules_jsonl_path(r), "");
    CU_ASSERT_STRING_EQUAL(trap_rules_db_path(r), "/var/lib/x.db");
    CU_ASSERT_EQUAL(translate_fixture("default-v2c-coldstart.txt", r, &ev), 0);
    CU_ASSERT_STRING_EQUAL(ev.rule, "q r");
    CU_ASSERT_STRING_EQUAL(ev.text, "a  \"b\" \\ #c d#e");
    trap_rules_free(r);
    for (i = 0; i < 3; i++)
        trap_rules_free(NULL);
    CU_ASSERT_EQUAL(trap_rules_storm_window(NULL), TRAP_RULES_DEFAULT_STORM_WINDOW);
    CU_ASSERT_PTR_NULL(trap_rules_device_name(NULL, "10.0.0.1"));
}

static void test_device_names(void)
{
    struct trap_rules *r = parse_ok("device 10.0.0.0/8 site\n"
                                    "device 10.1.2.0/24 prod-floor-2\n"
                                    "name 10.1.2.17 varioprint-east\n"
                                    "device 2001:db8::/32 v6-site\n"
                                    "device 127.0.0.1 prod-1\n");

    CU_ASSERT_STRING_EQUAL(trap_rules_device_name(r, "10.1.2.17"), "varioprint-east");
    CU_ASSERT_STRING_EQUAL(trap_rules_device_name(r, "10.1.2.18"), "prod-floor-2");
    CU_ASSERT_STRING_EQUAL(trap_rules_device_name(r, "10.9.9.9"), "site");
    CU_ASSERT_STRING_EQUAL(trap_rules_device_name(r, "::ffff:10.1.2.17"), "varioprint-east");
    CU_ASSERT_STRING_EQUAL(trap_rules_device_name(r, "2001:db8:1::5"), "v6-site");
    CU_ASSERT_PTR_NULL(trap_rules_device_name(r, "192.0.2.1"));
    {
        struct trap_rules *r6 = parse_ok("device ::1 v6-loopback\n");
        struct trap_event ev;
        CU_ASSERT_EQUAL(translate_fixture("v6-v1-oce.txt", r6, &ev), 0);
        CU_ASSERT_STRING_EQUAL(ev.device, "v6-loopback");
        /* named after the sender (the agent 192.0.2.40 has no name); both
         * addresses shown */
        CU_ASSERT_PTR_NOT_NULL(strstr(ev.text, " on v6-loopback via ::1: "));
        trap_rules_free(r6);
    }
    CU_ASSERT_PTR_NULL(trap_rules_device_name(r, ""));
    CU_ASSERT_PTR_NULL(trap_rules_device_name(r, "10.1.2.0/24"));
    trap_rules_free(r);
}

/* "device ADDR#INDEX NAME": one printer of a sender (hrDeviceIndex); the
 * most specific network among the entries with that index wins, and they
 * never answer for the address alone. */
static void test_printer_names(void)
{
    struct trap_rules *r = parse_ok("device 127.0.0.1 host\n"
                                    "device 127.0.0.1#1 prod-1\n"
                                    "device 127.0.0.1#2 office-1\n"
                                    "device 127.0.0.0/8#2 lo-net-2\n"
                                    "name 10.0.0.0/8#2147483647 top\n");

    CU_ASSERT_STRING_EQUAL(trap_rules_device_name(r, "127.0.0.1"), "host");
    CU_ASSERT_STRING_EQUAL(trap_rules_printer_name(r, "127.0.0.1", 1), "prod-1");
    CU_ASSERT_STRING_EQUAL(trap_rules_printer_name(r, "127.0.0.1", 2), "office-1");
    CU_ASSERT_STRING_EQUAL(trap_rules_printer_name(r, "127.0.0.2", 2), "lo-net-2");
    CU_ASSERT_PTR_NULL(trap_rules_printer_name(r, "127.0.0.1", 3));
    CU_ASSERT_PTR_NULL(trap_rules_printer_name(r, "127.0.0.2", 1));
    CU_ASSERT_STRING_EQUAL(trap_rules_printer_name(r, "10.9.8.7", 2147483647L), "top");
    CU_ASSERT_PTR_NULL(trap_rules_device_name(r, "10.9.8.7"));
    CU_ASSERT_PTR_NULL(trap_rules_printer_name(r, "127.0.0.1", 0));
    CU_ASSERT_PTR_NULL(trap_rules_printer_name(r, "127.0.0.1", -1));
    CU_ASSERT_PTR_NULL(trap_rules_printer_name(r, "", 2));
    CU_ASSERT_PTR_NULL(trap_rules_printer_name(NULL, "127.0.0.1", 2));
    trap_rules_free(r);
}

static void test_matching(void)
{
    struct trap_rules *r = parse_ok(
        "rule by-community\n community oce-ro\n category from-oce-ro\n continue\nend\n"
        "rule v3-user\n user trapuser\n version 3\n severity warning\n category v3\nend\n"
        "rule v1-only\n version 1\n trap 1.3.6.1.6.3.1.1.5.*\n severity critical\nend\n"
        "rule source-net\n source 192.0.2.0/24 10.0.0.0/8\n category agent-net\nend\n"
        "rule glob\n varbind 1.3.6.1.4.1.1552.99.1.* ~ \"Job*stapled\"\n ignore\nend\n"
        "rule hex\n varbind 1.3.6.1.4.1.1552.99.2.0 = \"00 FF 10\"\n"
        "  exec timeout=7 /usr/bin/logger -t printdev \"$device: $text\" ${1.3.6.1.4.1.1552.99.2.0}\n"
        "end\n"
        "rule ent\n enterprise printerV1Alert\n category ent\nend\n");
    struct trap_event ev;

    /* continue: by-community adds its category, then v1 enterprise-less rules */
    CU_ASSERT_EQUAL(translate_fixture("fmt-v1-oce.txt", r, &ev), 0);
    CU_ASSERT_STRING_EQUAL(ev.rule, "source-net"); /* agent-addr 192.0.2.40 */
    CU_ASSERT_STRING_EQUAL(ev.category, "agent-net");
    CU_ASSERT_EQUAL(translate_fixture("fmt-v2c-oce.txt", r, &ev), 0);
    CU_ASSERT_STRING_EQUAL(ev.rule, "glob"); /* community oce-ro, then the glob */
    CU_ASSERT_STRING_EQUAL(ev.category, "from-oce-ro");
    CU_ASSERT_TRUE(ev.ignore);
    /* v3 user + version */
    CU_ASSERT_EQUAL(translate_fixture("fmt-v3-alert.txt", r, &ev), 0);
    CU_ASSERT_STRING_EQUAL(ev.rule, "v3-user");
    CU_ASSERT_EQUAL(ev.severity, TRAP_SEV_WARNING);
    /* the default layout does not know the user: no match */
    CU_ASSERT_EQUAL(translate_fixture("default-v3-alert.txt", r, &ev), 0);
    CU_ASSERT_STRING_EQUAL(ev.rule, "ent"); /* printerV2Alert's enterprise */
    /* version 1 + generic traps */
    CU_ASSERT_EQUAL(translate_fixture("default-v1-coldstart.txt", r, &ev), 0);
    CU_ASSERT_STRING_EQUAL(ev.rule, "v1-only");
    CU_ASSERT_EQUAL(ev.severity, TRAP_SEV_CRITICAL);
    CU_ASSERT_EQUAL(translate_fixture("default-v2c-coldstart.txt", r, &ev), 0);
    CU_ASSERT_PTR_NULL(ev.rule);
    /* hex value and exec action */
    CU_ASSERT_EQUAL(translate_fixture("mibs-v2c-strings.txt", r, &ev), 0);
    CU_ASSERT_STRING_EQUAL(ev.rule, "hex");
    CU_ASSERT_PTR_NOT_NULL_FATAL(ev.action);
    CU_ASSERT_STRING_EQUAL(ev.action->path, "/usr/bin/logger");
    CU_ASSERT_EQUAL(ev.action->argc, 5);
    CU_ASSERT_STRING_EQUAL(ev.action->argv[3], "$device: $text");
    CU_ASSERT_PTR_NULL(ev.action->argv[5]);
    CU_ASSERT_EQUAL(ev.action->timeout, 7);
    CU_ASSERT_STRING_EQUAL(ev.action->rule, "hex");
    {
        char arg[256];
        struct trap_msg m;
        const char *in = "h\nUDP: [192.0.2.1]:1->[127.0.0.1]:2\n"
                         "iso.3.6.1.6.3.1.1.4.1.0 iso.3.6.1.4.1.1552.20.0.7\n"
                         "iso.3.6.1.4.1.1552.99.2.0 \"00 FF 10 \"\n";
        CU_ASSERT_EQUAL_FATAL(trap_parse(in, strlen(in), NULL, &m), 0);
        trap_translate(&m, r, &ev);
        CU_ASSERT_STRING_EQUAL(ev.rule, "source-net"); /* first match wins */
        trap_template_expand(ev.action ? "" : "$1 on $source", &m, &ev, arg, sizeof arg);
        CU_ASSERT_STRING_EQUAL(arg, "00 FF 10 on 192.0.2.1");
        trap_msg_free(&m);
    }
    CU_ASSERT_EQUAL(trap_rules_apply(r, NULL, &ev), 0);
    trap_rules_free(r);
}

static void test_apply_counts_and_message(void)
{
    struct trap_rules *r = parse_ok("rule a\n trap *\n message A:$trapname\n continue\nend\n"
                                    "rule b\n trap coldStart warmStart\n message B:$text\n"
                                    " continue\nend\n"
                                    "rule c\n trap 9.9\nend\n");
    struct trap_event ev;
    struct trap_msg m;
    const char *in = "h\nt\niso.3.6.1.6.3.1.1.4.1.0 iso.3.6.1.6.3.1.1.5.2\n";

    CU_ASSERT_EQUAL_FATAL(trap_parse(in, strlen(in), NULL, &m), 0);
    trap_translate(&m, NULL, &ev);
    CU_ASSERT_STRING_EQUAL(ev.text, "warmStart on unknown");
    CU_ASSERT_EQUAL(trap_rules_apply(r, &m, &ev), 2);
    CU_ASSERT_STRING_EQUAL(ev.text, "B:warmStart on unknown"); /* the last message wins */
    trap_translate(&m, r, &ev);
    CU_ASSERT_STRING_EQUAL(ev.text, "B:warmStart on unknown");
    CU_ASSERT_STRING_EQUAL(ev.rule, "b");
    trap_msg_free(&m);
    trap_rules_free(r);
}

static void test_util_matchers(void)
{
    struct trap_net n;

    CU_ASSERT_TRUE(trap_glob_match("Job*stapled", "Job 1 stapled", 13));
    CU_ASSERT_TRUE(trap_glob_match("*", "", 0));
    CU_ASSERT_TRUE(trap_glob_match("a?c", "abc", 3));
    CU_ASSERT_TRUE(trap_glob_match("*a*b*c*", "xxaxxbxxcxx", 11));
    CU_ASSERT_FALSE(trap_glob_match("a*c", "abd", 3));
    CU_ASSERT_FALSE(trap_glob_match("abc", "ab", 2));
    CU_ASSERT_FALSE(trap_glob_match(NULL, "ab", 2));

    CU_ASSERT_TRUE(trap_oid_match("1.3.6.1.4.1.1552.*", "1.3.6.1.4.1.1552"));
    CU_ASSERT_TRUE(trap_oid_match("1.3.6.1.4.1.1552.*", "1.3.6.1.4.1.1552.20.0.3"));
    CU_ASSERT_FALSE(trap_oid_match("1.3.6.1.4.1.1552.*", "1.3.6.1.4.1.15520"));
    CU_ASSERT_TRUE(trap_oid_match("1.3.6.1.4.1.155*", "1.3.6.1.4.1.15520"));
    CU_ASSERT_TRUE(trap_oid_match("1.3.6", "1.3.6"));
    CU_ASSERT_FALSE(trap_oid_match("1.3.6", "1.3.6.1"));

    CU_ASSERT_EQUAL(trap_net_parse("10.1.2.0/24", &n), 0);
    CU_ASSERT_TRUE(trap_net_contains(&n, "10.1.2.255"));
    CU_ASSERT_FALSE(trap_net_contains(&n, "10.1.3.0"));
    CU_ASSERT_FALSE(trap_net_contains(&n, "::1"));
    CU_ASSERT_FALSE(trap_net_contains(&n, "garbage"));
    CU_ASSERT_EQUAL(trap_net_parse("10.1.2.3/", &n), -1);
    CU_ASSERT_EQUAL(trap_net_parse("10.1.2.3/2x", &n), -1);
    CU_ASSERT_EQUAL(trap_net_parse("", &n), -1);
    CU_ASSERT_EQUAL(trap_net_parse("0.0.0.0/0", &n), 0);
    CU_ASSERT_TRUE(trap_net_contains(&n, "203.0.113.9"));
    CU_ASSERT_EQUAL(trap_net_parse("fe80::/10", &n), 0);
    CU_ASSERT_TRUE(trap_net_contains(&n, "fe80::1"));
    CU_ASSERT_FALSE(trap_net_contains(&n, "fec0::1"));
}

static void register_trap_rules_suite(void)
{
    CU_pSuite s = cu_add_suite("trap_rules", NULL, NULL);

    CU_ADD(s, test_shipped_file);
    CU_ADD(s, test_shipped_device_examples);
    CU_ADD(s, test_load_errors);
    CU_ADD(s, test_syntax_errors);
    CU_ADD(s, test_limits_and_quoting);
    CU_ADD(s, test_device_names);
    CU_ADD(s, test_printer_names);
    CU_ADD(s, test_matching);
    CU_ADD(s, test_apply_counts_and_message);
    CU_ADD(s, test_util_matchers);
}

const cu_registrar cu_suites[] = {register_trap_rules_suite, NULL};
