/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * glue_config.c: life cycle of the printdev glue inside a Net-SNMP agent
 * (snmpd with printdev.so, or the printdevd AgentX subagent).
 *
 *  - Config: every profile token (prt_profile_tokens[]) is registered for
 *    the running application type ("snmpd" or "printdevd") and forwarded to
 *    prt_profile_line() with the config file and line it is on (found by
 *    reading the files: glue_config_where.c); errors go out through
 *    netsnmp_config_error() so they carry file:line.  Our own
 *    tokens: printdevStateDir, printdevNotify, printdevNotifyRemovals.
 *  - SNMP_CALLBACK_POST_READ_CONFIG (start-up and every SIGHUP):
 *    prt_profile_finish() into a fresh model built aside (broken devices
 *    are logged and not registered), restore each device's durable state,
 *    apply the rules, swap it in; the tables are registered once, the hr
 *    cells of devices that came or went are (un)registered (rebuild()).
 *  - Feed: the feed server (module/feed) is started on the new model after
 *    every build and stopped before every teardown; its token
 *    (printdevFeedSocket) is registered next to ours.
 *  - Alerts, saves and the durability rule: glue_commit.c (the model's
 *    alert callback, printerV2Alert filtered by printdevNotify, state
 *    saves, the ops the feed server is given).
 *
 * How to try it by hand (loopback, high port, never 161):
 *   snmpd -f -Lo -C -c test.conf udp:127.0.0.1:16161
 *   test.conf:  rocommunity public 127.0.0.1
 *               dlmod printdev /abs/path/.libs/printdev.so
 *               printdevStateDir /tmp/pd-state
 *               printdevProfile /abs/path/conf/profiles/production.conf
 *               trap2sink 127.0.0.1:16162 public
 *   snmpwalk -v2c -c public 127.0.0.1:16161 1.3.6.1.2.1.43
 */
#include <config.h>

#include <errno.h>
#include <limits.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "glue_internal.h"
#include "glue_where.h"
#include "printdev_glue.h"
#include "printdev_oids.h"
#include "prt_profile.h"
#include "prt_registry.h"
#include "prt_state.h"

#include "feed_server.h"


static char *apptype;                 /* "snmpd" or "printdevd" */
static int initialized;
static struct prt_profile *profile;   /* lines of the configuration being read */
static char *state_dir_opt;           /* printdevStateDir, NULL = default */
static unsigned profile_errors_pending;

/* ---- a log handler of our own ----
 * One fact Net-SNMP only tells through its log: an AgentX master refusing a
 * registration ("registering pdu failed: 263!", reported as success
 * locally).  A callback-type log handler catches it.  It is registered once
 * per process and never removed (removing log handlers is unsafe in
 * Net-SNMP 5.9: the priority lists keep pointing at the freed handler);
 * when printdev is unloaded it is disabled and pointed at the library's
 * null handler, and a later load finds it again by its token.  (The config
 * file and line of our directives are found by reading the files:
 * glue_config_where.c.) */
#define CAPTURE_TOKEN "printdev-capture"
static netsnmp_log_handler *capture;
static int capture_watch;       /* watching for refused AgentX registrations */
static int reg_refused;

static int capture_log(netsnmp_log_handler *h, int pri, const char *str)
{
    if (capture_watch && strstr(str, "registering pdu failed"))
        reg_refused = 1;
    return 1;
}

static netsnmp_log_handler *capture_get(void)
{
    if (capture)
        return capture;
    capture = netsnmp_find_loghandler(CAPTURE_TOKEN);
    if (!capture) {
        capture = netsnmp_register_loghandler(NETSNMP_LOGHANDLER_CALLBACK, LOG_DEBUG);
        if (!capture)
            return NULL;
        capture->token = strdup(CAPTURE_TOKEN);
    }
    capture->handler = capture_log;
    capture->enabled = capture_watch;
    return capture;
}

static void capture_release(void)
{
    netsnmp_log_handler *h;
    /* after snmp_shutdown() the library's handlers may be gone already */
    for (h = get_logh_head(); h && h != capture; h = h->next)
        ;
    if (!capture || !h) {
        capture = NULL;
        capture_watch = 0;
        return;
    }
    capture->enabled = 0;
    capture->handler = log_handler_null; /* nothing may point into an unloaded module */
    capture = NULL;
    capture_watch = 0;
}

