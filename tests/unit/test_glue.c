/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_glue.c: the Net-SNMP glue without snmpd.  The test process is a
 * small agent of its own: it reads a config with the shipped production
 * profile through Net-SNMP's config reader (so the glue's config tokens and
 * post-config build run exactly as in snmpd), then drives the registered
 * handlers with real GET / GETNEXT / SET PDUs through the agent library's
 * own dispatcher (handle_pdu), no network involved.
 *
 * Checked: the whole tree walks in strictly increasing OID order and every
 * walked instance answers the same value to GET; exact SMI types of the
 * counters, TimeTicks and fixed-length strings; noSuchObject /
 * noSuchInstance; SET error statuses and all-or-nothing behaviour; the
 * printdevAgent scalars.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>
#include <net-snmp/agent/agent_callbacks.h>

#include "cu_runner.h"
#include "printdev_glue.h"
#include "prt_model.h"

/* Net-SNMP's PDU dispatcher; exported by libnetsnmpagent, not declared in
 * its public headers. */
int handle_pdu(netsnmp_agent_session *asp);

static char tmpdir[] = "/tmp/test_glue.XXXXXX";
static char conf[PATH_MAX];

struct reply {
    int status;
    int index;
    netsnmp_variable_list *vars;
};

/* The SNMP context of the requests (NULL: the default context). */
static const char *query_context;

static void reply_free(struct reply *r)
{
    snmp_free_varbind(r->vars);
    r->vars = NULL;
}

/* One request PDU through the agent; vars is NULL-terminated list of
 * (name, type, value) for SETs, or names only. */
static struct reply query(int cmd, long version, netsnmp_variable_list *vars)
{
    struct reply r = { 0, 0, NULL };
    netsnmp_pdu *pdu = snmp_pdu_create(cmd);
    netsnmp_agent_session *asp;

    pdu->version = version;
    pdu->flags |= UCD_MSG_FLAG_ALWAYS_IN_VIEW;
    if (query_context) {
        pdu->contextName = strdup(query_context);
        pdu->contextNameLen = strlen(query_context);
    }
    pdu->variables = vars;
    asp = init_agent_snmp_session(NULL, pdu);
    snmp_free_pdu(pdu);
    CU_ASSERT_FATAL(asp != NULL);
    /* the error status (v2 form: the v1 mapping happens when Net-SNMP wraps
     * up the response, after this) */
    r.status = handle_pdu(asp);
    r.index = asp->index;
    r.vars = snmp_clone_varbind(asp->pdu->variables);
    free_agent_snmp_session(asp);
    return r;
}

static netsnmp_variable_list *vb(const char *name, u_char type, const void *val, size_t len)
{
    oid o[MAX_OID_LEN];
    size_t olen = MAX_OID_LEN;
    netsnmp_variable_list *v = NULL;
    CU_ASSERT_FATAL(read_objid(name, o, &olen) != 0);
    snmp_varlist_add_variable(&v, o, olen, type, val, len);
    return v;
}

static struct reply get1(const char *name)
{
    return query(SNMP_MSG_GET, SNMP_VERSION_2c, vb(name, ASN_NULL, NULL, 0));
}

static int setup(void)
{
    FILE *f;
    const char *srcdir = getenv("top_srcdir");
    if (!srcdir)
        srcdir = TOP_SRCDIR;
    if (!mkdtemp(tmpdir))
        return 1;
    snprintf(conf, sizeof(conf), "%s/test_glue.conf", tmpdir);
    f = fopen(conf, "w");
    if (!f)
        return 1;
    fprintf(f, "printdevStateDir %s/state\n", tmpdir);
    fprintf(f, "printdevFeedSocket %s/feed.sock\n", tmpdir); /* not the system socket */
    fprintf(f, "printdevProfile %s/conf/profiles/production.conf\n", srcdir);
    fclose(f);

    setenv("MIBS", "", 1); /* numeric OIDs only: no MIB files needed */
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_READ_CONFIGS, 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_PERSISTENT_LOAD, 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_PERSISTENT_SAVE, 1);
    netsnmp_ds_set_string(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_OPTIONALCONFIG, conf);
    netsnmp_ds_set_string(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_APPTYPE, "test_glue");
    netsnmp_ds_set_boolean(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_NO_ROOT_ACCESS, 1);
    snmp_disable_log();
    snmp_enable_stderrlog();
    init_agent("test_glue");
    if (printdev_glue_init() != 0)
        return 1;
    init_snmp("test_glue");
    return printdev_glue_model() && printdev_glue_model()->n_devices == 1 ? 0 : 1;
}

static int teardown(void)
{
    char cmd[PATH_MAX + 16];
    printdev_glue_shutdown();
    snmp_shutdown("test_glue");
    shutdown_agent();
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : 1;
}

