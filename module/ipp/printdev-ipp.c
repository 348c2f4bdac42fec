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
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cups/cups.h>

#include "ipp_conf.h"
#include "ipp_feedc.h"
#include "ipp_map.h"
#include "ipp_parse.h"

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
    char last[BATCH_MAX]; /* the batch the agent last accepted */
    uint32_t rejected;    /* hash of the batch the agent last refused, 0: none */
    int64_t counted;      /* printer-impressions-completed the agent has, -1: none yet */
    bool present_known;
    uint64_t present[MAX_PRESENT];
    size_t n_present;
    /* device add (printdevIppAddDevices) */
    bool added;            /* the agent has the device since this feed connection */
    uint32_t added_hash;   /* hash of the add batch it accepted */
    uint32_t add_refused;  /* hash of the add batch it refused, 0: none */
    int32_t hr_index;      /* from the agent's reply, 0: not known */
    bool gone;             /* the queue left cupsd (printdevIppRemoveDevices yes) */
    bool layout_new;       /* a new reading since the add batch was last compared */
};

static struct ipp_conf conf;
static struct mirror *mirrors;
static size_t n_mirrors;
static int verbose;
static volatile sig_atomic_t stop;
static struct ipp_feedc feed;
static const char *password_for; /* password file of the request in flight */

static void logmsg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* One log line on stderr (the journal under systemd); control characters
 * from printers or the agent are shown as '?'. */
