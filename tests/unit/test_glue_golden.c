/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_glue_golden.c: what the glue serves, compared with what it should
 * serve, without snmpd.
 *
 *  - golden walks: for every shipped profile (conf/profiles/NAME.conf) a child
 *    process loads the profile through Net-SNMP's config reader, walks the
 *    five subtrees tools/update-golden.sh walks (hrDeviceTable,
 *    hrPrinterTable, Printer-MIB, Port Monitor MIB, PRINTDEV-MIB) with
 *    GETNEXT through the agent's own dispatcher, prints every varbind the way
 *    snmpwalk -On -Oe -OU does (same library routine) with the same
 *    normalisation (TimeTicks, agent version), and compares the lines one by
 *    one with tests/golden/<profile>.walk.  A child per profile, because
 *    Net-SNMP's agent library is initialised once per process.
 *  - descriptors: every registered table has strictly increasing columns,
 *    the Printer-MIB and extra tables are registered in OID order, every
 *    glue table is a catalogue table with exactly the catalogue's columns
 *    (sub-id, SMI type, access) and every catalogue table is served.
 *  - coverage: every accessible catalogue column appears in the walk of at
 *    least one shipped profile.
 */
#include <config.h>

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include "cu_runner.h"
#include "glue_internal.h"
#include "printdev_glue.h"
#include "printdev_mib.h"
#include "prt_columns.h"

/* Net-SNMP's PDU dispatcher (libnetsnmpagent, not in its public headers). */
int handle_pdu(netsnmp_agent_session *asp);

extern const struct glue_table glue_hr_device_table, glue_hr_printer_table;

#define MAX_COLS 32
typedef unsigned char seen_map[PRT_CAT_NTABLES][MAX_COLS + 1];

static const char *srcdir(void)
{
    const char *s = getenv("top_srcdir");
    return s ? s : TOP_SRCDIR;
}

/* Every glue table, registered or registered cell by cell. */
static const struct glue_table *glue_table_at(size_t i)
{
    if (i < glue_printer_ntables)
        return &glue_printer_tables[i];
    i -= glue_printer_ntables;
    if (i < glue_extra_ntables)
        return &glue_extra_tables[i];
    i -= glue_extra_ntables;
    switch (i) {
    case 0:
        return &glue_agent_table;
    case 1:
        return &glue_hr_device_table;
    case 2:
        return &glue_hr_printer_table;
    default:
        return NULL;
    }
}

static int cat_index(const char *name)
{
    for (int t = 0; t < PRT_CAT_NTABLES; t++)
        if (strcmp(prt_catalogue[t].name, name) == 0)
            return t;
    return -1;
}

/* ---- the child: one agent, one walk, one comparison ---- */

/* One GETNEXT through the dispatcher; NULL on any error. */
static netsnmp_variable_list *getnext(const oid *name, size_t len)
{
    netsnmp_pdu *pdu = snmp_pdu_create(SNMP_MSG_GETNEXT);
    netsnmp_agent_session *asp;
    netsnmp_variable_list *out = NULL;

    pdu->version = SNMP_VERSION_2c;
    pdu->flags |= UCD_MSG_FLAG_ALWAYS_IN_VIEW;
    snmp_add_null_var(pdu, name, len);
    asp = init_agent_snmp_session(NULL, pdu);
    snmp_free_pdu(pdu);
    if (asp == NULL)
        return NULL;
    if (handle_pdu(asp) == SNMP_ERR_NOERROR)
        out = snmp_clone_varbind(asp->pdu->variables);
    free_agent_snmp_session(asp);
    return out;
}

/* The golden line of a varbind: snmpwalk's text, continuation lines joined
 * with a literal \n, trailing blanks dropped, TimeTicks and the agent
 * version normalised (tests/integration/lib-agent.sh pa_join, pa_norm). */
static void golden_line(const netsnmp_variable_list *v, char *buf, size_t cap)
{
    static const oid version[] = {PRINTDEV_MIB_ARCS, 1, 1, 1, 0};
    char text[8192], *p, *o = buf, *end = buf + cap - 1;
    size_t n;

    snprint_variable(text, sizeof(text), v->name, v->name_length, v);
    if (v->type == ASN_TIMETICKS && (p = strstr(text, " = Timeticks: ")) != NULL)
        strcpy(p, " = Timeticks: <ticks>");
    if (snmp_oid_compare(v->name, v->name_length, version, OID_LENGTH(version)) == 0 &&
        (p = strstr(text, " = STRING: ")) != NULL)
        strcpy(p, " = STRING: <version>");
    for (p = text; *p && o < end; p++) {
        if (*p == '\n') {
            *o++ = '\\';
            if (o < end)
                *o++ = 'n';
        } else
            *o++ = *p;
    }
    *o = '\0';
    n = strlen(buf);
    while (n > 0 && (buf[n - 1] == ' ' || buf[n - 1] == '\t'))
        buf[--n] = '\0';
}