/* ---- walk ---- */

static int in_subtree(const oid *root, size_t rlen, const netsnmp_variable_list *v)
{
    return v->name_length > rlen && snmp_oid_compare(v->name, rlen, root, rlen) == 0;
}

/* Walks a subtree with GETNEXT; checks order; GETs each instance back.
 * Returns the number of instances. */
static int walk_check(const char *root_name)
{
    oid root[MAX_OID_LEN], cur[MAX_OID_LEN];
    size_t rlen = MAX_OID_LEN, clen;
    int n = 0;

    CU_ASSERT_FATAL(read_objid(root_name, root, &rlen) != 0);
    memcpy(cur, root, rlen * sizeof(oid));
    clen = rlen;
    for (;;) {
        netsnmp_variable_list *req = NULL;
        struct reply r, g;
        snmp_varlist_add_variable(&req, cur, clen, ASN_NULL, NULL, 0);
        r = query(SNMP_MSG_GETNEXT, SNMP_VERSION_2c, req);
        CU_ASSERT_EQUAL(r.status, SNMP_ERR_NOERROR);
        if (!r.vars || r.vars->type == SNMP_ENDOFMIBVIEW || !in_subtree(root, rlen, r.vars)) {
            reply_free(&r);
            break;
        }
        /* strictly increasing */
        CU_ASSERT(snmp_oid_compare(r.vars->name, r.vars->name_length, cur, clen) > 0);
        memcpy(cur, r.vars->name, r.vars->name_length * sizeof(oid));
        clen = r.vars->name_length;
        /* GET returns the same */
        req = NULL;
        snmp_varlist_add_variable(&req, cur, clen, ASN_NULL, NULL, 0);
        g = query(SNMP_MSG_GET, SNMP_VERSION_2c, req);
        CU_ASSERT_EQUAL(g.status, SNMP_ERR_NOERROR);
        if (g.vars) {
            CU_ASSERT_EQUAL(g.vars->type, r.vars->type);
            CU_ASSERT_EQUAL(g.vars->val_len, r.vars->val_len);
            if (g.vars->val_len == r.vars->val_len && g.vars->val_len > 0)
                CU_ASSERT(memcmp(g.vars->val.string, r.vars->val.string, g.vars->val_len) == 0);
        }
        reply_free(&g);
        reply_free(&r);
        n++;
        CU_ASSERT_FATAL(n < 100000);
    }
    return n;
}

static void test_walk_printer_mib(void)
{
    int n = walk_check(".1.3.6.1.2.1.43");
    CU_ASSERT(n > 300);
}

static void test_walk_other_subtrees(void)
{
    CU_ASSERT_EQUAL(walk_check(".1.3.6.1.2.1.25.3.2.1"), 6);
    CU_ASSERT_EQUAL(walk_check(".1.3.6.1.2.1.25.3.5.1"), 2);
    CU_ASSERT(walk_check(".1.3.6.1.4.1.2699.1.2") > 10);
    /* 5 agent scalars + 5 device columns + 8 billing counters */
    CU_ASSERT_EQUAL(walk_check(".1.3.6.1.4.1.8072.9999.4300"), 18);
}

/* ---- types and values ---- */

static void expect_type(const char *name, u_char type)
{
    struct reply r = get1(name);
    if (r.status != SNMP_ERR_NOERROR)
        fprintf(stderr, "%s: status %d\n", name, r.status);
    CU_ASSERT_EQUAL(r.status, SNMP_ERR_NOERROR);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r.vars);
    if (r.vars->type != type)
        fprintf(stderr, "%s: type 0x%02x, expected 0x%02x\n", name, r.vars->type, type);
    CU_ASSERT_EQUAL(r.vars->type, type);
    reply_free(&r);
}

static void test_types(void)
{
    expect_type(".1.3.6.1.2.1.43.5.1.1.1.1", ASN_COUNTER);   /* prtGeneralConfigChanges */
    expect_type(".1.3.6.1.2.1.43.5.1.1.18.1", ASN_COUNTER);  /* prtAlertCriticalEvents */
    expect_type(".1.3.6.1.2.1.43.5.1.1.19.1", ASN_COUNTER);  /* prtAlertAllEvents */
    expect_type(".1.3.6.1.2.1.43.10.2.1.4.1.1", ASN_COUNTER); /* prtMarkerLifeCount */
    expect_type(".1.3.6.1.2.1.43.10.2.1.5.1.1", ASN_COUNTER); /* prtMarkerPowerOnCount */
    expect_type(".1.3.6.1.2.1.25.3.2.1.6.1", ASN_COUNTER);   /* hrDeviceErrors */
    expect_type(".1.3.6.1.2.1.43.5.1.1.2.1", ASN_INTEGER);   /* prtGeneralCurrentLocalization */
    expect_type(".1.3.6.1.2.1.43.7.1.1.4.1.1", ASN_INTEGER); /* prtLocalizationCharacterSet */
    expect_type(".1.3.6.1.2.1.25.3.2.1.2.1", ASN_OBJECT_ID); /* hrDeviceType */
    expect_type(".1.3.6.1.4.1.8072.9999.4300.1.1.5.0", ASN_TIMETICKS);
    expect_type(".1.3.6.1.4.1.8072.9999.4300.1.1.2.0", ASN_GAUGE);
    expect_type(".1.3.6.1.4.1.8072.9999.4300.1.3.1.4.1.2.2.2", ASN_COUNTER64);
    expect_type(".1.3.6.1.4.1.2699.1.2.1.2.1.1.3.1", ASN_OCTET_STR);
}

