/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trap_pipeline.c: translation, rules, fleet store and outputs for a batch
 * of traps (trap_pipeline.h), shared by printdev-trapworker and
 * printdev-trapd.  No Net-SNMP here.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "prt_enums.h"
#include "trap_actions.h"
#include "trap_output.h"
#include "trap_pipeline.h"
#include "trap_rules.h"
#include "trap_store.h"
#include "trap_translate.h"

struct trap_pipeline {
    struct trap_pipeline_config cfg;
    struct trap_rules *rules;
    struct trap_store *store;
    const char *db_path;
    const char *jsonl;
    const char *ident;
    int facility;
    struct trap_pipeline_stats st; /* under mu: read from other threads */
    pthread_mutex_t mu;
    struct trap_actions *actions;
};

static void report(struct trap_pipeline *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void report(struct trap_pipeline *p, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (p->cfg.report)
        p->cfg.report(p->cfg.report_arg, msg);
    else
        fprintf(stderr, "%s\n", msg);
}

static const char *version_name(int v)
{
    switch (v) {
    case 1:
        return "v1";
    case 2:
        return "v2c";
    case 3:
        return "v3";
    default:
        return "";
    }
}

static const char *alert_op_name(int op)
{
    switch (op) {
    case TRAP_ALERT_ADD:
        return "add";
    case TRAP_ALERT_REMOVE:
        return "remove";
    case TRAP_ALERT_UNARY:
        return "unary";
    default:
        return NULL;
    }
}

/* FNV-1a 64 over the parts that make two events "the same" for storm
 * control: trap OID, severity, category and text (the text names device,
 * sub-unit and condition, not the alert index, so a flapping condition
 * collapses). */
static void dedup_key(const struct trap_event *ev, char *out, size_t outsz)
{
    const char *parts[] = {ev->trap_oid, trap_sev_name(ev->severity), ev->category, ev->text};
    uint64_t h = 1469598103934665603ULL;
    size_t i;

    for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
        const unsigned char *c = (const unsigned char *)parts[i];
        for (; c && *c; c++) {
            h ^= *c;
            h *= 1099511628211ULL;
        }
        h ^= 0x1f; /* field separator */
        h *= 1099511628211ULL;
    }
    snprintf(out, outsz, "%016llx", (unsigned long long)h);
}

/* ---- rules and settings ---------------------------------------------------- */

static int load_rules(struct trap_pipeline *p, struct trap_rules **out, char *err, size_t errlen)
{
    *out = NULL;
    if (!p->cfg.rules || (!p->cfg.rules_given && access(p->cfg.rules, F_OK) < 0 && errno == ENOENT))
        return 0; /* no rules file installed: built-in behaviour */
    if (trap_rules_load(p->cfg.rules, out, err, errlen) < 0)
        return TRAP_PIPE_ERULES;
    return 0;
}

/* Settings that come from the rules unless the front end set them. */
static void apply_settings(struct trap_pipeline *p)
{
    const struct trap_rules *r = p->rules;
    const char *f = p->cfg.facility;

    p->ident = p->cfg.ident;
    if (!p->ident && r && trap_rules_syslog_ident(r))
        p->ident = trap_rules_syslog_ident(r);
    if (!p->ident)
        p->ident = "printdev-traphandle";
    if (!f && r)
        f = trap_rules_syslog_facility(r);
    p->facility =
        f && trap_output_syslog_facility(f) >= 0 ? trap_output_syslog_facility(f) : LOG_DAEMON;
    /* rules file: NULL not set, "" switched off ("none"), else a path */
    p->jsonl = p->cfg.jsonl;
    if (!p->jsonl && r && trap_rules_jsonl_path(r) && *trap_rules_jsonl_path(r))
        p->jsonl = trap_rules_jsonl_path(r);
}

int trap_pipeline_reload(struct trap_pipeline *p, char *err, size_t errlen)
{
    struct trap_rules *r;
    int rc;

    if (!p)
        return TRAP_PIPE_EINVAL;
    rc = load_rules(p, &r, err, errlen);
    if (rc < 0)
        return rc;
    /* queued actions point to nothing of the rules (copied): safe to swap */
    trap_rules_free(p->rules);
    p->rules = r;
    apply_settings(p);
    return 0;
}