static void logmsg(const char *fmt, ...)
{
    char buf[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    for (char *p = buf; *p != '\0'; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            *p = '?';
    fprintf(stderr, "printdev-ipp: %s\n", buf);
}

static int64_t now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

/* ---- feed socket */

static void feed_log(const char *msg)
{
    logmsg("%s", msg);
}

/* The agent went away: everything is sent again after the reconnect. */
static void feed_closed(void *arg)
{
    (void)arg;
    for (size_t i = 0; i < n_mirrors; i++) {
        mirrors[i].last[0] = '\0';
        mirrors[i].rejected = 0;
        mirrors[i].present_known = false;
        mirrors[i].added = false;
        mirrors[i].add_refused = 0;
    }
}

static uint32_t text_hash(const char *s);

static void collect_index(void *arg, const char *line)
{
    struct mirror *m = arg;

    if (strncmp(line, "device index=", 13) == 0)
        m->hr_index = (int32_t)strtol(line + 13, NULL, 10);
}

/* Adds (or re-adds: idempotent) the printer's device to the agent from its
 * IPP layout, once per feed connection and again when the layout changes.
 * A refusal (a hand profile device holding the name, say) is logged once;
 * the mirror then feeds whatever device of that name the agent has. */
static void feed_add(struct mirror *m)
{
    static char batch[BATCH_MAX];
    char identity[256], err[512];
    uint32_t h;
    int n, lines = 0;

    /* the batch is built again only after a new reading, or to retry */
    if (!conf.add_devices || !m->reachable || (!m->layout_new && (m->added || m->add_refused)))
        return;
    m->layout_new = false;
    if (ipp_view_identity(&m->view, m->uri, identity, sizeof(identity)) != PDIPP_OK) {
        if (!m->logged_missing)
            logmsg("%s: no usable printer-uuid or URI to add the device by", m->cp->device);
        return;
    }
    n = ipp_view_add_batch(&m->view, m->cp->device, identity, batch, sizeof(batch));
    if (n < 0) {
        logmsg("%s: layout too large for one batch", m->cp->device);
        return;
    }
    h = text_hash(batch);
    if ((m->added && h == m->added_hash) || h == m->add_refused)
        return;
    for (const char *p = batch; *p != '\0'; p++)
        lines += *p == '\n';
    m->hr_index = 0;
    if (!ipp_feedc_send(&feed, batch, (size_t)n) ||
        !ipp_feedc_replies(&feed, lines, err, sizeof(err), collect_index, m))
        return;
    if (err[0] != '\0') {
        logmsg("%s: the agent refused to add the device: %s", m->cp->device, err);
        m->add_refused = h;
        return;
    }
    m->added = true;
    m->added_hash = h;
    m->add_refused = 0;
    m->present_known = false; /* select it and read its alerts again */
    logmsg("%s: device %d (identity %s) in the agent", m->cp->device, (int)m->hr_index, identity);
}

static void collect_key(void *arg, const char *line)
{
    struct mirror *m = arg;
    const char *k = strstr(line, " key=");
    uint64_t key;

    if (strncmp(line, "alert ", 6) != 0 || k == NULL)
        return;
    key = strtoull(k + 5, NULL, 10);
    if (PDIPP_KEY_MINE(key) && m->n_present < MAX_PRESENT)
        m->present[m->n_present++] = key;
}

static uint32_t text_hash(const char *s)
{
    uint32_t h = 2166136261u;

    for (; *s != '\0'; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h ? h : 1;
}

/* Sends the mirror's state to the agent when it changed. */
static void feed_sync(struct mirror *m)
{
    static char batch[BATCH_MAX], out[BATCH_MAX + 128];
    char err[512];
    int n, lines = 0;

    if (!m->have_view || m->gone || !ipp_feedc_connect(&feed))
        return;
    feed_add(m);
    if (!m->present_known) {
        n = snprintf(out, sizeof(out), "device %s\nget alerts\n", m->cp->device);
        m->n_present = 0;
        if (!ipp_feedc_send(&feed, out, (size_t)n) ||
            !ipp_feedc_replies(&feed, 2, err, sizeof(err), collect_key, m))
            return;
        if (err[0] != '\0') {
            if (!m->logged_missing)
                logmsg("%s: the agent has no such device yet (%s); it is added once the "
                       "printer answers (or load a profile: printdev-ipp --profile)",
                       m->cp->device, err);
            m->logged_missing = true;
            return;
        }
        m->logged_missing = false;
        m->present_known = true;
    }
    /* impressions since the last reading the agent accepted; the first
     * reading (and a printer whose counter went back) sets the base */
    m->view.count_delta = 0;
    if (m->reachable && m->view.impressions >= 0) {
        if (m->counted < 0 || m->view.impressions < m->counted)
            m->counted = m->view.impressions;
        else if (m->view.impressions - m->counted > 100000000)
            m->counted = m->view.impressions; /* not a plausible step: rebase */
        else
            m->view.count_delta = (uint32_t)(m->view.impressions - m->counted);
    }
    if (ipp_view_feed(&m->view, m->present, m->n_present, batch, sizeof(batch)) < 0) {
        logmsg("%s: state too large for one batch", m->cp->device);
        return;
    }
    if ((m->view.count_delta == 0 && strcmp(batch, m->last) == 0) ||
        (m->rejected != 0 && m->rejected == text_hash(batch)))
        return;
    n = snprintf(out, sizeof(out), "device %s\n%s", m->cp->device, batch);
    for (const char *p = out; *p != '\0'; p++)
        lines += *p == '\n';
    if (!ipp_feedc_send(&feed, out, (size_t)n) ||
        !ipp_feedc_replies(&feed, lines, err, sizeof(err), NULL, NULL))
        return;
    if (err[0] != '\0') {
        /* logged once; the same state is not sent again until it changes */
        logmsg("%s: the agent rejected the update: %s", m->cp->device, err);
        m->rejected = text_hash(batch);
        m->present_known = false; /* read the alerts again next time */
        return;
    }
    m->rejected = 0;
    m->counted += m->view.count_delta;
    m->n_present = 0;
    for (size_t i = 0; i < m->view.n_raise && i < MAX_PRESENT; i++)
        m->present[m->n_present++] = m->view.raise[i].key;
    /* what the agent now has: the batch that would repeat it, without the
     * impressions already counted and the keys already cleared */
    m->view.count_delta = 0;
    if (ipp_view_feed(&m->view, m->present, m->n_present, m->last, sizeof(m->last)) < 0)
        m->last[0] = '\0';
    if (verbose)
        logmsg("%s: sent status %s, %zu supplies, %zu raised alerts", m->cp->device, m->view.engine,
               m->view.n_supply, m->view.n_raise);
}

/* ---- IPP */

static const char *password_cb(const char *prompt, http_t *http, const char *method,
                               const char *resource, void *data)
{
    static char pw[256];
    FILE *f;

    (void)prompt, (void)http, (void)method, (void)resource, (void)data;
    if (password_for == NULL || *password_for == '\0' || (f = fopen(password_for, "r")) == NULL)
        return NULL;
    if (fgets(pw, sizeof(pw), f) == NULL)
        pw[0] = '\0';
    fclose(f);
    pw[strcspn(pw, "\r\n")] = '\0';
    password_for = NULL; /* one try per request: a wrong password is an error */
    return pw;
}

static void cups_target(char *host, size_t cap, int *port)
{
    const char *s = conf.cups_server[0] ? conf.cups_server : cupsServer();
    const char *colon = strrchr(s, ':');

    *port = ippPort();
    if (s[0] != '/' && colon != NULL && strchr(s, ']') < colon) {
        snprintf(host, cap, "%.*s", (int)(colon - s), s);
        *port = atoi(colon + 1);
    } else {
        snprintf(host, cap, "%s", s);
    }
}

static int mirror_init(struct mirror *m, const struct ipp_conf_printer *cp)
{
    char scheme[16], user[256];

    memset(m, 0, sizeof(*m));
    m->cp = cp;
    m->counted = -1;
    if (cp->queue[0] != '\0') {
        cups_target(m->host, sizeof(m->host), &m->port);
        m->enc = HTTP_ENCRYPTION_IF_REQUESTED;
        snprintf(m->resource, sizeof(m->resource), "/printers/%s", cp->queue);
        /* cupsd takes the printer from the resource; the URI names the
         * server actually asked (localhost for its domain socket) */
        httpAssembleURIf(HTTP_URI_CODING_ALL, m->uri, sizeof(m->uri), "ipp", NULL,
                         m->host[0] == '/' ? "localhost" : m->host,
                         m->host[0] == '/' ? ippPort() : m->port, "/printers/%s", cp->queue);
        return 0;
    }
    if (httpSeparateURI(HTTP_URI_CODING_ALL, cp->uri, scheme, sizeof(scheme), user, sizeof(user),
                        m->host, sizeof(m->host), &m->port, m->resource,
                        sizeof(m->resource)) < HTTP_URI_STATUS_OK) {
        logmsg("%s: bad URI %s", cp->device, cp->uri);
        return -1;
    }
    m->enc = strcmp(scheme, "ipps") == 0 ? HTTP_ENCRYPTION_ALWAYS : HTTP_ENCRYPTION_IF_REQUESTED;
    snprintf(m->uri, sizeof(m->uri), "%s", cp->uri);
    return 0;
}

static ipp_t *request(struct mirror *m, ipp_t *req)
{
    ipp_t *resp;

    if (m->http == NULL) {
        m->http = httpConnect2(m->host, m->port, NULL, AF_UNSPEC, m->enc, 1, 5000, NULL);
        if (m->http == NULL) {
            ippDelete(req);
            return NULL;
        }
        httpSetTimeout(m->http, 10.0, NULL, NULL);
    }
    cupsSetUser(m->cp->user[0] ? m->cp->user : NULL);
    password_for = m->cp->password_file;
    resp = cupsDoRequest(m->http, req, m->resource[0] ? m->resource : "/");
    password_for = NULL;
    if (resp == NULL || ippGetStatusCode(resp) > IPP_STATUS_OK_EVENTS_COMPLETE) {
        ipp_status_t st = cupsLastError();
        ippDelete(resp);
        if (st >= IPP_STATUS_ERROR_INTERNAL || st == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE ||
            cupsLastError() == IPP_STATUS_ERROR_INTERNAL) {
            httpClose(m->http);
            m->http = NULL;
        }
        return NULL;
    }
    return resp;
}

static ipp_t *new_request(struct mirror *m, ipp_op_t op)
{
    ipp_t *req = ippNewRequest(op);

    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, m->uri);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL,
                 m->cp->user[0] ? m->cp->user : cupsUser());
    return req;
}

/* The response's printer attributes as text (struct ipp_attrs). */
static int to_attrs(ipp_t *resp, struct ipp_attrs *as)
{
    for (ipp_attribute_t *a = ippFirstAttribute(resp); a != NULL; a = ippNextAttribute(resp)) {
        const char *name = ippGetName(a);
        ipp_tag_t tag = ippGetValueTag(a);
        int r = 0;

        if (name == NULL || ippGetGroupTag(a) != IPP_TAG_PRINTER)
            continue;
        for (int i = 0; i < ippGetCount(a) && r == 0; i++) {
            char buf[2048];
            const char *s = buf;
            size_t len;
            int dlen = 0;

            switch (tag) {
            case IPP_TAG_STRING:
                s = ippGetOctetString(a, i, &dlen);
                len = s != NULL && dlen > 0 ? (size_t)dlen : 0;
                if (s == NULL)
                    s = "";
                break;
            case IPP_TAG_INTEGER:
                len = (size_t)snprintf(buf, sizeof(buf), "%d", ippGetInteger(a, i));
                break;
            case IPP_TAG_ENUM:
                len = (size_t)snprintf(buf, sizeof(buf), "%s",
                                       ippEnumString(name, ippGetInteger(a, i)));
                break;
            case IPP_TAG_BOOLEAN:
                len = (size_t)snprintf(buf, sizeof(buf), "%s",
                                       ippGetBoolean(a, i) ? "true" : "false");
                break;
            case IPP_TAG_TEXT:
            case IPP_TAG_NAME:
            case IPP_TAG_TEXTLANG:
            case IPP_TAG_NAMELANG:
            case IPP_TAG_KEYWORD:
            case IPP_TAG_URI:
            case IPP_TAG_MIMETYPE:
            case IPP_TAG_CHARSET:
            case IPP_TAG_LANGUAGE:
            case IPP_TAG_URISCHEME:
                s = ippGetString(a, i, NULL);
                if (s == NULL)
                    s = "";
                len = strlen(s);
                break;
            default:
                continue; /* collections, dates, ranges: not mapped */
            }
            r = ipp_attrs_add(as, name, s, len);
        }
        if (r != 0)
            return r;
    }
    return 0;
}

static void mark_unreachable(struct mirror *m, const char *why)
{
    if (!m->have_view) {
        memset(&m->view, 0, sizeof(m->view));
        m->have_view = true;
    }
    ipp_view_unreachable(&m->view, why);
    if (!m->logged_down)
        logmsg("%s: %s does not answer: %s", m->cp->device, m->uri, why);
    m->logged_down = true;
    m->reachable = false;
    if (m->sub_id > 0)
        m->sub_id = 0; /* a restarted cupsd or printer forgot it */
}

static void refresh(struct mirror *m)
{
    static const char *const want[] = {"all", "media-col-ready"};
    ipp_t *req = new_request(m, IPP_OP_GET_PRINTER_ATTRIBUTES), *resp;
    struct ipp_attrs as = {0};
    struct ipp_view v;
    char err[512];

    ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 2, NULL, want);
    resp = request(m, req);
    if (resp == NULL) {
        mark_unreachable(m, cupsLastErrorString());
        return;
    }
    if (to_attrs(resp, &as) != 0) {
        logmsg("%s: too many attributes", m->cp->device);
        ippDelete(resp);
        ipp_attrs_free(&as);
        return;
    }
    ippDelete(resp);
    if (ipp_view_build(&as, &v, err, sizeof(err)) != PDIPP_OK) {
        /* keep the last good state: never half of a malformed answer */
        logmsg("%s: malformed printer attributes: %s", m->cp->device, err);
        ipp_attrs_free(&as);
        return;
    }
    ipp_attrs_free(&as);
    if (m->logged_down)
        logmsg("%s: %s answers again", m->cp->device, m->uri);
    m->logged_down = false;
    m->reachable = true;
    m->view = v;
    m->have_view = true;
    m->layout_new = true;
}