/* Marks the catalogue column a varbind belongs to. */
static void mark_seen(const netsnmp_variable_list *v, seen_map seen)
{
    const struct glue_table *t;

    for (size_t i = 0; (t = glue_table_at(i)) != NULL; i++) {
        int c = cat_index(t->name);
        size_t col;
        if (c < 0 || v->name_length <= t->entry_len ||
            snmp_oid_compare(v->name, t->entry_len, t->entry, t->entry_len) != 0)
            continue;
        col = v->name[t->entry_len];
        if (col <= MAX_COLS)
            seen[c][col] = 1;
        return;
    }
}

/* Walks the golden subtrees and compares with the golden file; returns the
 * number of differences (0 = equal). */
static int walk_compare(FILE *golden, const char *profile, seen_map seen)
{
    static const char *const roots[] = {".1.3.6.1.2.1.25.3.2", ".1.3.6.1.2.1.25.3.5",
                                        ".1.3.6.1.2.1.43", ".1.3.6.1.4.1.2699.1.2",
                                        "." PRINTDEV_MIB_STR};
    char want[8192], got[8192];
    int diffs = 0, line = 0;

    for (size_t r = 0; r < sizeof(roots) / sizeof(roots[0]); r++) {
        oid root[MAX_OID_LEN], cur[MAX_OID_LEN];
        size_t rlen = MAX_OID_LEN, clen;

        if (read_objid(roots[r], root, &rlen) == 0)
            return 1;
        memcpy(cur, root, rlen * sizeof(oid));
        clen = rlen;
        for (;;) {
            netsnmp_variable_list *v = getnext(cur, clen);
            if (v == NULL || v->type == SNMP_ENDOFMIBVIEW || v->name_length <= rlen ||
                snmp_oid_compare(v->name, rlen, root, rlen) != 0) {
                snmp_free_varbind(v);
                break;
            }
            memcpy(cur, v->name, v->name_length * sizeof(oid));
            clen = v->name_length;
            golden_line(v, got, sizeof(got));
            mark_seen(v, seen);
            snmp_free_varbind(v);
            do {
                if (fgets(want, sizeof(want), golden) == NULL)
                    want[0] = '\0';
                want[strcspn(want, "\n")] = '\0';
            } while (want[0] == '#');
            line++;
            if (strcmp(want, got) != 0 && diffs++ < 10)
                fprintf(stderr, "%s varbind %d:\n  golden: %s\n  walked: %s\n", profile, line,
                        want[0] ? want : "(end of file)", got);
        }
    }
    while (fgets(want, sizeof(want), golden) != NULL)
        if (want[0] != '#' && diffs++ < 10)
            fprintf(stderr, "%s: golden line not walked: %s", profile, want);
    if (diffs == 0)
        fprintf(stderr, "%s: %d varbinds equal the golden walk\n", profile, line);
    return diffs;
}