/* ---- open / close -------------------------------------------------------------- */

int trap_pipeline_open(const struct trap_pipeline_config *cfg, struct trap_pipeline **out,
                       char *err, size_t errlen)
{
    struct trap_pipeline *p;
    int rc;

    if (!cfg || !out)
        return TRAP_PIPE_EINVAL;
    *out = NULL;
    p = calloc(1, sizeof(*p));
    if (!p) {
        snprintf(err, errlen, "out of memory");
        return TRAP_PIPE_ENOMEM;
    }
    p->cfg = *cfg;
    pthread_mutex_init(&p->mu, NULL);
    rc = load_rules(p, &p->rules, err, errlen);
    if (rc < 0) {
        trap_pipeline_close(p);
        return rc;
    }
    apply_settings(p);
    p->db_path = p->cfg.db;
    if (!p->db_path && p->rules && trap_rules_db_path(p->rules)) {
        if (*trap_rules_db_path(p->rules))
            p->db_path = trap_rules_db_path(p->rules);
        else
            p->cfg.no_db = true;
    }
    if (!p->db_path)
        p->db_path = p->cfg.default_db;
    if (!p->cfg.no_db && !p->db_path)
        p->cfg.no_db = true;
    if (!p->cfg.no_db) {
        char serr[512];
        struct trap_store_config sc = {.spool = p->cfg.pg_spool};
        if (trap_store_open_ex(p->db_path, 0, &sc, &p->store, serr, sizeof(serr)) < 0) {
            /* the front end decides whether this is fatal; the worker goes
             * on without fleet state, as before */
            report(p, "fleet database not updated: %s", serr);
            p->store = NULL;
        }
    }
    if (trap_actions_open(p->cfg.exec_queue, p->cfg.report, p->cfg.report_arg, &p->actions, err,
                          errlen) < 0) {
        trap_pipeline_close(p);
        return TRAP_PIPE_ENOMEM;
    }
    *out = p;
    return 0;
}

void trap_pipeline_close(struct trap_pipeline *p)
{
    if (!p)
        return;
    trap_actions_close(p->actions); /* waits for queued actions */
    trap_store_close(p->store);
    trap_rules_free(p->rules);
    pthread_mutex_destroy(&p->mu);
    free(p);
}

void trap_pipeline_idle(struct trap_pipeline *p)
{
    struct trap_store_opts so = {0};
    const char *note;

    if (!p || !p->store)
        return;
    so.storm_window = p->cfg.storm_window >= 0 ? p->cfg.storm_window
                      : p->rules               ? trap_rules_storm_window(p->rules)
                                               : TRAP_RULES_DEFAULT_STORM_WINDOW;
    so.storm_limit = p->rules ? trap_rules_storm_limit(p->rules) : TRAP_RULES_DEFAULT_STORM_LIMIT;
    so.alert_max_age = p->cfg.alert_max_age;
    if (trap_store_flush(p->store, &so) < 0)
        report(p, "fleet database: spool not replayed: %s", trap_store_errmsg(p->store));
    if ((note = trap_store_notice(p->store)) != NULL)
        report(p, "fleet database: %s", note);
}

void trap_pipeline_stats(const struct trap_pipeline *p, struct trap_pipeline_stats *st)
{
    pthread_mutex_lock((pthread_mutex_t *)&p->mu);
    *st = p->st;
    pthread_mutex_unlock((pthread_mutex_t *)&p->mu);
    trap_actions_counts(p->actions, &st->actions_run, &st->actions_failed, &st->actions_dropped);
}

/* ---- one batch ---------------------------------------------------------------- */

/* Everything the outputs need for one trap, pointing into its msg and ev. */
struct work {
    struct trap_event ev;
    struct trap_record rec;
    struct trap_record_varbind *vbs;
    char *display;                                     /* one buffer holding every display string */
    char *vbjson;                                      /* the varbinds as JSON, for the store */
    char key[32];                                      /* storm-control key */
    char text[sizeof(((struct trap_event *)0)->text)]; /* text after the store */
};