static void subscribe(struct mirror *m)
{
    static const char *const events[] = {"printer-state-changed", "printer-config-changed",
                                         "printer-stopped"};
    ipp_t *req, *resp;
    ipp_attribute_t *id;

    if (!conf.subscriptions || m->sub_id != 0 || !m->reachable || time(NULL) < m->next_sub_try)
        return;
    req = new_request(m, IPP_OP_CREATE_PRINTER_SUBSCRIPTIONS);
    ippAddString(req, IPP_TAG_SUBSCRIPTION, IPP_TAG_KEYWORD, "notify-pull-method", NULL, "ippget");
    ippAddStrings(req, IPP_TAG_SUBSCRIPTION, IPP_TAG_KEYWORD, "notify-events", 3, NULL, events);
    ippAddInteger(req, IPP_TAG_SUBSCRIPTION, IPP_TAG_INTEGER, "notify-lease-duration",
                  LEASE_SECONDS);
    resp = request(m, req);
    id = resp != NULL ? ippFindAttribute(resp, "notify-subscription-id", IPP_TAG_INTEGER) : NULL;
    if (id == NULL) {
        /* not supported (or refused): poll, and ask again after a while */
        if (verbose)
            logmsg("%s: no subscription (%s); polling every %u s", m->cp->device,
                   cupsLastErrorString(), conf.poll_interval);
        m->sub_id = -1;
        m->next_sub_try = time(NULL) + 10 * (time_t)conf.poll_interval;
    } else {
        m->sub_id = ippGetInteger(id, 0);
        m->seq = 0;
        if (verbose)
            logmsg("%s: subscription %d", m->cp->device, m->sub_id);
    }
    ippDelete(resp);
}