/* ---- config tokens ---- */

static void report_log(void *arg, const char *msg)
{
    snmp_log(LOG_ERR, "printdev: %s\n", msg);
}

static struct prt_profile *builder(void)
{
    if (!profile) {
        profile = prt_profile_new();
        if (profile)
            prt_profile_set_report(profile, report_log, NULL);
    }
    return profile;
}

static bool is_profile_token(const char *token)
{
    for (size_t i = 0; prt_profile_tokens[i].token; i++)
        if (strcasecmp(prt_profile_tokens[i].token, token) == 0)
            return true;
    return false;
}

static void parse_profile_token(const char *token, char *line)
{
    char err[512], where_file[PATH_MAX];
    int where_line;
    struct prt_profile *p = builder();
    int rc;

    if (!p) {
        config_perror("printdev: out of memory");
        return;
    }
    glue_where_find(is_profile_token, token, line ? line : "", where_file, sizeof(where_file),
                    &where_line);
    err[0] = '\0';
    rc = prt_profile_line(p, where_file, where_line, token, line ? line : "", err, sizeof(err));
    if (rc != 0)
        netsnmp_config_error("%s", err[0] ? err : prt_strerror(rc));
}

static void parse_state_dir(const char *token, char *line)
{
    char buf[PATH_MAX];
    if (!line || !*line) {
        config_perror("printdevStateDir: missing directory");
        return;
    }
    copy_nword(line, buf, sizeof(buf));
    if (buf[0] != '/') {
        config_perror("printdevStateDir: the directory must be an absolute path");
        return;
    }
    free(state_dir_opt);
    state_dir_opt = strdup(buf);
}

static void parse_notify(const char *token, char *line)
{
    char word[64];
    unsigned mask = 0;
    char *cp = line;

    if (!cp || !*cp) {
        config_perror("printdevNotify: expected severities (critical warning "
                      "warningBinaryChangeEvent other), all or none");
        return;
    }
    while (cp && *cp) {
        cp = copy_nword(cp, word, sizeof(word));
        if (!strcmp(word, "critical"))
            mask |= NOTIFY_BIT(PRT_SEV_CRITICAL);
        else if (!strcmp(word, "warning"))
            mask |= NOTIFY_BIT(PRT_SEV_WARNING);
        else if (!strcmp(word, "warningBinaryChangeEvent") || !strcmp(word, "warningBinary"))
            mask |= NOTIFY_BIT(PRT_SEV_WARNING_BINARY);
        else if (!strcmp(word, "other"))
            mask |= NOTIFY_BIT(PRT_SEV_OTHER);
        else if (!strcmp(word, "all"))
            mask |= NOTIFY_DEFAULT | NOTIFY_BIT(PRT_SEV_OTHER);
        else if (!strcmp(word, "none"))
            mask = 0;
        else {
            netsnmp_config_error("printdevNotify: unknown severity \"%s\"", word);
            return;
        }
    }
    glue_notify_mask = mask;
}

static void parse_notify_removals(const char *token, char *line)
{
    char word[16];
    if (!line || !*line) {
        config_perror("printdevNotifyRemovals: expected yes or no");
        return;
    }
    copy_nword(line, word, sizeof(word));
    if (!strcmp(word, "yes"))
        glue_notify_removals = 1;
    else if (!strcmp(word, "no"))
        glue_notify_removals = 0;
    else
        netsnmp_config_error("printdevNotifyRemovals: expected yes or no, not \"%s\"", word);
}

static void parse_contexts(const char *token, char *line)
{
    char word[16];
    if (!line || !*line) {
        config_perror("printdevContexts: expected yes or no");
        return;
    }
    copy_nword(line, word, sizeof(word));
    if (!strcmp(word, "yes"))
        glue_context_enable(1);
    else if (!strcmp(word, "no"))
        glue_context_enable(0);
    else
        netsnmp_config_error("printdevContexts: expected yes or no, not \"%s\"", word);
}