static void record_build(struct work *w, const struct trap_msg *m, int64_t now_ms)
{
    const struct trap_event *ev = &w->ev;
    struct trap_record *r = &w->rec;
    size_t i, total = 0, off = 0;

    memset(r, 0, sizeof(*r));
    r->time_ms = now_ms;
    r->source = ev->source;
    r->device = ev->device[0] ? ev->device : ev->source;
    r->severity = trap_sev_name(ev->severity);
    r->category = ev->category;
    r->text = ev->text;
    r->trap_oid = ev->trap_oid;
    r->trap_name = ev->trap_name;
    r->version = version_name(ev->version);
    r->pdu = trap_pdu_name(m->pdu);
    r->community = m->community;
    r->user = m->user;
    r->rule = ev->rule;
    r->removed_index = -1;
    r->alert_op = alert_op_name(ev->alert_op);
    if (r->alert_op) {
        r->dev_index = ev->dev_index;
        r->alert_index = ev->alert_index;
        r->removed_index = ev->removed_index;
        r->alert_severity = ev->alert_severity;
        r->alert_training = ev->alert_training;
        r->alert_group = ev->alert_group;
        r->alert_group_index = ev->alert_group_index;
        r->alert_location = ev->alert_location;
        r->alert_code = ev->alert_code;
        r->alert_severity_name = prt_enum_name(&prt_tc_PrtAlertSeverityLevelTC, ev->alert_severity);
        r->alert_training_name = prt_enum_name(&prt_tc_PrtAlertTrainingLevelTC, ev->alert_training);
        r->alert_group_name = prt_enum_name(&prt_tc_PrtAlertGroupTC, ev->alert_group);
        r->alert_code_name = prt_enum_name(&prt_tc_PrtAlertCodeTC, ev->alert_code);
    }
    if (!m->n_vbs)
        return;
    w->vbs = calloc(m->n_vbs, sizeof(*w->vbs));
    for (i = 0; i < m->n_vbs; i++)
        total += m->vbs[i].value_len * 4 + 64;
    w->display = malloc(total);
    if (!w->vbs || !w->display) {
        free(w->vbs);
        free(w->display);
        w->vbs = NULL;
        w->display = NULL;
        return; /* the event still goes out, without its varbinds */
    }
    for (i = 0; i < m->n_vbs; i++) {
        const struct trap_varbind *v = &m->vbs[i];
        size_t n = trap_varbind_text(v, w->display + off, v->value_len * 4 + 64);

        w->vbs[i].oid = v->oid;
        w->vbs[i].type = trap_vtype_name(v->type);
        w->vbs[i].value = v->value;
        w->vbs[i].value_len = v->value_len;
        w->vbs[i].display = w->display + off;
        off += n + 1;
    }
    r->vbs = w->vbs;
    r->n_vbs = m->n_vbs;
}

/* A 1801 removal of a known row that kept the built-in sentence
 * ("cleared: alert N on X"): it is named after what it cleared. */
static int builtin_removal(const struct trap_event *ev)
{
    return ev->alert_op == TRAP_ALERT_REMOVE && ev->removed_index >= 0 &&
           strncmp(ev->text, "cleared: alert ", 15) == 0;
}

static void store_event_build(struct work *w, const struct trap_msg *m, struct trap_store_event *se)
{
    const struct trap_event *ev = &w->ev;
    const struct trap_record *r = &w->rec;

    memset(se, 0, sizeof(*se));
    dedup_key(ev, w->key, sizeof(w->key));
    w->vbjson = trap_pipeline_json_varbinds(r);
    se->time_ms = r->time_ms;
    se->source = r->source[0] ? r->source : "unknown";
    se->device = r->device;
    se->severity = r->severity;
    se->category = r->category;
    se->text = r->text;
    se->trap_oid = r->trap_oid;
    se->version = r->version;
    se->auth = ev->community_or_user;
    se->varbinds = w->vbjson;
    se->dedup_key = w->key;
    /* a v1 agent-addr other than the source: the agent behind a relay */
    se->agent = m->agent_addr[0] ? m->agent_addr : NULL;
    if (ev->alert_op == TRAP_ALERT_ADD && ev->dev_index >= 0 && ev->alert_index >= 0) {
        se->alert_op = TRAP_STORE_ALERT_ADD;
        se->alert_index = ev->alert_index;
    } else if (ev->alert_op == TRAP_ALERT_REMOVE && ev->dev_index >= 0) {
        /* 1801: the row with removed_index; a closing code (coverClosed
         * ...): the rows of the same sub-unit with the leading code */
        se->alert_op = TRAP_STORE_ALERT_REMOVE;
        se->alert_index = ev->removed_index;
        /* the stored row names what it cleared, as the outputs do */
        se->name_cleared = builtin_removal(ev);
    }
    /* coldStart / warmStart (RFC 3418 snmpTraps 1, 2): the agent restarted
     * and its prtAlertTable with it */
    if (strcmp(ev->trap_oid, "1.3.6.1.6.3.1.1.5.1") == 0 ||
        strcmp(ev->trap_oid, "1.3.6.1.6.3.1.1.5.2") == 0)
        se->alert_op = TRAP_STORE_ALERT_CLEAR;
    se->dev_index = ev->dev_index;
    se->alert_severity = r->severity;
    se->group = ev->alert_group;
    se->group_index = ev->alert_group_index;
    se->location = ev->alert_location;
    se->code = ev->alert_op == TRAP_ALERT_REMOVE && ev->removed_index < 0 ? ev->cleared_code
                                                                          : ev->alert_code;
    se->alert_text = r->text;
}

