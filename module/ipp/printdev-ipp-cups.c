/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * printdev-ipp-cups.c: printdev-ipp's IPP requests (libcups): a mirror's
 * connection and Get-Printer-Attributes (mapped by ipp_map.c), its ippget
 * subscription and Get-Notifications, and the queue list of cupsd
 * (CUPS-Get-Printers) when every queue is mirrored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "printdev-ipp.h"

static const char *password_for; /* password file of the request in flight */

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

int mirror_init(struct mirror *m, const struct ipp_conf_printer *cp)
{
    char scheme[16], user[256];

    memset(m, 0, sizeof(*m));
    m->cp = cp;
    ipp_count_reset(&m->count);
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

/* A collection value as text, {name=value name={...} ...}, the members
 * formatted by libcups; its length (0 when it does not fit: not mapped). */
static size_t col_text(ipp_t *col, char *buf, size_t cap)
{
    size_t n = 1;

    if (col == NULL || cap < 3)
        return 0;
    buf[0] = '{';
    for (ipp_attribute_t *m = ippFirstAttribute(col); m != NULL; m = ippNextAttribute(col)) {
        const char *name = ippGetName(m);
        size_t nl = name != NULL ? strlen(name) : 0;

        if (nl == 0)
            continue;
        if (n + nl + 3 >= cap)
            return 0;
        if (n > 1)
            buf[n++] = ' ';
        memcpy(buf + n, name, nl);
        n += nl;
        buf[n++] = '=';
        ippAttributeString(m, buf + n, cap - n - 1);
        n += strlen(buf + n); /* (what was written, truncated or not) */
        if (n + 2 >= cap)
            return 0;
    }
    buf[n++] = '}';
    buf[n] = '\0';
    return n;
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
            case IPP_TAG_BEGIN_COLLECTION:
                /* the one collection mapped (media-col-database and the
                 * like can be long: not formatted), as ipptool shows it:
                 * {name=value ...} (ipp_parse.c) */
                if (strcmp(name, "media-col-ready") != 0)
                    continue;
                len = col_text(ippGetCollection(a, i), buf, sizeof(buf));
                if (len == 0)
                    continue; /* too large a collection: not mapped */
                break;
            default:
                continue; /* dates, ranges: not mapped */
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

void refresh(struct mirror *m)
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

void subscribe(struct mirror *m)
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

void notifications(struct mirror *m)
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

void unsubscribe(struct mirror *m)
{
    ipp_t *req;

    if (m->sub_id <= 0 || m->http == NULL)
        return;
    req = new_request(m, IPP_OP_CANCEL_SUBSCRIPTION);
    ippAddInteger(req, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "notify-subscription-id", m->sub_id);
    ippDelete(request(m, req));
    m->sub_id = 0;
}

/* Queues that left cupsd: with printdevIppRemoveDevices yes their devices
 * are removed from the agent (a queue that comes back is added again, under
 * its old hrDeviceIndex when its identity is the same); by default they stay
 * as down printers with an alert (the failing Get-Printer-Attributes). */
static void queues_gone(ipp_t *resp)
{
    char err[512];

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
        } else if (!listed && !m->gone) {
            if (!feed_remove(m, err, sizeof(err)))
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
int cups_queues(void)
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
int add_mirrors(void)
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

/* The password callback of libcups: credentials from printdevIppPrinter. */
void pdipp_cups_init(void)
{
    cupsSetPasswordCB2(password_cb, NULL);
}
