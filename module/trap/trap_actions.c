/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trap_actions.c: the rules' exec actions, synchronous or queued to one
 * background thread (trap_actions.h).  The thread must receive SIGCHLD
 * for trap_output_exec(): a process using the queue blocks SIGCHLD in its
 * other threads (printdev-trapd does).
 */
#include "config.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "trap_actions.h"

#define ARG_SIZE 2048 /* bytes of one expanded action argument */

/* One queued action: everything it needs is copied (the batch is gone by
 * the time it runs). */
struct exec_job {
    struct exec_job *next;
    char *path;
    char **argv;
    int timeout;
    char *rule;
    struct trap_record rec; /* strings point into strs */
    char *strs;
};

struct trap_actions {
    int queue_max; /* 0: synchronous */
    void (*report_fn)(void *arg, const char *msg);
    void *report_arg;
    pthread_t thread;
    bool thread_on, stopping;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct exec_job *head, *tail;
    int queued;
    uint64_t run, failed, dropped; /* under mu */
    time_t last_drop_report;       /* caller's thread only */
    unsigned long drops_unreported;
};

static void report(struct trap_actions *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void report(struct trap_actions *p, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (p->report_fn)
        p->report_fn(p->report_arg, msg);
    else
        fprintf(stderr, "%s\n", msg);
}

static void job_free(struct exec_job *j)
{
    int i;

    if (!j)
        return;
    for (i = 0; j->argv && j->argv[i]; i++)
        free(j->argv[i]);
    free(j->argv);
    free(j->path);
    free(j->rule);
    free(j->strs);
    free(j);
}

static void job_run(struct trap_actions *p, struct exec_job *j)
{
    int st = 0, rc = trap_output_exec(j->path, j->argv, j->timeout, &j->rec, &st);
    bool failed = rc < 0;

    if (rc == TRAP_OUT_ETIMEOUT)
        report(p, "action %s of rule %s killed after %d s", j->path, j->rule, j->timeout);
    else if (rc < 0)
        report(p, "action %s of rule %s failed (wait status %d)", j->path, j->rule, st);
    pthread_mutex_lock(&p->mu);
    p->run++;
    if (failed)
        p->failed++;
    pthread_mutex_unlock(&p->mu);
}

static void *exec_thread(void *arg)
{
    struct trap_actions *p = arg;

    pthread_mutex_lock(&p->mu);
    for (;;) {
        struct exec_job *j;
        while (!p->head && !p->stopping)
            pthread_cond_wait(&p->cv, &p->mu);
        if (!p->head)
            break;
        j = p->head;
        p->head = j->next;
        if (!p->head)
            p->tail = NULL;
        p->queued--;
        pthread_mutex_unlock(&p->mu);
        job_run(p, j);
        job_free(j);
        pthread_mutex_lock(&p->mu);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* Copies the record fields the action's environment uses. */
static int job_copy_record(struct exec_job *j, const struct trap_record *r)
{
    const char *src[] = {r->severity,  r->device,   r->text,    r->source, r->trap_oid,
                         r->trap_name, r->category, r->version, r->rule,   r->alert_op};
    const char **dst[] = {&j->rec.severity, &j->rec.device,    &j->rec.text,     &j->rec.source,
                          &j->rec.trap_oid, &j->rec.trap_name, &j->rec.category, &j->rec.version,
                          &j->rec.rule,     &j->rec.alert_op};
    size_t i, total = 0, off = 0;

    for (i = 0; i < sizeof(src) / sizeof(src[0]); i++)
        total += src[i] ? strlen(src[i]) + 1 : 0;
    j->strs = malloc(total ? total : 1);
    if (!j->strs)
        return -1;
    j->rec = *r;
    j->rec.vbs = NULL;
    j->rec.n_vbs = 0;
    j->rec.community = NULL;
    j->rec.user = NULL;
    for (i = 0; i < sizeof(src) / sizeof(src[0]); i++) {
        if (!src[i]) {
            *dst[i] = NULL;
            continue;
        }
        memcpy(j->strs + off, src[i], strlen(src[i]) + 1);
        *dst[i] = j->strs + off;
        off += strlen(src[i]) + 1;
    }
    return 0;
}

void trap_actions_run(struct trap_actions *p, const struct trap_msg *m, const struct trap_event *ev,
                      const struct trap_record *r)
{
    const struct trap_action *a = ev->action;
    struct exec_job *j;
    const char *rule;
    int i, n;

    if (!a || !a->path)
        return;
    rule = a->rule ? a->rule : "?";
    n = a->argc > 0 ? a->argc : 1;
    j = calloc(1, sizeof(*j));
    if (!j || !(j->argv = calloc((size_t)n + 1, sizeof(*j->argv))) ||
        !(j->path = strdup(a->path)) || !(j->rule = strdup(rule)) || job_copy_record(j, r) < 0)
        goto nomem;
    for (i = 0; i < a->argc && a->argv[i]; i++) {
        if (!(j->argv[i] = malloc(ARG_SIZE)))
            goto nomem;
        trap_template_expand(a->argv[i], m, ev, j->argv[i], ARG_SIZE);
    }
    if (i == 0 && !(j->argv[i++] = strdup(a->path)))
        goto nomem;
    j->argv[i] = NULL;
    j->timeout = a->timeout;

    if (p->queue_max <= 0) {
        job_run(p, j);
        job_free(j);
        return;
    }
    pthread_mutex_lock(&p->mu);
    if (p->queued >= p->queue_max) {
        time_t now = time(NULL);
        p->dropped++;
        p->drops_unreported++;
        pthread_mutex_unlock(&p->mu);
        /* at most one line a second in a storm */
        if (now != p->last_drop_report) {
            report(p, "%lu actions dropped: %d already queued (last: %s of rule %s)",
                   p->drops_unreported, p->queue_max, a->path, rule);
            p->last_drop_report = now;
            p->drops_unreported = 0;
        }
        job_free(j);
        return;
    }
    if (p->tail)
        p->tail->next = j;
    else
        p->head = j;
    p->tail = j;
    p->queued++;
    pthread_cond_signal(&p->cv);
    pthread_mutex_unlock(&p->mu);
    return;
nomem:
    report(p, "action of rule %s not run: out of memory", rule);
    job_free(j);
}

int trap_actions_open(int queue, void (*report_fn)(void *arg, const char *msg), void *report_arg,
                      struct trap_actions **out, char *err, size_t errlen)
{
    struct trap_actions *p = calloc(1, sizeof(*p));

    *out = NULL;
    if (!p) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    p->queue_max = queue > 0 ? queue : 0;
    p->report_fn = report_fn;
    p->report_arg = report_arg;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    if (p->queue_max > 0) {
        if (pthread_create(&p->thread, NULL, exec_thread, p) != 0) {
            snprintf(err, errlen, "cannot start the action thread");
            trap_actions_close(p);
            return -1;
        }
        p->thread_on = true;
    }
    *out = p;
    return 0;
}

void trap_actions_counts(struct trap_actions *p, uint64_t *run, uint64_t *failed, uint64_t *dropped)
{
    pthread_mutex_lock(&p->mu);
    *run = p->run;
    *failed = p->failed;
    *dropped = p->dropped;
    pthread_mutex_unlock(&p->mu);
}

void trap_actions_close(struct trap_actions *p)
{
    if (!p)
        return;
    if (p->thread_on) {
        pthread_mutex_lock(&p->mu);
        p->stopping = true;
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
        pthread_join(p->thread, NULL);
    }
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->cv);
    free(p);
}