/* A removal of a known row names what it cleared, from the store's
 * "TEXT (alert N)" with the "<severity>: " lead of the stored sentence
 * left out (trap_store_cleared_sentence), e.g. "cleared: jam in mediaPath
 * 1 on prod-1 (alert 3)"; the store writes the same text into the event's
 * row (name_cleared).  Only the built-in sentence is replaced (a rule's
 * message stays). */
static void name_cleared(struct work *w, const char *cleared)
{
    if (!cleared || !*cleared || !builtin_removal(&w->ev))
        return;
    trap_store_cleared_sentence(w->text, sizeof(w->text), cleared);
    w->rec.text = w->text;
}

/* Appends the JSON lines of the batch and writes them with one write(2). */
static void write_jsonl(struct trap_pipeline *p, struct work *ws, struct trap_pipeline_item *items,
                        size_t n, struct trap_pipeline_stats *d)
{
    char *buf = NULL;
    size_t len = 0, cap = 0, i;
    int fd;

    for (i = 0; i < n; i++) {
        size_t l;
        char *line;
        if (items[i].outcome != TRAP_PIPE_LOGGED)
            continue;
        line = trap_output_json_line(&ws[i].rec, &l);
        if (!line)
            continue;
        if (len + l > cap) {
            size_t nc = (cap ? cap * 2 : 4096) + l;
            char *nb = realloc(buf, nc);
            if (!nb) {
                free(line);
                continue;
            }
            buf = nb;
            cap = nc;
        }
        memcpy(buf + len, line, l);
        len += l;
        free(line);
    }
    if (len == 0) {
        free(buf);
        return;
    }
    fd = open(p->jsonl, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY, 0640);
    if (fd < 0) {
        d->output_errors++;
        report(p, "%s: events not written: %s", p->jsonl, strerror(errno));
    } else {
        size_t off = 0;
        while (off < len) {
            ssize_t wr = write(fd, buf + off, len - off);
            if (wr < 0 && errno == EINTR)
                continue;
            if (wr <= 0) {
                d->output_errors++;
                report(p, "%s: events not written: %s", p->jsonl,
                       wr < 0 ? strerror(errno) : "short write");
                break;
            }
            off += (size_t)wr;
        }
        close(fd);
    }
    free(buf);
}