/* free_config() (before every re-read) resets our options. */
static void release_options(void)
{
    glue_context_enable(1);
    free(state_dir_opt);
    state_dir_opt = NULL;
    glue_devices_release_options();
    glue_notify_mask = NOTIFY_DEFAULT;
    glue_notify_removals = 0;
    if (profile) {
        prt_profile_free(profile);
        profile = NULL;
    }
    glue_where_reset(); /* a new read pass follows */
}

static const struct {
    const char *token;
    void (*parse)(const char *, char *);
    const char *help;
} own_tokens[] = {
    { "printdevStateDir", parse_state_dir, "DIRECTORY (absolute; default <persistentDir>/printdev)" },
    { "printdevNotify", parse_notify,
      "critical|warning|warningBinaryChangeEvent|other|all|none ... (default: critical warning "
      "warningBinaryChangeEvent)" },
    { "printdevNotifyRemovals", parse_notify_removals, "yes|no (default no)" },
    { "printdevDeviceFirstIndex", glue_devices_parse_first,
      "N (lowest hrDeviceIndex for devices added over the feed; default 1)" },
    { "printdevContexts", parse_contexts,
      "yes|no (default yes: every device also alone in its own SNMP context)" },
};

struct prt_model *printdev_glue_model(void)
{
    return glue_model;
}

/* ---- build / tear down ---- */

static int agent_registered;  /* printdevAgent */
static int tables_registered; /* the Printer MIB, Port Monitor and PRINTDEV-MIB tables */

static void unregister_all(void)
{
    glue_context_unregister();
    glue_hr_unregister();
    glue_tables_unregister();
    agent_registered = tables_registered = 0;
}

static void teardown(void)
{
    printdev_feed_shutdown();
    printdev_glue_notify_release();
    glue_flush_saves();
    unregister_all();
    glue_storage_index_free();
    glue_devinfo_free();
    if (glue_model) {
        prt_registry_free(glue_model->registry);
        prt_model_free(glue_model);
        glue_model = NULL;
    }
}

static void report_count(void *arg, const char *msg)
{
    profile_errors_pending++;
    snmp_log(LOG_ERR, "printdev: %s\n", msg);
}

static int sync_registrations(const struct prt_model *m);

/* Makes the registrations those of m.  The tables are registered once and
 * serve whatever glue_model holds; only the contexts and the hr cells are
 * per device, and only those of devices that came or went are changed
 * (glue_internal.h: the call for run-time device add/remove). */
int glue_registrations_sync(const struct prt_model *m)
{
    return sync_registrations(m);
}

static int sync_registrations(const struct prt_model *m)
{
    unsigned added = 0, removed = 0;
    int watch, rc;

    if (m->n_devices == 0 && tables_registered) {
        unregister_all();
    }
    if (!agent_registered) {
        if (glue_tables_register(&glue_agent_table, 1) != 0)
            return -1;
        agent_registered = 1;
    }
    if (m->n_devices == 0) {
        glue_context_unregister();
        glue_default_context_first();
        return 0;
    }
    if (!tables_registered) {
        if (glue_tables_register(glue_printer_tables, glue_printer_ntables) != 0 ||
            glue_tables_register(glue_extra_tables, glue_extra_ntables) != 0)
            return -1;
        tables_registered = 1;
    }
    if (glue_hr_sync(m, &added, &removed) != 0)
        return -1;
    DEBUGMSGTL(("printdev:register", "hr cells: %u device(s) added, %u removed\n", added, removed));
    /* A device without its context is still served in the default
     * context.  A subagent's first registration in a new context makes
     * Net-SNMP register the context's three root subtrees (ccitt, iso,
     * joint-iso-ccitt) too, which the master refuses with 263 (it has its
     * own): not a refusal of ours, so the watch pauses meanwhile (another
     * subagent serving our devices is caught by the default-context
     * registrations).  The contexts come after the hr cells: every
     * registration in the default context scans Net-SNMP's list of
     * contexts, so hr cells registered after thousands of contexts made
     * start-up quadratic (10 s instead of 2.3 s for 4,000 devices). */
    watch = capture_watch;
    capture_watch = 0;
    rc = glue_context_sync(m, &added, &removed);
    capture_watch = watch;
    glue_default_context_first();
    if (rc != 0)
        snmp_log(LOG_ERR, "printdev: some devices are not served in a context of their own\n");
    DEBUGMSGTL(("printdev:register", "contexts: %u added, %u removed\n", added, removed));
    return 0;
}