/* The child's whole life: agent with one profile, walk, compare, shut down. */
static int child_main(const char *profile, int seen_fd)
{
    char dir[] = "/tmp/test_glue_golden.XXXXXX", conf[PATH_MAX], path[2 * PATH_MAX];
    char cmd[PATH_MAX + 16];
    seen_map seen;
    FILE *f, *golden;
    int diffs = 1;

    memset(seen, 0, sizeof(seen));
    if (!mkdtemp(dir))
        return 2;
    snprintf(conf, sizeof(conf), "%s/test.conf", dir);
    snprintf(path, sizeof(path), "%s/tests/golden/%s.walk", srcdir(), profile);
    golden = fopen(path, "r");
    f = fopen(conf, "w");
    if (golden == NULL || f == NULL) {
        fprintf(stderr, "%s: cannot open %s or %s\n", profile, path, conf);
        return 2;
    }
    fprintf(f, "printdevStateDir %s/state\n", dir);
    fprintf(f, "printdevFeedSocket %s/feed.sock\n", dir);
    fprintf(f, "printdevProfile %s/conf/profiles/%s.conf\n", srcdir(), profile);
    fclose(f);

    setenv("MIBS", "", 1); /* numeric OIDs, as snmpwalk -On */
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_READ_CONFIGS, 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_PERSISTENT_LOAD, 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_PERSISTENT_SAVE, 1);
    netsnmp_ds_set_string(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_OPTIONALCONFIG, conf);
    netsnmp_ds_set_string(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_APPTYPE, "test_glue_golden");
    netsnmp_ds_set_boolean(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_NO_ROOT_ACCESS, 1);
    snmp_disable_log();
    snmp_enable_stderrlog();
    init_agent("test_glue_golden");
    if (printdev_glue_init() == 0) {
        init_snmp("test_glue_golden");
        /* the client options of the golden walks: -On -Oe -OU */
        netsnmp_ds_set_int(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_OID_OUTPUT_FORMAT,
                           NETSNMP_OID_OUTPUT_NUMERIC);
        netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_PRINT_NUMERIC_ENUM, 1);
        netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_PRINT_UNITS, 1);
        if (printdev_glue_model() && printdev_glue_model()->n_devices > 0)
            diffs = walk_compare(golden, profile, seen);
        else
            fprintf(stderr, "%s: profile did not load\n", profile);
        printdev_glue_shutdown();
    }
    snmp_shutdown("test_glue_golden");
    shutdown_agent();
    fclose(golden);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        diffs++;
    if (write(seen_fd, seen, sizeof(seen)) != (ssize_t)sizeof(seen))
        diffs++;
    return diffs == 0 ? 0 : 1;
}

/* Runs child_main for a profile; ORs the columns it saw into seen. */
static int run_profile(const char *profile, seen_map seen)
{
    seen_map got;
    int fds[2], status = -1;
    size_t n = 0;
    pid_t pid;

    if (pipe(fds) != 0)
        return -1;
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        close(fds[0]);
        exit(child_main(profile, fds[1])); /* never back into CUnit */
    }
    close(fds[1]);
    while (n < sizeof(got)) {
        ssize_t r = read(fds[0], (char *)got + n, sizeof(got) - n);
        if (r <= 0)
            break;
        n += (size_t)r;
    }
    close(fds[0]);
    if (waitpid(pid, &status, 0) != pid)
        return -1;
    if (n == sizeof(got))
        for (int t = 0; t < PRT_CAT_NTABLES; t++)
            for (int c = 0; c <= MAX_COLS; c++)
                seen[t][c] |= got[t][c];
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static seen_map all_seen;
static int profiles_walked;

static void test_golden_walks(void)
{
    char dir[PATH_MAX], names[16][256];
    size_t n = 0;
    struct dirent *e;
    DIR *d;

    /* names first: the children must not inherit an open directory */
    snprintf(dir, sizeof(dir), "%s/conf/profiles", srcdir());
    d = opendir(dir);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    while ((e = readdir(d)) != NULL && n < 16) {
        size_t len = strlen(e->d_name);
        if (len <= 5 || len >= sizeof(names[0]) || strcmp(e->d_name + len - 5, ".conf") != 0)
            continue;
        memcpy(names[n], e->d_name, len - 5);
        names[n++][len - 5] = '\0';
    }
    closedir(d);
    for (size_t i = 0; i < n; i++) {
        if (run_profile(names[i], all_seen) != 0) {
            fprintf(stderr, "golden walk of profile %s: FAILED\n", names[i]);
            CU_FAIL("in-process walk differs from tests/golden/<profile>.walk");
        }
        profiles_walked++;
    }
    CU_ASSERT(profiles_walked >= 2); /* production and office */
}

/* Every accessible column of every catalogue table that has rows in some
 * shipped profile is served.  No shipped profile has prtDeviceRefTable rows
 * (the table is served for profiles that declare printdevDeviceRef), and no
 * shipped profile starts with an alert, like an idle real printer (the
 * alert columns are read back in test_glue and agent-golden.sh after the
 * feed raises alerts). */