static void notifications(struct mirror *m)
{
    ipp_t *req, *resp;
    bool any = false;

    if (m->sub_id <= 0)
        return;
    req = new_request(m, IPP_OP_GET_NOTIFICATIONS);
    ippAddInteger(req, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "notify-subscription-ids", m->sub_id);
    ippAddInteger(req, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "notify-sequence-numbers", m->seq + 1);
    resp = request(m, req);
    if (resp == NULL) {
        /* expired lease, restarted server: subscribe again, refresh now */
        m->sub_id = 0;
        m->refresh = true;
        return;
    }
    for (ipp_attribute_t *a = ippFirstAttribute(resp); a != NULL; a = ippNextAttribute(resp))
        if (ippGetGroupTag(a) == IPP_TAG_EVENT_NOTIFICATION && ippGetName(a) != NULL &&
            strcmp(ippGetName(a), "notify-sequence-number") == 0) {
            int s = ippGetInteger(a, 0);
            if (s > m->seq)
                m->seq = s;
            any = true;
        }
    ippDelete(resp);
    if (any)
        m->refresh = true;
}

static void unsubscribe(struct mirror *m)
{
    ipp_t *req;

    if (m->sub_id <= 0 || m->http == NULL)
        return;
    req = new_request(m, IPP_OP_CANCEL_SUBSCRIPTION);
    ippAddInteger(req, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "notify-subscription-id", m->sub_id);
    ippDelete(request(m, req));
    m->sub_id = 0;
}