static void test_values(void)
{
    static const oid printer[] = { 1, 3, 6, 1, 2, 1, 25, 3, 1, 5 };
    struct reply r = get1(".1.3.6.1.2.1.25.3.2.1.2.1");
    CU_ASSERT_PTR_NOT_NULL_FATAL(r.vars);
    CU_ASSERT_EQUAL(r.vars->val_len, sizeof(printer));
    CU_ASSERT(r.vars->val_len == sizeof(printer) &&
              memcmp(r.vars->val.objid, printer, sizeof(printer)) == 0);
    reply_free(&r);

    r = get1(".1.3.6.1.2.1.25.3.5.1.2.1"); /* hrPrinterDetectedErrorState: 2 octets */
    CU_ASSERT_PTR_NOT_NULL_FATAL(r.vars);
    CU_ASSERT_EQUAL(r.vars->type, ASN_OCTET_STR);
    CU_ASSERT_EQUAL(r.vars->val_len, 2);
    reply_free(&r);

    r = get1(".1.3.6.1.2.1.43.7.1.1.2.1.1"); /* prtLocalizationLanguage "en" */
    CU_ASSERT_PTR_NOT_NULL_FATAL(r.vars);
    CU_ASSERT_EQUAL(r.vars->val_len, 2);
    CU_ASSERT(r.vars->val_len == 2 && memcmp(r.vars->val.string, "en", 2) == 0);
    reply_free(&r);

    r = get1(".1.3.6.1.2.1.43.8.2.1.12.1.1"); /* prtInputMediaName.1.1 */
    CU_ASSERT_PTR_NOT_NULL_FATAL(r.vars);
    CU_ASSERT_EQUAL(r.vars->val_len, strlen("A4 plain 80"));
    CU_ASSERT(memcmp(r.vars->val.string, "A4 plain 80", r.vars->val_len) == 0);
    reply_free(&r);

    r = get1(".1.3.6.1.4.1.8072.9999.4300.1.1.2.0"); /* printdevAgentDevices */
    CU_ASSERT_PTR_NOT_NULL_FATAL(r.vars);
    CU_ASSERT_EQUAL(*r.vars->val.integer, 1);
    reply_free(&r);

    r = get1(".1.3.6.1.4.1.2699.1.2.1.2.1.1.6.1"); /* ppmPrinterHrDeviceIndex.1 */
    CU_ASSERT_PTR_NOT_NULL_FATAL(r.vars);
    CU_ASSERT_EQUAL(*r.vars->val.integer, 1);
    reply_free(&r);
}

/* Optional string columns a profile leaves unset answer an empty OCTET
 * STRING, as real printers do (production.conf sets none of these for
 * input 1 / output 1). */
static void test_unset_strings_empty(void)
{
    static const char *const names[] = {
        ".1.3.6.1.2.1.43.8.2.1.15.1.1", /* prtInputModel */
        ".1.3.6.1.2.1.43.8.2.1.16.1.1", /* prtInputVersion */
        ".1.3.6.1.2.1.43.8.2.1.17.1.1", /* prtInputSerialNumber */
        ".1.3.6.1.2.1.43.8.2.1.18.1.1", /* prtInputDescription */
        ".1.3.6.1.2.1.43.9.2.1.9.1.1",  /* prtOutputModel */
        ".1.3.6.1.2.1.43.9.2.1.10.1.1", /* prtOutputVersion */
        ".1.3.6.1.2.1.43.9.2.1.11.1.1", /* prtOutputSerialNumber */
        ".1.3.6.1.2.1.43.9.2.1.12.1.1", /* prtOutputDescription */
    };

    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        struct reply r = get1(names[i]);
        CU_ASSERT_EQUAL(r.status, SNMP_ERR_NOERROR);
        CU_ASSERT_PTR_NOT_NULL_FATAL(r.vars);
        CU_ASSERT_EQUAL(r.vars->type, ASN_OCTET_STR);
        CU_ASSERT_EQUAL(r.vars->val_len, 0);
        reply_free(&r);
    }
}