static void test_catalogue_coverage(void)
{
    static const char *const empty_tables[] = {"prtDeviceRefTable", "prtAlertTable"};

    CU_ASSERT_FATAL(profiles_walked > 0);
    for (int t = 0; t < PRT_CAT_NTABLES; t++) {
        int rows = 0, expect_empty = 0;
        for (size_t c = 0; c <= MAX_COLS; c++)
            rows |= all_seen[t][c];
        for (size_t e = 0; e < sizeof(empty_tables) / sizeof(empty_tables[0]); e++)
            expect_empty |= strcmp(empty_tables[e], prt_catalogue[t].name) == 0;
        if (rows == expect_empty) {
            fprintf(stderr, "%s: %s in the golden walks\n", prt_catalogue[t].name,
                    rows ? "rows (update empty_tables)" : "no rows");
            CU_FAIL("catalogue table coverage");
        }
        if (!rows)
            continue;
        for (size_t c = 0; c < prt_catalogue[t].ncols; c++) {
            const struct prt_column *col = &prt_catalogue[t].cols[c];
            if (col->access == PRT_ACCESS_NA)
                continue;
            if (col->sub > MAX_COLS || !all_seen[t][col->sub]) {
                fprintf(stderr, "%s (%s.%u) is in no golden walk\n", col->name,
                        prt_catalogue[t].name, col->sub);
                CU_FAIL("catalogue column not served");
            }
        }
    }
}

/* ---- descriptors ---- */

static u_char asn_type(enum prt_col_type t)
{
    switch (t) {
    case PRT_COLTYPE_INTEGER32:
        return ASN_INTEGER;
    case PRT_COLTYPE_OCTETSTRING:
        return ASN_OCTET_STR;
    case PRT_COLTYPE_OBJECTIDENTIFIER:
        return ASN_OBJECT_ID;
    case PRT_COLTYPE_COUNTER32:
        return ASN_COUNTER;
    case PRT_COLTYPE_GAUGE32:
        return ASN_GAUGE;
    case PRT_COLTYPE_TIMETICKS:
        return ASN_TIMETICKS;
    case PRT_COLTYPE_COUNTER64:
        return ASN_COUNTER64;
    }
    return 0;
}

static void check_sorted(const struct glue_table *tabs, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (snmp_oid_compare(tabs[i - 1].entry, tabs[i - 1].entry_len, tabs[i].entry,
                             tabs[i].entry_len) >= 0) {
            fprintf(stderr, "%s is registered after %s\n", tabs[i].name, tabs[i - 1].name);
            CU_FAIL("tables not in OID order");
        }
}

static void test_descriptor_order(void)
{
    check_sorted(glue_printer_tables, glue_printer_ntables);
    check_sorted(glue_extra_tables, glue_extra_ntables);
    for (size_t i = 0; glue_table_at(i) != NULL; i++) {
        const struct glue_table *t = glue_table_at(i);
        CU_ASSERT(t->ncols > 0);
        for (size_t c = 1; c < t->ncols; c++)
            CU_ASSERT(t->cols[c - 1].sub < t->cols[c].sub);
    }
}

static void test_descriptors_match_catalogue(void)
{
    int served[PRT_CAT_NTABLES] = {0};

    for (size_t i = 0; glue_table_at(i) != NULL; i++) {
        const struct glue_table *t = glue_table_at(i);
        int c = cat_index(t->name);
        if (c < 0) {
            fprintf(stderr, "glue table %s is not in the column catalogue\n", t->name);
            CU_FAIL("glue table missing from the catalogue");
            continue;
        }
        served[c]++;
        CU_ASSERT_EQUAL(t->ncols, prt_catalogue[c].ncols);
        for (size_t k = 0; k < t->ncols && k < prt_catalogue[c].ncols; k++) {
            const struct prt_column *col = &prt_catalogue[c].cols[k];
            if (t->cols[k].sub != col->sub || t->cols[k].type != asn_type(col->type) ||
                t->cols[k].access != (u_char)col->access) {
                fprintf(stderr, "%s column %u differs from the catalogue (%s)\n", t->name,
                        (unsigned)t->cols[k].sub, col->name);
                CU_FAIL("glue column differs from the catalogue");
            }
        }
    }
    for (int c = 0; c < PRT_CAT_NTABLES; c++) {
        if (served[c] != 1)
            fprintf(stderr, "catalogue table %s is served by %d glue tables\n",
                    prt_catalogue[c].name, served[c]);
        CU_ASSERT_EQUAL(served[c], 1);
    }
}

static void register_golden_suite(void)
{
    CU_pSuite s = cu_add_suite("glue_golden", NULL, NULL);
    CU_ADD(s, test_descriptor_order);
    CU_ADD(s, test_descriptors_match_catalogue);
    CU_ADD(s, test_golden_walks);
    CU_ADD(s, test_catalogue_coverage);
}

const cu_registrar cu_suites[] = {register_golden_suite, NULL};