/* The feed added or removed devices (device add / remove): the
 * registrations (hr cells, contexts) follow glue_model as after a reload. */
static void devices_changed(void)
{
    if (!glue_model)
        return;
    if (glue_devinfo_resync(glue_model) != 0 || glue_storage_index_build(glue_model) != 0) {
        snmp_log(LOG_ERR, "printdev: out of memory after a device change\n");
        return;
    }
    if (sync_registrations(glue_model) != 0)
        snmp_log(LOG_ERR, "printdev: registrations after a device change failed\n");
}

/* glue_feed_ops (glue_commit.c) plus the device ops. */
static struct feed_agent_ops feed_ops;

/* Start-up and every reload (SIGHUP) build the new model aside (profile,
 * durable state, rules) while the old one is still served, then swap it in
 * and change only the registrations of devices that came or went: a reload
 * of an unchanged profile registers nothing, so snmpd is busy only for the
 * parse and the state files (see bench/RESULTS-scale.md). */
static int rebuild(void)
{
    struct prt_model *m, *old;
    int added = 0;

    /* the new model reads the state files: write what is pending first */
    glue_flush_saves();
    m = prt_model_new();
    if (!m) {
        snmp_log(LOG_ERR, "printdev: out of memory; nothing registered\n");
        teardown();
        return -1;
    }
    m->uptime = glue_uptime;
    m->alert_cb = glue_alert_cb;
    profile_errors_pending = 0;
    if (profile) {
        profile_errors_pending = (unsigned)prt_profile_errors(profile);
        added = prt_profile_finish(profile, m, report_count, NULL);
        prt_profile_free(profile);
        profile = NULL;
    }
    glue_agent_set_profile_errors(profile_errors_pending);
    glue_pick_state_dir(state_dir_opt);
    /* devices added at run time (feed device add) come back after the
     * profile's, before their durable state is restored below */
    glue_devices_load(m, glue_state_dir);

    {
        /* snmpd -u USER: state files written after dropping root are USER's */
        int uid = netsnmp_ds_get_int(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_USERID);
        prt_state_trust_uid(uid > 0 ? (uid_t)uid : (uid_t)-1);
    }
    glue_notify_muted = 1; /* re-deriving known state is not a new event */
    for (size_t i = 0; i < m->n_devices; i++) {
        struct prt_device *d = m->devices[i];
        char msg[1024];
        int rc;
        msg[0] = '\0';
        rc = glue_state_dir ? prt_state_load(d, glue_state_dir, msg, sizeof(msg)) : -PRT_ENOENT;
        if (rc == 0) {
            if (msg[0])
                snmp_log(LOG_WARNING, "printdev: device %s: state partly restored: %s\n",
                         d->name, msg);
            d->saved_generation = d->generation;
        } else if (rc != -PRT_ENOENT) {
            char kept[PATH_MAX];
            /* the file is moved aside before the save below replaces it */
            if (rc != -PRT_ENOMEM && prt_state_keep_bad(d, glue_state_dir, kept, sizeof(kept)) == 0)
                snmp_log(LOG_ERR,
                         "printdev: device %s: state not restored: %s; the rejected "
                         "file is kept as %s\n",
                         d->name, msg[0] ? msg : prt_strerror(rc), kept);
            else
                snmp_log(LOG_ERR, "printdev: device %s: state not restored: %s\n", d->name,
                         msg[0] ? msg : prt_strerror(rc));
        }
        prt_rules_apply(m, d);
        /* the rules only re-derived what the file holds: nothing to write */
        if (rc == 0 && d->generation != d->saved_generation && prt_state_matches(d, glue_state_dir))
            d->saved_generation = d->generation;
        glue_save_device(d);
    }
    glue_notify_muted = 0;

    /* swap: the feed's sessions point into the old model */
    printdev_feed_shutdown();
    printdev_glue_notify_release();
    old = glue_model;
    glue_model = m;
    if (old) {
        prt_registry_free(old->registry);
        prt_model_free(old);
#ifdef __GLIBC__
        malloc_trim(0); /* two models lived side by side: give the old one back */
#endif
    }
    if (glue_devinfo_reset(m) != 0 || glue_storage_index_build(m) != 0) {
        snmp_log(LOG_ERR, "printdev: out of memory; nothing registered\n");
        teardown();
        return -1;
    }
    if (sync_registrations(m) != 0) {
        snmp_log(LOG_ERR, "printdev: registration failed; nothing registered\n");
        teardown();
        return -1;
    }
    if (m->n_devices == 0) {
        /* printdevAgent alone, so the profile errors can be read remotely;
         * the feed still runs: devices may be added with device add */
        snmp_log(LOG_WARNING, "printdev: no valid device configured (%d added); only "
                 "printdevAgent is served until a device is added over the feed\n", added);
    }
    feed_ops = glue_feed_ops;
    feed_ops.save_registry = glue_devices_save_registry;
    feed_ops.removing = glue_devices_removing;
    feed_ops.devices_changed = devices_changed;
    printdev_feed_set_ops(&feed_ops);
    if (printdev_feed_init(m) != 0)
        snmp_log(LOG_ERR, "printdev: feed server did not start; serving profile values only\n");
    snmp_log(LOG_INFO, "printdev: %zu device(s) registered, state in %s\n", m->n_devices,
             glue_state_dir ? glue_state_dir : "(none)");
    return 0;
}

