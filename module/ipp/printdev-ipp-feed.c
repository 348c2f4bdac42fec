/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * printdev-ipp-feed.c: printdev-ipp's side of the feed session.  A mirror's
 * device is added from its IPP layout (device add, once per connection and
 * when the layout changes), its raised alerts are read back (get alerts) and
 * each new state goes out as one batch only when it differs from what the
 * agent last accepted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "printdev-ipp.h"

void feed_log(const char *msg)
{
    logmsg("%s", msg);
}

/* The agent went away: everything is sent again after the reconnect. */
void feed_closed(void *arg)
{
    (void)arg;
    for (size_t i = 0; i < n_mirrors; i++) {
        mirrors[i].last[0] = '\0';
        mirrors[i].rejected = 0;
        mirrors[i].present_known = false;
        mirrors[i].added = false;
        mirrors[i].add_refused = 0;
        ipp_count_reset(&mirrors[i].count); /* read the agent's counter again */
    }
}

static void collect_index(void *arg, const char *line)
{
    struct mirror *m = arg;

    if (strncmp(line, "device index=", 13) == 0)
        m->hr_index = (int32_t)strtol(line + 13, NULL, 10);
}

/* Adds (or re-adds: idempotent) the printer's device to the agent from its
 * IPP layout, once per feed connection and again when the layout changes.
 * When the context derived from the device name is another device's, the
 * add is tried once more in the context ipp_context_alt() derives (logged),
 * and that context is kept from then on.  Any other refusal (a hand profile
 * device holding the name, say) is logged once; the mirror then feeds
 * whatever device of that name the agent has. */
static void feed_add(struct mirror *m)
{
    static char batch[BATCH_MAX];
    char identity[256], err[512], alt[PDIPP_CONTEXT_MAX + 1];
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
    if (m->ctx_alt)
        ipp_context_alt(m->cp->device, alt, sizeof(alt));
    n = ipp_view_add_batch(&m->view, m->cp->device, m->ctx_alt ? alt : NULL, identity, batch,
                           sizeof(batch));
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
    if (err[0] != '\0' && !m->ctx_alt && ipp_context_taken(err)) {
        ipp_context_alt(m->cp->device, alt, sizeof(alt));
        logmsg("%s: the agent refused the device's context: %s; adding it in context %s",
               m->cp->device, err, alt);
        m->ctx_alt = true;
        m->layout_new = true;
        feed_add(m); /* once: ctx_alt is set */
        return;
    }
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

static void collect_life(void *arg, const char *line)
{
    struct mirror *m = arg;

    ipp_count_marker_line(&m->count, line);
}

/* Sends the mirror's state to the agent when it changed. */
void feed_sync(struct mirror *m)
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
    /* prtMarkerLifeCount follows printer-impressions-completed: the agent's
     * value is read after every connection, the printer's total caught up
     * to, then its increments counted (ipp_count_step) */
    m->view.count_delta = 0;
    if (m->reachable && ipp_count_wants_agent(&m->count, &m->view)) {
        n = snprintf(out, sizeof(out), "device %s\nget markers\n", m->cp->device);
        if (!ipp_feedc_send(&feed, out, (size_t)n) ||
            !ipp_feedc_replies(&feed, 2, err, sizeof(err), collect_life, m))
            return;
        if (err[0] != '\0')
            logmsg("%s: the agent's marker counter is not readable (%s); counting from the "
                   "printer's next impressions",
                   m->cp->device, err);
    }
    if (m->reachable && ipp_count_step(&m->count, &m->view))
        logmsg("%s: printer-impressions-completed %lld is below the agent's prtMarkerLifeCount "
               "%lld; counting the printer's new impressions on top",
               m->cp->device, (long long)m->view.impressions, (long long)m->count.agent);
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
    ipp_count_accepted(&m->count, &m->view);
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

static bool remove_device(const char *device, char *err, size_t errlen)
{
    char line[128];
    int n;

    err[0] = '\0';
    if (!ipp_feedc_connect(&feed))
        return false;
    n = snprintf(line, sizeof(line), "device remove %s\n", device);
    return ipp_feedc_send(&feed, line, (size_t)n) &&
           ipp_feedc_replies(&feed, 1, err, errlen, NULL, NULL);
}

/* Removes the mirror's device from the agent (device remove): false when
 * the agent could not be asked; err holds its refusal, if any. */
bool feed_remove(struct mirror *m, char *err, size_t errlen)
{
    if (!remove_device(m->cp->device, err, errlen))
        return false;
    m->added = false;
    return true;
}

/* Removals the agent could not be asked for (it was down at a reload that
 * dropped printers): sent, in order, once the feed is back and before any
 * device is added again. */
static char (*pending)[sizeof(((struct ipp_conf_printer *)0)->device)];
static size_t n_pending, cap_pending;

void feed_remove_later(const char *device)
{
    for (size_t i = 0; i < n_pending; i++)
        if (strcmp(pending[i], device) == 0)
            return;
    if (n_pending == cap_pending) {
        size_t cap = cap_pending ? 2 * cap_pending : 8;
        void *p = realloc(pending, cap * sizeof(*pending));
        if (p == NULL) {
            logmsg("%s: out of memory: its device stays in the agent", device);
            return;
        }
        pending = p;
        cap_pending = cap;
    }
    snprintf(pending[n_pending++], sizeof(*pending), "%s", device);
}

size_t feed_removals_pending(void)
{
    return n_pending;
}

/* Sends the pending removals: false while some are left (the agent cannot
 * be asked).  A refusal (the device is gone already, say) is logged and not
 * repeated: the agent no longer has the device either way. */
bool feed_removals(void)
{
    char err[512];

    while (n_pending > 0) {
        if (!remove_device(pending[0], err, sizeof(err)))
            return false;
        logmsg("%s: device removed from the agent (pending since a reload)%s%s", pending[0],
               err[0] ? ": " : "", err);
        memmove(pending, pending + 1, --n_pending * sizeof(*pending));
    }
    return true;
}

void feed_removals_free(void)
{
    free(pending);
    pending = NULL;
    n_pending = cap_pending = 0;
}