int trap_pipeline_run(struct trap_pipeline *p, struct trap_pipeline_item *items, size_t n)
{
    struct work *ws;
    struct trap_store_event *ses = NULL;
    struct trap_store_result *res = NULL;
    size_t *map = NULL, ns = 0, i;
    int rc = TRAP_PIPE_OK;
    struct trap_pipeline_stats delta = {0}, *d = &delta;

    if (!p || (!items && n))
        return TRAP_PIPE_EINVAL;
    if (n == 0)
        return TRAP_PIPE_OK;
    /* (not calloc: each work's event is filled by the translator; zeroing
     * megabytes per batch showed in profiles) */
    ws = malloc(n * sizeof(*ws));
    if (!ws)
        return TRAP_PIPE_ENOMEM;
    for (i = 0; i < n; i++) {
        ws[i].vbs = NULL;
        ws[i].display = NULL;
        ws[i].vbjson = NULL;
    }
    if (p->store) {
        ses = calloc(n, sizeof(*ses));
        res = calloc(n, sizeof(*res));
        map = calloc(n, sizeof(*map));
        if (!ses || !res || !map) {
            rc = TRAP_PIPE_ENOMEM;
            goto out;
        }
    }
    /* 1, 2: translate and render */
    for (i = 0; i < n; i++) {
        struct trap_msg *m = items[i].msg;
        if (items[i].parse_rc < 0) {
            trap_event_unparsed(m, p->rules, &ws[i].ev);
            d->unparsed++;
        } else {
            trap_translate(m, p->rules, &ws[i].ev);
        }
        d->traps++;
        if (ws[i].ev.ignore) {
            items[i].outcome = TRAP_PIPE_IGNORED;
            d->ignored++;
            continue;
        }
        items[i].outcome = TRAP_PIPE_LOGGED;
        record_build(&ws[i], m, items[i].received_ms);
        if (p->store) {
            store_event_build(&ws[i], m, &ses[ns]);
            map[ns++] = i;
        }
    }
    /* 3: one transaction */
    if (p->store && ns) {
        struct trap_store_opts so = {0};
        const struct trap_rules *r = p->rules;
        so.storm_window = p->cfg.storm_window >= 0 ? p->cfg.storm_window
                          : r                      ? trap_rules_storm_window(r)
                                                   : TRAP_RULES_DEFAULT_STORM_WINDOW;
        so.storm_limit = r ? trap_rules_storm_limit(r) : TRAP_RULES_DEFAULT_STORM_LIMIT;
        so.alert_max_age = p->cfg.alert_max_age;
        d->batches++;
        int src = trap_store_record_batch(p->store, ses, ns, &so, res);
        const char *note = trap_store_notice(p->store);
        if (note)
            report(p, "fleet database: %s", note);
        if (src < 0) {
            d->store_errors++;
            char shown[512];
            report(p, "fleet database %s not updated (%zu events): %s",
                   trap_store_target_redacted(p->db_path, shown, sizeof(shown)), ns,
                   trap_store_errmsg(p->store));
            rc = TRAP_PIPE_ESTORE;
        } else {
            for (i = 0; i < ns; i++) {
                struct work *w = &ws[map[i]];
                if (res[i].status == TRAP_STORE_SUPPRESSED) {
                    items[map[i]].outcome = TRAP_PIPE_SUPPRESSED;
                    d->suppressed++;
                } else {
                    name_cleared(w, res[i].cleared);
                }
            }
        }
    } else if (!p->cfg.no_db && !p->store) {
        rc = TRAP_PIPE_ESTORE; /* a store was wanted but is not open */
    }
    /* 4: outputs, per batch */
    if (p->jsonl)
        write_jsonl(p, ws, items, n, d);
    for (i = 0; i < n; i++) {
        if (items[i].outcome != TRAP_PIPE_LOGGED)
            continue;
        if (p->cfg.syslog_on &&
            trap_output_syslog(p->cfg.syslog_sock, p->ident, p->facility, &ws[i].rec) < 0 &&
            p->cfg.syslog_sock)
            report(p, "syslog socket %s: %s", p->cfg.syslog_sock, strerror(errno));
        if (p->cfg.out_fd >= 0)
            trap_output_stdout(p->cfg.out_fd, &ws[i].rec);
        /* 5: actions */
        trap_actions_run(p->actions, items[i].msg, &ws[i].ev, &ws[i].rec);
    }
out:
    /* counters under the lock: the stats may be read from another thread */
    pthread_mutex_lock(&p->mu);
    p->st.traps += d->traps;
    p->st.batches += d->batches;
    p->st.suppressed += d->suppressed;
    p->st.ignored += d->ignored;
    p->st.unparsed += d->unparsed;
    p->st.store_errors += d->store_errors;
    p->st.output_errors += d->output_errors;
    pthread_mutex_unlock(&p->mu);
    for (i = 0; i < n; i++) {
        free(ws[i].vbs);
        free(ws[i].display);
        free(ws[i].vbjson);
    }
    free(ws);
    free(ses);
    free(res);
    free(map);
    return rc;
}