/* ---- AgentX: registrations the master refused ----
 * printdevd exits when this happens instead of serving half a tree, and
 * without unregistering objects that belong to the other subagent. */
bool printdev_glue_feed_listening(void)
{
    return printdev_feed_listening();
}

bool printdev_glue_registration_refused(void)
{
    return reg_refused != 0;
}

static void reg_watch_start(void)
{
    reg_refused = 0;
    if (!netsnmp_ds_get_boolean(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_ROLE))
        return;
    capture_watch = 1;
    if (capture_get())
        capture->enabled = 1;
}

static int built_since_init;   /* the post-config hook ran since init */
static unsigned int park_alarm; /* printdev_glue_unload(): drop if not loaded again */
static unsigned int late_alarm;

static int post_config(int major, int minor, void *server, void *client)
{
    built_since_init = 1;
    rebuild();
    return SNMPERR_SUCCESS;
}

/* ---- loaded into a running snmpd ----
 * When printdev.so is loaded through UCD-DLMOD-MIB (dlmodStatus = load),
 * snmpd does not read its configuration again, so the post-config hook
 * never runs.  The first pass of the main loop notices that and reads the
 * printdev* lines itself: the same files snmpd reads (its configuration
 * path, -c files, includes; nothing with -C but the -c files), through
 * Net-SNMP's own reader, with handlers for printdev* tokens only. */

static void read_own_config(void)
{
    struct config_line *mine = NULL, **tail = &mine, *l;
    struct config_files ct;
    const char *opt = netsnmp_ds_get_string(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_OPTIONALCONFIG);
    int nowarn = netsnmp_ds_get_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_NO_TOKEN_WARNINGS);
    char *list, *file, *save = NULL;

    for (l = read_config_get_handlers(apptype); l; l = l->next) {
        struct config_line *c;
        if (strncasecmp(l->config_token, "printdev", 8) != 0)
            continue;
        c = malloc(sizeof(*c));
        if (!c)
            break;
        *c = *l; /* shares the token and help strings of the registered one */
        c->next = NULL;
        *tail = c;
        tail = &c->next;
    }
    ct.fileHeader = apptype;
    ct.start = mine;
    ct.next = NULL;
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_NO_TOKEN_WARNINGS, 1);
    if (opt && *opt == '-')
        opt++;
    read_config_files_of_type(NORMAL_CONFIG, &ct);
    list = opt ? strdup(opt) : NULL;
    for (file = list ? strtok_r(list, ",", &save) : NULL; file; file = strtok_r(NULL, ",", &save))
        if (access(file, R_OK) == 0)
            read_config(file, mine, NORMAL_CONFIG);
    free(list);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_NO_TOKEN_WARNINGS, nowarn);
    while (mine) {
        l = mine->next;
        free(mine);
        mine = l;
    }
}

static void late_check(unsigned int reg, void *arg)
{
    late_alarm = 0;
    if (built_since_init)
        return;
    snmp_log(LOG_INFO, "printdev: loaded into a running %s: reading its printdev configuration\n",
             apptype);
    read_own_config();
    built_since_init = 1;
    rebuild();
}