static void expect_exception(const char *name, u_char type)
{
    struct reply r = get1(name);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r.vars);
    if (r.vars->type != type)
        fprintf(stderr, "%s: type 0x%02x, expected 0x%02x\n", name, r.vars->type, type);
    CU_ASSERT_EQUAL(r.vars->type, type);
    reply_free(&r);
}

static void test_exceptions(void)
{
    expect_exception(".1.3.6.1.2.1.43.8.2.1.1.1.1", SNMP_NOSUCHOBJECT);   /* not-accessible index */
    expect_exception(".1.3.6.1.2.1.43.8.2.1.26.1.1", SNMP_NOSUCHOBJECT);  /* no such column */
    expect_exception(".1.3.6.1.2.1.43.8.2.1", SNMP_NOSUCHOBJECT);         /* the entry */
    expect_exception(".1.3.6.1.2.1.43.8.2.1.2.1.99", SNMP_NOSUCHINSTANCE); /* no such row */
    expect_exception(".1.3.6.1.2.1.43.8.2.1.2.7.1", SNMP_NOSUCHINSTANCE);  /* no such device */
    expect_exception(".1.3.6.1.2.1.43.8.2.1.2.1", SNMP_NOSUCHINSTANCE);    /* short index */
    expect_exception(".1.3.6.1.2.1.43.8.2.1.2.1.1.0", SNMP_NOSUCHINSTANCE); /* long index */
    expect_exception(".1.3.6.1.2.1.43.5.1.1.1.4294967295", SNMP_NOSUCHINSTANCE);
    expect_exception(".1.3.6.1.4.1.8072.9999.4300.1.1.1.1", SNMP_NOSUCHINSTANCE);
    expect_exception(".1.3.6.1.2.1.25.3.2.1.1.2", SNMP_NOSUCHOBJECT);    /* not our cell */
}

/* ---- SET ---- */

static int set1(const char *name, u_char type, const void *val, size_t len)
{
    struct reply r = query(SNMP_MSG_SET, SNMP_VERSION_2c, vb(name, type, val, len));
    int st = r.status;
    reply_free(&r);
    return st;
}

static long get_int(const char *name)
{
    struct reply r = get1(name);
    long v = r.vars && r.vars->type == ASN_INTEGER ? *r.vars->val.integer : -999;
    reply_free(&r);
    return v;
}

static void test_set(void)
{
    long l = 77, bad = -9, big = 2147483647L + 1;
    const char *lvl = ".1.3.6.1.2.1.43.8.2.1.10.1.2"; /* prtInputCurrentLevel.1.2 */
    char longs[300];
    netsnmp_variable_list *vars;
    struct reply r;

    memset(longs, 'x', sizeof(longs));
    CU_ASSERT_EQUAL(set1(lvl, ASN_INTEGER, &l, sizeof(l)), SNMP_ERR_NOERROR);
    CU_ASSERT_EQUAL(get_int(lvl), 77);
    CU_ASSERT_EQUAL(set1(lvl, ASN_INTEGER, &bad, sizeof(bad)), SNMP_ERR_WRONGVALUE);
    CU_ASSERT_EQUAL(set1(lvl, ASN_INTEGER, &big, sizeof(big)), SNMP_ERR_WRONGVALUE);
    CU_ASSERT_EQUAL(set1(lvl, ASN_OCTET_STR, "x", 1), SNMP_ERR_WRONGTYPE);
    CU_ASSERT_EQUAL(set1(".1.3.6.1.2.1.43.8.2.1.10.1.99", ASN_INTEGER, &l, sizeof(l)),
                    SNMP_ERR_NOCREATION);
    CU_ASSERT_EQUAL(set1(".1.3.6.1.2.1.43.8.2.1.2.1.1", ASN_INTEGER, &l, sizeof(l)),
                    SNMP_ERR_NOTWRITABLE);
    CU_ASSERT_EQUAL(set1(".1.3.6.1.2.1.43.8.2.1.12.1.1", ASN_OCTET_STR, longs, 64),
                    SNMP_ERR_WRONGLENGTH);
    CU_ASSERT_EQUAL(set1(".1.3.6.1.2.1.25.3.2.1.5.1", ASN_INTEGER, &l, sizeof(l)),
                    SNMP_ERR_NOTWRITABLE);
    CU_ASSERT_EQUAL(get_int(lvl), 77);

    /* all or nothing: a good varbind and a bad one in another table */
    l = 55;
    vars = vb(lvl, ASN_INTEGER, &l, sizeof(l));
    vars->next_variable = vb(".1.3.6.1.2.1.43.5.1.1.4.1", ASN_OCTET_STR, longs, 200);
    r = query(SNMP_MSG_SET, SNMP_VERSION_2c, vars);
    CU_ASSERT_EQUAL(r.status, SNMP_ERR_WRONGLENGTH);
    CU_ASSERT_EQUAL(r.index, 2);
    reply_free(&r);
    CU_ASSERT_EQUAL(get_int(lvl), 77);

    /* values consistent only together: the order in the PDU must not matter */
    {
        const char *max = ".1.3.6.1.2.1.43.8.2.1.9.1.3", *cur = ".1.3.6.1.2.1.43.8.2.1.10.1.3";
        long m0 = get_int(max), c0 = get_int(cur), m = 100, c = 50, cbad = 500;
        CU_ASSERT(c0 > 100);
        vars = vb(max, ASN_INTEGER, &m, sizeof(m));
        vars->next_variable = vb(cur, ASN_INTEGER, &cbad, sizeof(cbad));
        r = query(SNMP_MSG_SET, SNMP_VERSION_2c, vars);
        CU_ASSERT_EQUAL(r.status, SNMP_ERR_INCONSISTENTVALUE);
        reply_free(&r);
        CU_ASSERT_EQUAL(get_int(max), m0);
        CU_ASSERT_EQUAL(get_int(cur), c0);
        vars = vb(max, ASN_INTEGER, &m, sizeof(m));
        vars->next_variable = vb(cur, ASN_INTEGER, &c, sizeof(c));
        r = query(SNMP_MSG_SET, SNMP_VERSION_2c, vars);
        CU_ASSERT_EQUAL(r.status, SNMP_ERR_NOERROR);
        reply_free(&r);
        CU_ASSERT_EQUAL(get_int(max), 100);
        CU_ASSERT_EQUAL(get_int(cur), 50);
    }

    /* the state file was written at COMMIT */
    {
        char path[PATH_MAX];
        snprintf(path, sizeof(path), "%s/state/prod-1.state", tmpdir);
        CU_ASSERT_EQUAL(access(path, R_OK), 0);
    }
}

