/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * printdev-ipp.h: what the parts of printdev-ipp share (internal to the
 * program): one struct mirror per mirrored printer, the configuration, the
 * feed connection and the log.
 *
 *   printdev-ipp.c        options, signals, the main loop, --profile
 *   printdev-ipp-state.c  the shared state, the log, clocks
 *   printdev-ipp-cups.c   IPP requests: attributes, subscriptions, cupsd's queues
 *   printdev-ipp-feed.c   the feed session: device add, updates, alerts read back
 *   printdev-ipp-reload.c reading the configuration, at the start and on SIGHUP
 */
#ifndef PRINTDEV_IPP_H
#define PRINTDEV_IPP_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include <cups/cups.h>

#include "ipp_conf.h"
#include "ipp_feedc.h"
#include "ipp_map.h"

#define DEFAULT_CONF "/etc/printdev/ipp.conf"
#define BATCH_MAX 32768
#define MAX_PRESENT 64
#define LEASE_SECONDS 3600
#define RETRY_SECONDS 5 /* an unreachable printer is tried this often */
#define NOTIFY_MS 1000  /* Get-Notifications interval of a subscription */

struct mirror {
    const struct ipp_conf_printer *cp;
    char uri[1024]; /* printer-uri of the requests */
    char host[256];
    char resource[1024];
    int port;
    http_encryption_t enc;
    http_t *http;
    int sub_id;                     /* 0: none; -1: the printer refused subscriptions */
    int seq;                        /* last notify-sequence-number seen */
    int64_t next_poll, next_notify; /* CLOCK_MONOTONIC ms */
    time_t next_sub_try;
    bool refresh; /* an event asked for a refresh */
    bool have_view, reachable, logged_down, logged_missing;
    struct ipp_view view;
    char last[BATCH_MAX];   /* the batch the agent last accepted */
    uint32_t rejected;      /* hash of the batch the agent last refused, 0: none */
    struct ipp_count count; /* printer-impressions-completed and the agent's counter */
    bool present_known;
    uint64_t present[MAX_PRESENT];
    size_t n_present;
    /* device add (printdevIppAddDevices) */
    bool added;           /* the agent has the device since this feed connection */
    uint32_t added_hash;  /* hash of the add batch it accepted */
    uint32_t add_refused; /* hash of the add batch it refused, 0: none */
    int32_t hr_index;     /* from the agent's reply, 0: not known */
    bool gone;            /* the queue left cupsd (printdevIppRemoveDevices yes) */
    bool layout_new;      /* a new reading since the add batch was last compared */
    bool ctx_alt;         /* the context derived from the name was taken: the device is
                             added in ipp_context_alt()'s (for as long as this runs) */
};

extern struct ipp_conf conf;
extern struct mirror *mirrors;
extern size_t n_mirrors;
extern int verbose;
extern struct ipp_feedc feed;

/* printdev-ipp-state.c */
void logmsg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int64_t now_ms(void);
uint32_t text_hash(const char *s);

/* printdev-ipp-cups.c */
void pdipp_cups_init(void);
int mirror_init(struct mirror *m, const struct ipp_conf_printer *cp);
void refresh(struct mirror *m);
void subscribe(struct mirror *m);
void notifications(struct mirror *m);
void unsubscribe(struct mirror *m);
int cups_queues(void);
int add_mirrors(void);

/* printdev-ipp-feed.c */
void feed_log(const char *msg);
void feed_closed(void *arg);
void feed_sync(struct mirror *m);
bool feed_remove(struct mirror *m, char *err, size_t errlen);
void feed_remove_later(const char *device);
size_t feed_removals_pending(void);
bool feed_removals(void);
void feed_removals_free(void);

/* printdev-ipp-reload.c */
int conf_read(struct ipp_conf *c, const char *path, char *err, size_t errlen);
int conf_reload(const char *path);

#endif
