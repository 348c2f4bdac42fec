/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * printdev-ipp-reload.c: reading printdev-ipp's configuration, at the start
 * and again on SIGHUP.
 *
 * A reload is all or nothing: the new file is read and checked completely
 * into a configuration of its own; a bad one is reported (file:line) and the
 * running configuration stays as it was.  A good one replaces it: a printer
 * whose definition is unchanged keeps its mirror (its connection,
 * subscription and what the agent last accepted), a new printer gets a new
 * mirror (its device is added as at the start), and a printer that is no
 * longer configured stops being mirrored; with printdevIppRemoveDevices yes
 * its device is removed from the agent (when the agent cannot be asked, as
 * soon as it is back, before any device is added again), otherwise it stays
 * there with the last state it was sent.  When every queue of cupsd is mirrored, the queues
 * mirrored so far are carried over: the next listing of cupsd decides.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "printdev-ipp.h"

int conf_read(struct ipp_conf *c, const char *path, char *err, size_t errlen)
{
    ipp_conf_defaults(c);
    if (ipp_conf_load(c, path, err, errlen) != 0)
        return -1;
    if (!c->cups)
        for (size_t i = 0; i < c->n; i++)
            if (c->p[i].queue[0]) {
                snprintf(err, errlen, "%s:%u: printdevIppQueue with printdevIppCups no", path,
                         c->p[i].line);
                return -1;
            }
    return 0;
}

/* Does the printer of mirror m mean the same as cp in the new configuration
 * nc (same device, same printer, same credentials)? */
static bool same_printer(const struct mirror *m, const struct ipp_conf_printer *cp,
                         const struct ipp_conf *nc)
{
    const struct ipp_conf_printer *op = m->cp;

    return strcmp(op->device, cp->device) == 0 && strcmp(op->queue, cp->queue) == 0 &&
           strcmp(op->uri, cp->uri) == 0 && strcmp(op->user, cp->user) == 0 &&
           strcmp(op->password_file, cp->password_file) == 0 &&
           (op->queue[0] == '\0' || strcmp(conf.cups_server, nc->cups_server) == 0);
}

/* A mirror that is no longer configured: its subscription is cancelled,
 * its connection closed and, with printdevIppRemoveDevices yes, its device
 * removed from the agent. */
static void drop_mirror(struct mirror *m, bool remove)
{
    char err[512];

    if (!m->gone)
        unsubscribe(m);
    if (m->http != NULL)
        httpClose(m->http);
    m->http = NULL;
    if (!remove || m->gone) {
        logmsg("%s: no longer mirrored%s", m->cp->device,
               remove ? "" : "; its device stays in the agent");
        return;
    }
    if (feed_removals_pending() == 0 && feed_remove(m, err, sizeof(err))) {
        logmsg("%s: no longer mirrored; device removed from the agent%s%s", m->cp->device,
               err[0] ? ": " : "", err);
    } else {
        logmsg("%s: no longer mirrored; the agent is not reachable: its device is removed "
               "when it is back",
               m->cp->device);
        feed_remove_later(m->cp->device);
    }
}

int conf_reload(const char *path)
{
    struct ipp_conf *nc = malloc(sizeof(*nc));
    struct mirror *nm = NULL;
    bool *kept = NULL;
    char err[1024];
    size_t added = 0, dropped = 0;

    if (nc == NULL || (n_mirrors > 0 && (kept = calloc(n_mirrors, sizeof(*kept))) == NULL)) {
        logmsg("%s: not reloaded: out of memory", path);
        goto fail;
    }
    if (conf_read(nc, path, err, sizeof(err)) != 0) {
        logmsg("%s; not reloaded, the running configuration stays", err);
        goto fail;
    }
    if (nc->n == 0 && !(nc->cups && nc->cups_all)) {
        logmsg("%s: no printer configured; not reloaded, the running configuration stays", path);
        goto fail;
    }
    /* every queue: the queues found so far stay until cupsd's next listing */
    if (nc->cups && nc->cups_all)
        for (size_t i = 0; i < n_mirrors; i++)
            if (mirrors[i].cp->queue[0] && ipp_conf_add_queue(nc, mirrors[i].cp->queue) != 0) {
                logmsg("%s: not reloaded: queue %s does not fit beside the configured printers",
                       path, mirrors[i].cp->queue);
                goto fail;
            }
    if (nc->n > 0 && (nm = calloc(nc->n, sizeof(*nm))) == NULL) {
        logmsg("%s: not reloaded: out of memory", path);
        goto fail;
    }
    for (size_t i = 0; i < nc->n; i++) {
        size_t j;

        for (j = 0; j < n_mirrors; j++)
            if (!kept[j] && same_printer(&mirrors[j], &nc->p[i], nc))
                break;
        if (j < n_mirrors) {
            kept[j] = true;
            nm[i] = mirrors[j];
        } else if (mirror_init(&nm[i], &nc->p[i]) != 0) {
            /* a bad URI: nothing has changed yet (a new mirror connects
             * only at its first request: nothing to close) */
            logmsg("%s:%u: not reloaded, the running configuration stays", path, nc->p[i].line);
            goto fail;
        } else {
            added++;
        }
    }
    /* from here on the new configuration is applied */
    for (size_t j = 0; j < n_mirrors; j++)
        if (!kept[j]) {
            drop_mirror(&mirrors[j], nc->remove_devices);
            dropped++;
        }
    if (strcmp(nc->feed_socket, conf.feed_socket) != 0) {
        feed.closed = NULL;
        ipp_feedc_close(&feed, "feed socket changed");
        ipp_feedc_init(&feed, nc->feed_socket, feed_log, feed_closed, NULL);
    }
    conf = *nc;
    free(mirrors);
    mirrors = nm;
    n_mirrors = conf.n;
    if (feed.fd < 0) /* closed while removing: everything is sent again */
        feed_closed(NULL);
    for (size_t i = 0; i < n_mirrors; i++) {
        mirrors[i].cp = &conf.p[i];
        if (mirrors[i].next_poll == 0) /* new: never polled */
            logmsg("%s: mirrors %s", conf.p[i].device, mirrors[i].uri);
    }
    logmsg("%s: configuration reloaded: %zu printers, %zu new, %zu no longer mirrored", path,
           n_mirrors, added, dropped);
    free(kept);
    free(nc);
    return 0;
fail:
    free(nm);
    free(kept);
    free(nc);
    return -1;
}