/* ---- SET phases one PDU at a time, as an AgentX subagent runs them ----
 * (TestSet = RESERVE1 + RESERVE2, CommitSet = ACTION, UndoSet = UNDO,
 * CleanupSet = COMMIT); Net-SNMP carries the request between them in its
 * set cache, as in printdevd. */

/* exported by libnetsnmpagent, not declared in its public headers */
struct agent_set_cache_s;
struct agent_set_cache_s *save_set_cache(netsnmp_agent_session *asp);

static int set_phase(int mode, long transid, const netsnmp_variable_list *vars)
{
    netsnmp_pdu *pdu = snmp_pdu_create(mode);
    netsnmp_agent_session *asp;
    int st;

    pdu->version = SNMP_VERSION_2c;
    pdu->transid = transid;
    pdu->flags |= UCD_MSG_FLAG_ALWAYS_IN_VIEW;
    pdu->variables = snmp_clone_varbind((netsnmp_variable_list *)vars);
    asp = init_agent_snmp_session(NULL, pdu);
    snmp_free_pdu(pdu);
    CU_ASSERT_FATAL(asp != NULL);
    st = handle_pdu(asp);
    if (mode == MODE_SET_RESERVE1 || mode == MODE_SET_RESERVE2 || mode == MODE_SET_ACTION)
        save_set_cache(asp);
    free_agent_snmp_session(asp);
    return st;
}