static void unsubscribe(struct mirror *m);

/* Queues that left cupsd: with printdevIppRemoveDevices yes their devices
 * are removed from the agent (a queue that comes back is added again, under
 * its old hrDeviceIndex when its identity is the same); by default they stay
 * as down printers with an alert (the failing Get-Printer-Attributes). */
static void queues_gone(ipp_t *resp)
{
    char line[128], err[512];

    if (!conf.remove_devices)
        return;
    for (size_t i = 0; i < n_mirrors; i++) {
        struct mirror *m = &mirrors[i];
        bool listed = false;

        if (m->cp->queue[0] == '\0')
            continue;
        for (ipp_attribute_t *a = ippFindAttribute(resp, "printer-name", IPP_TAG_NAME);
             a != NULL && !listed; a = ippFindNextAttribute(resp, "printer-name", IPP_TAG_NAME))
            listed = strcmp(ippGetString(a, 0, NULL), m->cp->queue) == 0;
        if (listed && m->gone) {
            logmsg("%s: queue %s is back", m->cp->device, m->cp->queue);
            m->gone = false;
            m->added = false;
            m->present_known = false;
            m->last[0] = '\0';
            m->refresh = true;
        } else if (!listed && !m->gone && ipp_feedc_connect(&feed)) {
            int n = snprintf(line, sizeof(line), "device remove %s\n", m->cp->device);
            if (!ipp_feedc_send(&feed, line, (size_t)n) ||
                !ipp_feedc_replies(&feed, 1, err, sizeof(err), NULL, NULL))
                continue; /* tried again at the next listing */
            logmsg("%s: queue %s left cupsd; device removed from the agent%s%s", m->cp->device,
                   m->cp->queue, err[0] ? ": " : "", err);
            unsubscribe(m);
            m->gone = true;
            m->added = false;
        }
    }
}

