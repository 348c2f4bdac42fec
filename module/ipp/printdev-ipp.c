/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * printdev-ipp.c: mirrors the queues of a cupsd and IPP printers listed by
 * URI into devices of the printdev agent (doc/printdev-ipp.8).
 *
 *   printdev-ipp [-c /etc/printdev/ipp.conf] [-v]        run the mirror
 *   printdev-ipp [-c FILE] --profile [-o FILE]           write a profile
 *   printdev-ipp [-c FILE] --check                       read the config only
 *
 * A feed client like a print controller: every poll (or every event from
 * an ippget subscription) it reads the printer's attributes with
 * Get-Printer-Attributes, maps them (ipp_map.c) and, when the result
 * differs from what it last sent, sends one feed batch for the device.
 * Both sides reconnect by themselves; a printer that does not answer is
 * reported as unavailable with a critical alert.  No attribute value ever
 * reaches a shell or a file name.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "printdev-ipp.h"

static volatile sig_atomic_t stop, reload;

static void on_signal(int sig)
{
    if (sig == SIGHUP)
        reload = 1;
    else
        stop = 1;
}

static int write_profiles(const char *path)
{
    FILE *f = path != NULL ? fopen(path, "w") : stdout;
    int32_t next = conf.first_index;
    int rc = 0;

    if (f == NULL) {
        logmsg("%s: %s", path, strerror(errno));
        return 1;
    }
    fprintf(f,
            "# printdev profiles for the printers of %s (printdev-profile(5)).\n"
            "# Load with printdevProfile in the agent's configuration; adapt freely.\n\n",
            DEFAULT_CONF);
    for (size_t i = 0; i < n_mirrors; i++) {
        struct mirror *m = &mirrors[i];
        int32_t idx = m->cp->index;
        if (idx == 0) {
            bool used;
            do {
                used = false;
                for (size_t j = 0; j < conf.n; j++)
                    used |= conf.p[j].index == next;
                if (used)
                    next++;
            } while (used);
            idx = next++;
        }
        refresh(m);
        if (!m->reachable) {
            logmsg("%s: not written: %s does not answer", m->cp->device, m->uri);
            rc = 1;
            continue;
        }
        /* names longer than a context name with the first 32 octets of an
         * earlier device's: the fallback context, as the feed add does */
        for (size_t j = 0; j < i && strlen(m->cp->device) > PDIPP_CONTEXT_MAX; j++)
            if (strncmp(mirrors[j].cp->device, m->cp->device, PDIPP_CONTEXT_MAX) == 0)
                ipp_context_alt(m->cp->device, m->view.context, sizeof(m->view.context));
        if (ipp_view_profile(&m->view, idx, m->cp->device, f) != PDIPP_OK) {
            logmsg("%s: profile too large", m->cp->device);
            rc = 1;
        }
    }
    if (path != NULL && fclose(f) != 0) {
        logmsg("%s: %s", path, strerror(errno));
        rc = 1;
    }
    return rc;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: printdev-ipp [-c CONFIG] [-v]              mirror the printers\n"
               "       printdev-ipp [-c CONFIG] --profile [-o FILE]  write their profiles\n"
               "       printdev-ipp [-c CONFIG] --check             check the configuration\n");
}

int main(int argc, char **argv)
{
    const char *path = DEFAULT_CONF, *out = NULL;
    bool profile = false, check = false;
    char err[1024];
    struct sigaction sa;
    time_t next_list = 0;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-c") == 0 && i + 1 < argc)
            path = argv[++i];
        else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
            out = argv[++i];
        else if (strcmp(argv[i], "-v") == 0)
            verbose++;
        else if (strcmp(argv[i], "--profile") == 0)
            profile = true;
        else if (strcmp(argv[i], "--check") == 0)
            check = true;
        else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return 0;
        } else {
            usage(stderr);
            return 2;
        }
    }
    if (conf_read(&conf, path, err, sizeof(err)) != 0) {
        fprintf(stderr, "printdev-ipp: %s\n", err);
        return 2;
    }
    if (check)
        return 0;
    ipp_feedc_init(&feed, conf.feed_socket, feed_log, feed_closed, NULL);
    pdipp_cups_init();
    if (cups_queues() != 0 && profile)
        return 1;
    if (add_mirrors() != 0)
        return 1;
    if (profile)
        return write_profiles(out);
    if (n_mirrors == 0 && !(conf.cups && conf.cups_all)) {
        fprintf(stderr, "printdev-ipp: %s: no printer configured\n", path);
        return 2;
    }

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    next_list = time(NULL) + conf.poll_interval;

    while (!stop) {
        int64_t now = now_ms(), wake = now + 1000;
        bool feed_ok;
        struct pollfd pfd = {feed.fd, POLLIN, 0};

        if (reload) {
            reload = 0;
            if (conf_reload(path) == 0)
                next_list = 0; /* a new cupsd or new queues: list them now */
        }
        if (time(NULL) >= next_list) {
            next_list = time(NULL) + conf.poll_interval;
            if (cups_queues() == 0 && add_mirrors() != 0)
                logmsg("out of memory adding queues");
        }
        /* removals left by a reload go first: a new printer may take the
         * name of a removed one */
        feed_ok = feed_removals_pending() == 0 || feed_removals();
        for (size_t i = 0; i < n_mirrors && !stop; i++) {
            struct mirror *m = &mirrors[i];
            if (m->gone)
                continue;
            if (m->sub_id > 0 && now >= m->next_notify) {
                m->next_notify = now + NOTIFY_MS;
                notifications(m);
            }
            if (m->refresh || now >= m->next_poll) {
                m->refresh = false;
                refresh(m);
                /* a printer that does not answer is asked again soon */
                m->next_poll =
                    now + 1000 * (int64_t)(!m->reachable && conf.poll_interval > RETRY_SECONDS
                                               ? RETRY_SECONDS
                                               : conf.poll_interval);
                subscribe(m);
                m->next_notify = now + NOTIFY_MS;
            }
            if (feed_ok)
                feed_sync(m);
            if (m->next_poll < wake)
                wake = m->next_poll;
            if (m->sub_id > 0 && m->next_notify < wake)
                wake = m->next_notify;
        }
        /* sleep until the next printer is due, or the agent says something
         * (a close) */
        now = now_ms();
        pfd.fd = feed.fd;
        if (poll(&pfd, feed.fd >= 0 ? 1 : 0, wake > now ? (int)(wake - now) : 0) > 0)
            ipp_feedc_readable(&feed);
    }
    for (size_t i = 0; i < n_mirrors; i++) {
        unsubscribe(&mirrors[i]);
        if (mirrors[i].http != NULL)
            httpClose(mirrors[i].http);
    }
    feed.closed = NULL;
    ipp_feedc_close(&feed, "exiting");
    feed_removals_free();
    free(mirrors);
    return 0;
}