static char *state_file(void)
{
    char path[PATH_MAX], *buf;
    FILE *f;
    long n;

    snprintf(path, sizeof(path), "%s/state/prod-1.state", tmpdir);
    f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    buf = calloc(1, (size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    return buf;
}

static void get_str(const char *name, char *out, size_t len)
{
    struct reply r = get1(name);
    out[0] = '\0';
    if (r.vars && r.vars->type == ASN_OCTET_STR && r.vars->val_len < len) {
        memcpy(out, r.vars->val.string, r.vars->val_len);
        out[r.vars->val_len] = '\0';
    }
    reply_free(&r);
}

static unsigned long get_u(const char *name)
{
    struct reply r = get1(name);
    unsigned long v = r.vars && r.vars->val.integer ? (unsigned long)*r.vars->val.integer : 0;
    reply_free(&r);
    return v;
}

/* CommitSet saves before its answer; UndoSet after it puts everything back
 * exactly (value, prtGeneralConfigChanges, printdevDeviceStateSaved, the
 * state file) even across the reset the request ran; CleanupSet keeps it. */
static void test_set_phases(void)
{
    const char *name = ".1.3.6.1.2.1.43.5.1.1.16.1", *reset = ".1.3.6.1.2.1.43.5.1.1.3.1";
    const char *cc = ".1.3.6.1.2.1.43.5.1.1.1.1", *power = ".1.3.6.1.2.1.43.10.2.1.5.1.1";
    const char *saved = ".1.3.6.1.4.1.8072.9999.4300.1.2.1.5.1";
    const char *level = ".1.3.6.1.2.1.43.8.2.1.10.1.1";
    char name0[128], now[128], *file0, *file;
    unsigned long cc0, power0;
    long four = 4, lvl = 123;
    netsnmp_variable_list *vars;

    get_str(name, name0, sizeof(name0));
    cc0 = get_u(cc);
    power0 = get_u(power);
    CU_ASSERT(power0 > 0);
    CU_ASSERT_EQUAL(get_int(saved), 1);
    file0 = state_file();
    CU_ASSERT_PTR_NOT_NULL_FATAL(file0);

    vars = vb(name, ASN_OCTET_STR, "Phased", 6);
    vars->next_variable = vb(reset, ASN_INTEGER, &four, sizeof(four));
    CU_ASSERT_EQUAL(set_phase(MODE_SET_RESERVE1, 4711, vars), SNMP_ERR_NOERROR);
    CU_ASSERT_EQUAL(set_phase(MODE_SET_RESERVE2, 4711, vars), SNMP_ERR_NOERROR);
    /* TestSet passed: nothing happened yet */
    CU_ASSERT_EQUAL(get_u(power), power0);
    get_str(name, now, sizeof(now));
    CU_ASSERT_STRING_EQUAL(now, name0);
    CU_ASSERT_EQUAL(set_phase(MODE_SET_ACTION, 4711, vars), SNMP_ERR_NOERROR);
    /* CommitSet answered: applied, reset once, saved */
    get_str(name, now, sizeof(now));
    CU_ASSERT_STRING_EQUAL(now, "Phased");
    CU_ASSERT_EQUAL(get_u(power), 0);
    CU_ASSERT_EQUAL(get_int(saved), 1);
    file = state_file();
    CU_ASSERT(file && strstr(file, "Phased") != NULL);
    free(file);
    /* UndoSet (another subagent failed its CommitSet) */
    CU_ASSERT_EQUAL(set_phase(MODE_SET_UNDO, 4711, vars), SNMP_ERR_NOERROR);
    get_str(name, now, sizeof(now));
    CU_ASSERT_STRING_EQUAL(now, name0);
    CU_ASSERT_EQUAL(get_u(power), power0);
    CU_ASSERT_EQUAL(get_u(cc), cc0);
    CU_ASSERT_EQUAL(get_int(saved), 1);
    file = state_file();
    CU_ASSERT(file && strcmp(file, file0) == 0);
    free(file);

    /* the device changes between CommitSet and UndoSet (the feed): the
     * change stays, the request's value comes back, the reset cannot */
    CU_ASSERT_EQUAL(set_phase(MODE_SET_RESERVE1, 4712, vars), SNMP_ERR_NOERROR);
    CU_ASSERT_EQUAL(set_phase(MODE_SET_RESERVE2, 4712, vars), SNMP_ERR_NOERROR);
    CU_ASSERT_EQUAL(set_phase(MODE_SET_ACTION, 4712, vars), SNMP_ERR_NOERROR);
    CU_ASSERT_EQUAL(set1(level, ASN_INTEGER, &lvl, sizeof(lvl)), SNMP_ERR_NOERROR);
    CU_ASSERT_EQUAL(set_phase(MODE_SET_UNDO, 4712, vars), SNMP_ERR_UNDOFAILED);
    get_str(name, now, sizeof(now));
    CU_ASSERT_STRING_EQUAL(now, name0);
    CU_ASSERT_EQUAL(get_int(level), 123);
    CU_ASSERT_EQUAL(get_int(saved), 1);

    /* CleanupSet after CommitSet: stays */
    CU_ASSERT_EQUAL(set_phase(MODE_SET_RESERVE1, 4713, vars), SNMP_ERR_NOERROR);
    CU_ASSERT_EQUAL(set_phase(MODE_SET_RESERVE2, 4713, vars), SNMP_ERR_NOERROR);
    CU_ASSERT_EQUAL(set_phase(MODE_SET_ACTION, 4713, vars), SNMP_ERR_NOERROR);
    CU_ASSERT_EQUAL(set_phase(MODE_SET_COMMIT, 4713, vars), SNMP_ERR_NOERROR);
    get_str(name, now, sizeof(now));
    CU_ASSERT_STRING_EQUAL(now, "Phased");
    CU_ASSERT_EQUAL(get_int(saved), 1);
    snmp_free_varbind(vars);
    free(file0);
}

/* ---- notifications ---- */

/* Every v2 notification the agent sends passes SNMPD_CALLBACK_SEND_TRAP2
 * (the hook snmpd's notification log uses): collect the printerV2Alerts.
 * Each carries the six mandatory prtAlert varbinds (instance .1.a), then
 * prtAlertDescription.1.a (non-empty) and printdevDeviceName.1. */
static int n_alerts_sent;
static int alert_varbinds_ok;
static int operator_alert_seen; /* generalPrinter, -1, other, its text */

static int trap_seen(int major, int minor, void *server, void *client)
{
    static const oid trap_oid_0[] = { 1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0 };
    static const oid v2alert[] = { 1, 3, 6, 1, 2, 1, 43, 18, 2, 0, 1 };
    static const oid entry[] = { 1, 3, 6, 1, 2, 1, 43, 18, 1, 1 };
    static const oid cols[] = { 1, 2, 4, 5, 6, 7 };
    static const oid dev_name[] = { 1, 3, 6, 1, 4, 1, 8072, 9999, 4300, 1, 2, 1, 1, 1 };
    static const char op_text[] = "Operator intervention required";
    netsnmp_pdu *pdu = server;
    netsnmp_variable_list *v;
    long index = -1, val[8] = { 0 };
    int i = 0, ok = 1;

    for (v = pdu->variables; v; v = v->next_variable)
        if (snmp_oid_compare(v->name, v->name_length, trap_oid_0, OID_LENGTH(trap_oid_0)) == 0)
            break;
    if (!v || v->type != ASN_OBJECT_ID ||
        snmp_oid_compare(v->val.objid, v->val_len / sizeof(oid), v2alert, OID_LENGTH(v2alert)) != 0)
        return 0;
    n_alerts_sent++;
    for (v = v->next_variable; v && i < 6; v = v->next_variable, i++) {
        /* prtAlert<col>.1.<index>, INTEGER; the first one is prtAlertIndex itself */
        if (v->name_length != OID_LENGTH(entry) + 3 ||
            snmp_oid_compare(v->name, OID_LENGTH(entry), entry, OID_LENGTH(entry)) != 0 ||
            v->name[OID_LENGTH(entry)] != cols[i] || v->name[OID_LENGTH(entry) + 1] != 1 ||
            v->type != ASN_INTEGER)
            ok = 0;
        else if (i == 0)
            index = *v->val.integer;
        else if ((long)v->name[OID_LENGTH(entry) + 2] != index)
            ok = 0;
        if (v->type == ASN_INTEGER)
            val[i] = *v->val.integer;
    }
    /* prtAlertDescription.1.<index> */
    if (i != 6 || v == NULL || v->type != ASN_OCTET_STR || v->val_len == 0 ||
        v->name_length != OID_LENGTH(entry) + 3 ||
        snmp_oid_compare(v->name, OID_LENGTH(entry), entry, OID_LENGTH(entry)) != 0 ||
        v->name[OID_LENGTH(entry)] != 8 || v->name[OID_LENGTH(entry) + 1] != 1 ||
        (long)v->name[OID_LENGTH(entry) + 2] != index) {
        alert_varbinds_ok = 0;
        return 0;
    }
    if (val[2] == 5 && val[3] == -1 && val[5] == 1 && v->val_len == sizeof(op_text) - 1 &&
        memcmp(v->val.string, op_text, v->val_len) == 0)
        operator_alert_seen = 1;
    /* printdevDeviceName.1 = "prod-1", and nothing after it */
    v = v->next_variable;
    if (v == NULL || v->type != ASN_OCTET_STR ||
        snmp_oid_compare(v->name, v->name_length, dev_name, OID_LENGTH(dev_name)) != 0 ||
        v->val_len != 6 || memcmp(v->val.string, "prod-1", 6) != 0 || v->next_variable != NULL)
        ok = 0;
    if (!ok)
        alert_varbinds_ok = 0;
    return 0;
}

static void test_notifications(void)
{
    long zero = 0, full = 1500;
    char name[64];

    alert_varbinds_ok = 1;
    n_alerts_sent = 0;
    operator_alert_seen = 0;
    snmp_register_callback(SNMP_CALLBACK_APPLICATION, SNMPD_CALLBACK_SEND_TRAP2, trap_seen, NULL);
    /* every tray empty: critical alerts (RFC 3805: a trap for each) */
    for (int t = 1; t <= 5; t++) {
        snprintf(name, sizeof(name), ".1.3.6.1.2.1.43.8.2.1.10.1.%d", t);
        CU_ASSERT_EQUAL(set1(name, ASN_INTEGER, &zero, sizeof(zero)), SNMP_ERR_NOERROR);
    }
    CU_ASSERT(n_alerts_sent >= 2); /* "Out of paper" and "Operator intervention required" */
    CU_ASSERT(alert_varbinds_ok);
    CU_ASSERT(operator_alert_seen);
    for (int t = 1; t <= 5; t++) {
        snprintf(name, sizeof(name), ".1.3.6.1.2.1.43.8.2.1.10.1.%d", t);
        set1(name, ASN_INTEGER, &full, sizeof(full));
    }
    snmp_unregister_callback(SNMP_CALLBACK_APPLICATION, SNMPD_CALLBACK_SEND_TRAP2, trap_seen, NULL,
                             1);
}

/* ---- the device's own context ---- */

/* The device alone in its context (prod-1): hrDeviceIndex 1 and the same
 * Printer MIB as in the default context (it is device 1 there too), the
 * system group from the profile, whole hrDeviceTable/hrPrinterTable rows,
 * walks in order across the tables of the one registration; a SET through
 * the context writes the device; an unknown context has nothing. */
static void test_context(void)
{
    char buf[128];
    int n_default = walk_check(".1.3.6.1.2.1.43");

    query_context = "prod-1";
    get_str(".1.3.6.1.2.1.1.1.0", buf, sizeof(buf));
    CU_ASSERT_STRING_EQUAL(buf, "Canon VarioPrint 6330 TITAN");
    get_str(".1.3.6.1.2.1.1.6.0", buf, sizeof(buf));
    CU_ASSERT_STRING_EQUAL(buf, "Print room, hall B");
    CU_ASSERT_EQUAL(get_int(".1.3.6.1.2.1.1.7.0"), 72);
    CU_ASSERT_EQUAL(walk_check(".1.3.6.1.2.1.1"), 7);
    CU_ASSERT_EQUAL(walk_check(".1.3.6.1.2.1.25.3.2.1"), 6);
    CU_ASSERT_EQUAL(walk_check(".1.3.6.1.2.1.25.3.5.1"), 2);
    CU_ASSERT_EQUAL(walk_check(".1.3.6.1.2.1.43"), n_default);
    CU_ASSERT(walk_check(".1.3.6.1.4.1.2699.1.2") > 10);
    /* 5 device columns + 8 billing counters; no agent scalars */
    CU_ASSERT_EQUAL(walk_check(".1.3.6.1.4.1.8072.9999.4300"), 13);
    CU_ASSERT(walk_check(".1") > n_default);
    CU_ASSERT_EQUAL(get_int(".1.3.6.1.2.1.25.3.2.1.1.1"), 1);
    CU_ASSERT_EQUAL(set1(".1.3.6.1.2.1.43.5.1.1.4.1", ASN_OCTET_STR, "ctx@example.org", 15),
                    SNMP_ERR_NOERROR);
    CU_ASSERT_EQUAL(set1(".1.3.6.1.2.1.1.1.0", ASN_OCTET_STR, "x", 1), SNMP_ERR_NOTWRITABLE);
    query_context = "no-such-device";
    get_str(".1.3.6.1.2.1.1.1.0", buf, sizeof(buf));
    CU_ASSERT_STRING_EQUAL(buf, "");
    query_context = NULL;
    get_str(".1.3.6.1.2.1.43.5.1.1.4.1", buf, sizeof(buf));
    CU_ASSERT_STRING_EQUAL(buf, "ctx@example.org");
}

/* Net-SNMP puts each new context first in its list of contexts, which
 * every request walks up to its own context: after the sync the default
 * context is first again (glue_ctxorder.c), and every context is still
 * there once. */
static void test_default_context_first(void)
{
    const subtree_context_cache *c = get_top_context_cache();
    int n_default = 0, n_prod1 = 0, n = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CU_ASSERT_STRING_EQUAL(c->context_name, "");
    for (; c; c = c->next, n++) {
        n_default += c->context_name && !strcmp(c->context_name, "");
        n_prod1 += c->context_name && !strcmp(c->context_name, "prod-1");
    }
    CU_ASSERT_EQUAL(n_default, 1);
    CU_ASSERT_EQUAL(n_prod1, 1);
    CU_ASSERT(n > 1);
    CU_ASSERT_PTR_NOT_NULL(netsnmp_subtree_find_first("prod-1"));
}

static void register_glue_suite(void)
{
    CU_pSuite s = cu_add_suite("glue", setup, teardown);
    CU_ADD(s, test_walk_printer_mib);
    CU_ADD(s, test_walk_other_subtrees);
    CU_ADD(s, test_types);
    CU_ADD(s, test_unset_strings_empty);
    CU_ADD(s, test_values);
    CU_ADD(s, test_exceptions);
    CU_ADD(s, test_set);
    CU_ADD(s, test_set_phases);
    CU_ADD(s, test_notifications);
    CU_ADD(s, test_context);
    CU_ADD(s, test_default_context_first);
}

const cu_registrar cu_suites[] = { register_glue_suite, NULL };