int printdev_glue_init(void)
{
    const char *type;
    if (initialized)
        return 0;
    if (park_alarm) { /* reloaded: the parked model and registrations are re-used */
        snmp_alarm_unregister(park_alarm);
        park_alarm = 0;
    }
    type = netsnmp_ds_get_string(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_APPTYPE);
    apptype = strdup(type ? type : "snmpd");
    if (!apptype) {
        snmp_log(LOG_ERR, "printdev: out of memory\n");
        return -1;
    }
    for (size_t i = 0; prt_profile_tokens[i].token; i++)
        register_config_handler(apptype, prt_profile_tokens[i].token, parse_profile_token, NULL,
                                prt_profile_tokens[i].help);
    for (size_t i = 0; i < sizeof(own_tokens) / sizeof(own_tokens[0]); i++)
        register_config_handler(apptype, own_tokens[i].token, own_tokens[i].parse,
                                i == 0 ? release_options : NULL, own_tokens[i].help);
    printdev_feed_register_config();
    if (snmp_register_callback(SNMP_CALLBACK_LIBRARY, SNMP_CALLBACK_POST_READ_CONFIG,
                               post_config, NULL) != SNMPERR_SUCCESS) {
        snmp_log(LOG_ERR, "printdev: cannot register the post-config callback\n");
        printdev_glue_shutdown();
        return -1;
    }
    built_since_init = 0;
    reg_watch_start();
    {
        struct timeval soon = { 0, 1 };
        late_alarm = snmp_alarm_register_hr(soon, 0, late_check, NULL);
    }
    initialized = 1;
    return 0;
}

/* ---- printdev.so across snmpd's SIGHUP (dlmod unload + load) ---- */
static int pinned;

void printdev_glue_set_pinned(void)
{
    pinned = 1;
}

static void unregister_hooks(void);

static void park_expired(unsigned int reg, void *arg)
{
    park_alarm = 0;
    if (initialized)
        return;
    DEBUGMSGTL(("printdev", "module not loaded again: dropping its registrations\n"));
    teardown();
}

void printdev_glue_unload(void)
{
    struct timeval soon = {0, 1};

    if (!pinned || !initialized) {
        printdev_glue_shutdown();
        return;
    }
    /* SIGHUP: init and the configuration read follow at once, the main
     * loop runs only after them */
    park_alarm = snmp_alarm_register_hr(soon, 0, park_expired, NULL);
    if (park_alarm == 0) {
        printdev_glue_shutdown();
        return;
    }
    if (late_alarm) {
        snmp_alarm_unregister(late_alarm);
        late_alarm = 0;
    }
    capture_release();
    printdev_feed_shutdown();
    printdev_glue_notify_release();
    glue_flush_saves();
    unregister_hooks();
}

void printdev_glue_shutdown(void)
{
    if (park_alarm) {
        snmp_alarm_unregister(park_alarm);
        park_alarm = 0;
    }
    if (late_alarm) {
        snmp_alarm_unregister(late_alarm);
        late_alarm = 0;
    }
    capture_release();
    /* printdevd stops (its AgentX session closes next): unregistering
     * thousands of hr cells one PDU at a time would take longer than the
     * master needs to drop them all with the session */
    if (netsnmp_ds_get_boolean(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_ROLE))
    {
        glue_hr_forget();
        glue_context_forget();
    }
    teardown();
    unregister_hooks();
}

/* Config tokens, the post-config callback and the options. */
static void unregister_hooks(void)
{
    snmp_unregister_callback(SNMP_CALLBACK_LIBRARY, SNMP_CALLBACK_POST_READ_CONFIG, post_config,
                             NULL, 1);
    if (apptype) {
        printdev_feed_unregister_config();
        for (size_t i = 0; prt_profile_tokens[i].token; i++)
            unregister_config_handler(apptype, prt_profile_tokens[i].token);
        for (size_t i = 0; i < sizeof(own_tokens) / sizeof(own_tokens[0]); i++)
            unregister_config_handler(apptype, own_tokens[i].token);
    }
    release_options();
    free(apptype);
    apptype = NULL;
    free(glue_state_dir);
    glue_state_dir = NULL;
    glue_agent_set_profile_errors(0);
    initialized = 0;
}
