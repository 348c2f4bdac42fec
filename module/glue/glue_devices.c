/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * glue_devices.c: devices added at run time (feed `device add`, module
 * model/prt_registry.h) inside the agent:
 *
 *  - at start-up and every reload, after the profiles: the registry
 *    <state dir>/devices.registry is read and every active runtime device
 *    is rebuilt from its skeleton, so it is served (with its durable state)
 *    before the mirror that added it reconnects.  A profile device wins:
 *    a runtime device whose identity a profile claims (printdevIdentity),
 *    or whose index or name a profile device took, is not built (logged).
 *  - the feed's device ops (struct feed_agent_ops, assembled in
 *    glue_config.c): saving the registry before the model changes and
 *    forgetting a removed device's state file.  The registrations after a
 *    change are glue_config.c's (devices_changed there).
 *  - printdevDeviceFirstIndex N: the lowest hrDeviceIndex given to a new
 *    identity (default 1; always above every index ever given and never
 *    one a profile device holds).
 */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "feed_server.h"
#include "glue_internal.h"
#include "printdev_glue.h"
#include "prt_registry.h"

static int32_t first_index = 1;     /* printdevDeviceFirstIndex */
static char *state_dir;             /* the glue's state directory, a copy */
static char registry_broken[800];   /* why the registry file was refused ("" = fine) */

void glue_devices_parse_first(const char *token, char *line)
{
    char word[32], *end;
    long v;

    if (!line || !*line) {
        config_perror("printdevDeviceFirstIndex: expected a number 1..65535");
        return;
    }
    copy_nword(line, word, sizeof(word));
    v = strtol(word, &end, 10);
    if (*end != '\0' || v < 1 || v > PRT_INDEX_MAX) {
        netsnmp_config_error("printdevDeviceFirstIndex: \"%s\" is not a number 1..65535", word);
        return;
    }
    first_index = (int32_t)v;
}

void glue_devices_release_options(void)
{
    first_index = 1;
    free(state_dir);
    state_dir = NULL;
}

void glue_devices_load(struct prt_model *m, const char *dir)
{
    struct prt_registry *r = prt_registry_new();
    char msg[768];
    unsigned built = 0;
    int rc;

    registry_broken[0] = '\0';
    free(state_dir);
    state_dir = dir ? strdup(dir) : NULL;
    if (r == NULL) {
        snprintf(registry_broken, sizeof(registry_broken), "out of memory");
        return;
    }
    r->first = first_index;
    rc = state_dir ? prt_registry_load(r, state_dir, msg, sizeof(msg)) : -PRT_ENOENT;
    if (rc != 0 && rc != -PRT_ENOENT) {
        /* no new index may be given while the old ones are unknown */
        snprintf(registry_broken, sizeof(registry_broken), "%s",
                 msg[0] ? msg : prt_strerror(rc));
        snmp_log(LOG_ERR,
                 "printdev: device registry not read: %s; runtime devices are not served "
                 "and device add is refused until it is repaired or moved aside\n",
                 registry_broken);
    }
    for (size_t i = 0; rc == 0 && i < r->n; i++) {
        const struct prt_reg_entry *e = &r->e[i];
        struct prt_device *d, *other;

        if (!e->active)
            continue;
        other = prt_model_find_identity(m, e->identity);
        if (other != NULL) {
            snmp_log(LOG_INFO, "printdev: identity %s is claimed by profile device %s; "
                     "runtime device %s (index %d) not served\n", e->identity, other->name,
                     e->name, (int)e->index);
            continue;
        }
        other = prt_model_find(m, e->index);
        if (other == NULL)
            other = prt_model_find_name(m, e->name);
        if (other != NULL) {
            snmp_log(LOG_ERR, "printdev: runtime device %s (index %d, identity %s) not served: "
                     "profile device %s (index %d) holds its index or name\n", e->name,
                     (int)e->index, e->identity, other->name, (int)other->hr_index);
            continue;
        }
        if (prt_registry_build(e->index, e->name, e->identity, e->skeleton, &d, msg,
                               sizeof(msg)) != 0) {
            snmp_log(LOG_ERR, "printdev: runtime device %s (index %d) not served: %s\n",
                     e->name, (int)e->index, msg);
            continue;
        }
        if (prt_model_add_device(m, d) != PRT_OK) {
            snmp_log(LOG_ERR, "printdev: runtime device %s (index %d) not served: %s\n",
                     e->name, (int)e->index, "device limit reached");
            prt_device_free(d);
            continue;
        }
        built++;
    }
    if (built > 0)
        snmp_log(LOG_INFO, "printdev: %u runtime device(s) from %s/%s\n", built, state_dir,
                 PRT_REGISTRY_FILE);
    prt_registry_free(m->registry);
    m->registry = r;
}

/* ---- the feed's device ops ---- */

int glue_devices_save_registry(const struct prt_registry *r, char *why, size_t len)
{
    int rc;

    if (registry_broken[0]) {
        snprintf(why, len, "the device registry could not be read at start (%s)",
                 registry_broken);
        return -1;
    }
    if (!state_dir) {
        snprintf(why, len, "no state directory");
        return -1;
    }
    errno = 0;
    rc = prt_registry_save(r, state_dir);
    if (rc != 0) {
        snprintf(why, len, "%s (%s)", prt_strerror(rc), errno ? strerror(errno) : "no detail");
        snmp_log(LOG_ERR, "printdev: cannot save the device registry in %s: %s\n",
                 state_dir, why);
        return -1;
    }
    return 0;
}

void glue_devices_removing(struct prt_device *d)
{
    snmp_log(LOG_INFO, "printdev: device %s (index %d) removed by the feed\n", d->name,
             (int)d->hr_index);
    if (state_dir && prt_registry_forget_state(state_dir, d->name) != 0)
        snmp_log(LOG_WARNING, "printdev: device %s: cannot remove its state file: %s\n",
                 d->name, strerror(errno));
}
