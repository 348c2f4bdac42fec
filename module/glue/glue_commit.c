/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * glue_commit.c: what follows a change of the model inside the agent:
 * printerV2Alert notifications (queued while a change is being saved),
 * the durable state (state directory, saves now or from a one-second
 * alarm) and the durability rule in its one place (glue_commit_durable:
 * "an acknowledgement means saved, a notification goes out after the save
 * of the state it reports"), used by the SET commit (glue_set.c) and, as
 * the struct feed_agent_ops the glue registers, by the feed server.
 *
 *  - Alerts: the model's alert callback becomes printerV2Alert
 *    (RFC 3805 prtAlertTrapGroup; varbinds prtAlertIndex, SeverityLevel,
 *    Group, GroupIndex, Location, Code of the new row, instance .d.a, then,
 *    as extra varbinds after the mandatory ones, prtAlertDescription.d.a
 *    (the printer's own words) and printdevDeviceName.d (which device)),
 *    sent with send_v2trap() to every configured sink, filtered by
 *    printdevNotify (glue_notify_mask, set by glue_config.c).
 */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "feed_server.h"
#include "glue_internal.h"
#include "printdev_glue.h"
#include "printdev_oids.h"
#include "prt_rules.h"
#include "prt_state.h"

char *glue_state_dir;
unsigned glue_notify_mask = NOTIFY_DEFAULT;
int glue_notify_removals;
int glue_notify_muted;

/* ---- notifications ---- */

uint32_t glue_uptime(void)
{
    return (uint32_t)netsnmp_get_agent_uptime();
}

static int notify_held;               /* printdev_glue_notify_hold() */
static netsnmp_variable_list **held;  /* queued printerV2Alert varbind lists */
static size_t n_held;

void glue_alert_cb(const struct prt_device *d, const struct prt_alert *a,
                     enum prt_alert_event ev, void *arg)
{
    static const oid trap_oid_0[] = { SNMP_TRAP_OID_0 };
    static const oid v2alert[] = { PRINTER_V2_ALERT_OID };
    static const oid entry[] = { PRT_ALERT_ENTRY_OID };
    static const oid cols[] = { 1, 2, 4, 5, 6, 7 };
    static const oid dev_name[] = { PRINTDEV_DEVICE_NAME_OID };
    netsnmp_variable_list *vars = NULL;
    oid descr[OID_LENGTH(entry) + 3], dname[OID_LENGTH(dev_name) + 1];

    if (glue_notify_muted)
        return;
    printdev_feed_alert_event(d, a, (int)ev); /* `watch` clients of the feed */
    if (ev != PRT_ALERT_ADDED)
        return;
    if (a->code == ALERT_REMOVAL_CODE) {
        if (!glue_notify_removals)
            return;
    } else if (a->severity < 0 || a->severity > 31 ||
               !(glue_notify_mask & NOTIFY_BIT(a->severity))) {
        return;
    }
    if (!snmp_varlist_add_variable(&vars, trap_oid_0, OID_LENGTH(trap_oid_0), ASN_OBJECT_ID,
                                   v2alert, sizeof(v2alert)))
        return;
    for (size_t i = 0; i < OID_LENGTH(cols); i++) {
        oid name[OID_LENGTH(entry) + 3];
        long val;
        memcpy(name, entry, sizeof(entry));
        name[OID_LENGTH(entry)] = cols[i];
        name[OID_LENGTH(entry) + 1] = (oid)d->hr_index;
        name[OID_LENGTH(entry) + 2] = (oid)(uint32_t)a->index;
        switch (cols[i]) {
        case 1: val = a->index; break;
        case 2: val = a->severity; break;
        case 4: val = a->group; break;
        case 5: val = a->group_index; break;
        case 6: val = a->location; break;
        default: val = a->code; break;
        }
        if (!snmp_varlist_add_variable(&vars, name, OID_LENGTH(name), ASN_INTEGER, &val,
                                       sizeof(val))) {
            snmp_free_varbind(vars);
            return;
        }
    }
    /* extra varbinds after the mandatory ones (RFC 3805 printerV2Alert
     * allows them): prtAlertDescription.d.a, printdevDeviceName.d */
    memcpy(descr, entry, sizeof(entry));
    descr[OID_LENGTH(entry)] = 8;
    descr[OID_LENGTH(entry) + 1] = (oid)d->hr_index;
    descr[OID_LENGTH(entry) + 2] = (oid)(uint32_t)a->index;
    memcpy(dname, dev_name, sizeof(dev_name));
    dname[OID_LENGTH(dev_name)] = (oid)d->hr_index;
    if (!snmp_varlist_add_variable(&vars, descr, OID_LENGTH(descr), ASN_OCTET_STR,
                                   a->description, strlen(a->description)) ||
        !snmp_varlist_add_variable(&vars, dname, OID_LENGTH(dname), ASN_OCTET_STR, d->name,
                                   strlen(d->name))) {
        snmp_free_varbind(vars);
        return;
    }
    DEBUGMSGTL(("printdev:notify", "printerV2Alert device %d alert %d code %d\n",
                (int)d->hr_index, (int)a->index, (int)a->code));
    if (notify_held) {
        /* sent by printdev_glue_notify_release(), once the state holding
         * this alert (and the advanced next_alert_index) is on disk */
        netsnmp_variable_list **q = realloc(held, (n_held + 1) * sizeof(*held));
        if (q != NULL) {
            held = q;
            held[n_held++] = vars;
            return;
        }
    }
    send_v2trap(vars);
    snmp_free_varbind(vars);
}

void printdev_glue_notify_hold(void)
{
    notify_held = 1;
}

void printdev_glue_notify_release(void)
{
    notify_held = 0;
    for (size_t i = 0; i < n_held; i++) {
        send_v2trap(held[i]);
        snmp_free_varbind(held[i]);
    }
    free(held);
    held = NULL;
    n_held = 0;
}

void printdev_glue_notify_drop(void)
{
    notify_held = 0;
    for (size_t i = 0; i < n_held; i++)
        snmp_free_varbind(held[i]);
    free(held);
    held = NULL;
    n_held = 0;
}

/* ---- durable state ---- */

static int make_dirs(const char *path)
{
    char buf[PATH_MAX];
    size_t n = strlen(path);
    if (n == 0 || n >= sizeof(buf))
        return -1;
    memcpy(buf, path, n + 1);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0755) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    if (mkdir(buf, 0700) != 0 && errno != EEXIST)
        return -1;
    return 0;
}

void glue_pick_state_dir(const char *state_dir_opt)
{
    free(glue_state_dir);
    glue_state_dir = NULL;
    if (state_dir_opt) {
        glue_state_dir = strdup(state_dir_opt);
    } else {
        const char *pd = get_persistent_directory();
        size_t n = strlen(pd ? pd : "") + sizeof("/printdev");
        glue_state_dir = malloc(n);
        if (glue_state_dir)
            snprintf(glue_state_dir, n, "%s/printdev", pd ? pd : "");
    }
    if (glue_state_dir && make_dirs(glue_state_dir) != 0)
        snmp_log(LOG_ERR, "printdev: cannot create state directory %s: %s\n", glue_state_dir,
                 strerror(errno));
}

const char *printdev_glue_state_dir(void)
{
    return glue_state_dir;
}

void glue_save_device(struct prt_device *d)
{
    int rc;
    if (!glue_state_dir || d->saved_generation == d->generation)
        return;
    rc = prt_state_save(d, glue_state_dir);
    if (rc == 0)
        d->saved_generation = d->generation;
    else
        snmp_log(LOG_ERR, "printdev: device %s: cannot save state in %s: %s (%s)\n", d->name,
                 glue_state_dir, prt_strerror(rc), strerror(errno));
}

int printdev_glue_save(struct prt_device *d, char *why, size_t len)
{
    int rc;
    if (!d || !glue_state_dir) {
        snprintf(why, len, "no state directory");
        return -1;
    }
    if (d->saved_generation == d->generation)
        return 0;
    errno = 0;
    rc = prt_state_save(d, glue_state_dir);
    if (rc == 0) {
        d->saved_generation = d->generation;
        return 0;
    }
    snprintf(why, len, "%s (%s)", prt_strerror(rc), errno ? strerror(errno) : "no detail");
    snmp_log(LOG_ERR, "printdev: device %s: cannot save state in %s: %s\n", d->name, glue_state_dir,
             why);
    return -1;
}

/* Feed updates can come many times a second: their durable state is saved
 * by a one-shot alarm, at most once per second, for every device whose
 * generation moved since its last save.  With printdevFeedSync yes the feed
 * saves first (printdev_glue_save) and the alarm finds nothing left, unless
 * that save failed.  SETs save in their own commit (glue_set.c). */
static unsigned int save_alarm;

static void save_alarm_cb(unsigned int reg, void *arg)
{
    save_alarm = 0;
    if (!glue_model)
        return;
    for (size_t i = 0; i < glue_model->n_devices; i++)
        glue_save_device(glue_model->devices[i]);
}

static void save_later(void)
{
    if (save_alarm == 0)
        save_alarm = snmp_alarm_register(1, 0, save_alarm_cb, NULL);
    if (save_alarm == 0) /* no alarm available: save now */
        save_alarm_cb(0, NULL);
}

void printdev_glue_changed(struct prt_device *d)
{
    if (!glue_model || !d)
        return;
    prt_rules_apply(glue_model, d);
    glue_devinfo_touch(d->hr_index, glue_uptime());
    save_later();
}

/* The durability rule (glue_internal.h): saves, then notifications. */
size_t glue_commit_durable(struct feed_save *s, size_t n, enum glue_commit_mode mode)
{
    size_t saved = 0;
    bool failed = false;

    for (size_t i = 0; i < n; i++) {
        s[i].failed = false;
        s[i].why[0] = '\0';
        if (s[i].d == NULL) {
            if (!failed)
                saved = i + 1;
            continue;
        }
        if (printdev_glue_save(s[i].d, s[i].why, sizeof(s[i].why)) != 0) {
            s[i].failed = failed = true;
            if (mode == GLUE_COMMIT_ALL)
                break;
        } else if (!failed) {
            saved = i + 1;
        }
    }
    if (failed && mode == GLUE_COMMIT_ALL)
        printdev_glue_notify_drop();
    else
        printdev_glue_notify_release();
    return saved;
}

/* printdevFeedConnected / printdevFeedDisconnected (PRINTDEV-MIB), varbind
 * printdevDeviceName.d. */
static void feed_connected(const struct prt_device *d, bool connected)
{
    static const oid trap_oid_0[] = { SNMP_TRAP_OID_0 };
    static const oid base[] = { PRINTDEV_MIB_OID };
    oid notif[OID_LENGTH(base) + 2];
    oid name[OID_LENGTH(base) + 5];
    netsnmp_variable_list *vars = NULL;

    memcpy(notif, base, sizeof(base));
    notif[OID_LENGTH(base)] = 0;
    notif[OID_LENGTH(base) + 1] = connected ? 1 : 2;
    /* printdevDeviceName.d = printdevMIB.1.2.1.1.d */
    memcpy(name, base, sizeof(base));
    name[OID_LENGTH(base)] = 1;
    name[OID_LENGTH(base) + 1] = 2;
    name[OID_LENGTH(base) + 2] = 1;
    name[OID_LENGTH(base) + 3] = 1;
    name[OID_LENGTH(base) + 4] = (oid)d->hr_index;
    if (!snmp_varlist_add_variable(&vars, trap_oid_0, OID_LENGTH(trap_oid_0), ASN_OBJECT_ID, notif,
                                   sizeof(notif)) ||
        !snmp_varlist_add_variable(&vars, name, OID_LENGTH(name), ASN_OCTET_STR, d->name,
                                   strlen(d->name))) {
        snmp_free_varbind(vars);
        return;
    }
    DEBUGMSGTL(("printdev:feed", "printdevFeed%s device %d\n",
                connected ? "Connected" : "Disconnected", (int)d->hr_index));
    send_v2trap(vars);
    snmp_free_varbind(vars);
}

static void feed_commit(struct feed_save *s, size_t n)
{
    glue_commit_durable(s, n, GLUE_COMMIT_KEEP);
}

/* What the feed server may ask of the glue (feed_server.h). */
const struct feed_agent_ops glue_feed_ops = {
    .changed = printdev_glue_changed,
    .hold = printdev_glue_notify_hold,
    .commit = feed_commit,
    .connected = feed_connected,
    /* the device ops (glue_devices.c) are added by glue_config.c */
};

/* Saves what the one-second alarm would have saved. */
void glue_flush_saves(void)
{
    if (save_alarm) {
        snmp_alarm_unregister(save_alarm);
        save_alarm = 0;
        if (glue_model) /* nothing pending may be lost */
            for (size_t i = 0; i < glue_model->n_devices; i++)
                glue_save_device(glue_model->devices[i]);
    }
}