/* Every queue of the cupsd, added to conf when it mirrors all of them. */
static int cups_queues(void)
{
    static const char *const want[] = {"printer-name"};
    char host[256];
    int port;
    http_t *http;
    ipp_t *req, *resp;

    if (!conf.cups || !conf.cups_all)
        return 0;
    cups_target(host, sizeof(host), &port);
    http = httpConnect2(host, port, NULL, AF_UNSPEC, HTTP_ENCRYPTION_IF_REQUESTED, 1, 5000, NULL);
    if (http == NULL) {
        logmsg("cupsd at %s:%d does not answer: %s", host, port, cupsLastErrorString());
        return -1;
    }
    req = ippNewRequest(IPP_OP_CUPS_GET_PRINTERS);
    ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 1, NULL, want);
    resp = cupsDoRequest(http, req, "/");
    httpClose(http);
    if (resp == NULL) {
        logmsg("cupsd: CUPS-Get-Printers failed: %s", cupsLastErrorString());
        return -1;
    }
    for (ipp_attribute_t *a = ippFindAttribute(resp, "printer-name", IPP_TAG_NAME); a != NULL;
         a = ippFindNextAttribute(resp, "printer-name", IPP_TAG_NAME))
        if (ipp_conf_add_queue(&conf, ippGetString(a, 0, NULL)) != 0)
            logmsg("cupsd: queue %s not mirrored (name clash or too many queues)",
                   ippGetString(a, 0, NULL));
    queues_gone(resp);
    ippDelete(resp);
    return 0;
}

/* Mirrors for printers added to conf since the last call. */
static int add_mirrors(void)
{
    struct mirror *nm;

    if (conf.n == n_mirrors)
        return 0;
    /* conf.p never moves: the mirrors keep pointers into it */
    nm = realloc(mirrors, conf.n * sizeof(*nm));
    if (nm == NULL)
        return -1;
    mirrors = nm;
    for (; n_mirrors < conf.n; n_mirrors++) {
        if (mirror_init(&mirrors[n_mirrors], &conf.p[n_mirrors]) != 0)
            return -1;
        logmsg("%s: mirrors %s", conf.p[n_mirrors].device, mirrors[n_mirrors].uri);
    }
    return 0;
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
    ipp_conf_defaults(&conf);
    if (ipp_conf_load(&conf, path, err, sizeof(err)) != 0) {
        fprintf(stderr, "printdev-ipp: %s\n", err);
        return 2;
    }
    if (!conf.cups)
        for (size_t i = 0; i < conf.n; i++)
            if (conf.p[i].queue[0]) {
                fprintf(stderr, "printdev-ipp: %s:%u: printdevIppQueue with printdevIppCups no\n",
                        path, conf.p[i].line);
                return 2;
            }
    if (check)
        return 0;
    ipp_feedc_init(&feed, conf.feed_socket, feed_log, feed_closed, NULL);
    cupsSetPasswordCB2(password_cb, NULL);
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
    signal(SIGPIPE, SIG_IGN);
    next_list = time(NULL) + conf.poll_interval;

    while (!stop) {
        int64_t now = now_ms(), wake = now + 1000;
        struct pollfd pfd = {feed.fd, POLLIN, 0};

        if (time(NULL) >= next_list) {
            next_list = time(NULL) + conf.poll_interval;
            if (cups_queues() == 0 && add_mirrors() != 0)
                logmsg("out of memory adding queues");
        }
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
    free(mirrors);
    return 0;
}
