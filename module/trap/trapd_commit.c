/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trapd_commit.c: double-buffered batches and the committer thread
 * (trapd_commit.h).  Only the receiving thread calls Net-SNMP (responses
 * are sent from trapd_commit_complete()); the committer thread only runs
 * trap_pipeline_run() on a batch nobody else touches meanwhile.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "trapd_commit.h"

struct pending {
    netsnmp_session *sess;
    netsnmp_pdu *reply;
};

struct batch {
    struct trap_msg *msgs;
    struct trap_pipeline_item *items;
    struct pending *informs;
    size_t n, n_inf, cap;
    struct timespec first; /* CLOCK_MONOTONIC of its first trap */
    int rc;                /* trap_pipeline_run()'s result */
};

static struct batch batches[2];
static struct batch *filling = &batches[0];
static struct batch *inflight; /* owned by the committer while set */
static struct trap_pipeline *pipeline;
static struct trapd_commit_counters counters;

static pthread_t thread;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static struct batch *todo;
static bool stopping, started;
static int wake[2] = {-1, -1};

static void *committer(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&mu);
    for (;;) {
        struct batch *b;
        char c = 1;
        while (!todo && !stopping)
            pthread_cond_wait(&cv, &mu);
        if (!todo)
            break;
        b = todo;
        todo = NULL;
        pthread_mutex_unlock(&mu);
        b->rc = trap_pipeline_run(pipeline, b->items, b->n);
        while (write(wake[1], &c, 1) < 0 && errno == EINTR)
            ;
        pthread_mutex_lock(&mu);
    }
    pthread_mutex_unlock(&mu);
    return NULL;
}

static int batch_alloc(struct batch *b, size_t cap)
{
    b->msgs = calloc(cap, sizeof(*b->msgs));
    b->items = calloc(cap, sizeof(*b->items));
    b->informs = calloc(cap, sizeof(*b->informs));
    b->cap = cap;
    return b->msgs && b->items && b->informs ? 0 : -1;
}

int trapd_commit_start(struct trap_pipeline *p, size_t cap, int *wake_fd)
{
    if (batch_alloc(&batches[0], cap) < 0 || batch_alloc(&batches[1], cap) < 0)
        return -1;
    if (pipe2(wake, O_CLOEXEC) < 0)
        return -1;
    pipeline = p;
    if (pthread_create(&thread, NULL, committer, NULL) != 0)
        return -1;
    started = true;
    *wake_fd = wake[0];
    return 0;
}

struct trap_msg *trapd_commit_slot(void)
{
    return filling->n < filling->cap ? &filling->msgs[filling->n] : NULL;
}

void trapd_commit_add(int64_t received_ms, netsnmp_session *sess, netsnmp_pdu *reply)
{
    struct batch *b = filling;

    if (b->n == 0)
        clock_gettime(CLOCK_MONOTONIC, &b->first);
    b->items[b->n].msg = &b->msgs[b->n];
    b->items[b->n].parse_rc = 0;
    b->items[b->n].received_ms = received_ms;
    if (reply) {
        b->informs[b->n_inf].sess = sess;
        b->informs[b->n_inf].reply = reply;
        b->n_inf++;
    }
    b->n++;
}

size_t trapd_commit_filling(void)
{
    return filling->n;
}

long trapd_commit_age_ms(void)
{
    struct timespec n;

    if (filling->n == 0)
        return 0;
    clock_gettime(CLOCK_MONOTONIC, &n);
    return (long)((n.tv_sec - filling->first.tv_sec) * 1000 +
                  (n.tv_nsec - filling->first.tv_nsec) / 1000000);
}

bool trapd_commit_busy(void)
{
    return inflight != NULL;
}

void trapd_commit_submit(void)
{
    if (inflight || filling->n == 0)
        return;
    inflight = filling;
    filling = filling == &batches[0] ? &batches[1] : &batches[0];
    pthread_mutex_lock(&mu);
    todo = inflight;
    pthread_cond_signal(&cv);
    pthread_mutex_unlock(&mu);
}

/* The committed batch: its informs are answered now, or never. */
static void finish(struct batch *b)
{
    size_t i;

    for (i = 0; i < b->n_inf; i++) {
        struct pending *p = &b->informs[i];
        if (b->rc == TRAP_PIPE_OK) {
            if (snmp_send(p->sess, p->reply)) {
                counters.informs_answered++;
                continue; /* the library owns it now */
            }
            counters.reply_errors++;
            snmp_sess_perror("printdev-trapd: inform response not sent", p->sess);
        } else {
            counters.informs_unanswered++;
        }
        snmp_free_pdu(p->reply);
    }
    for (i = 0; i < b->n; i++)
        trap_msg_free(&b->msgs[i]);
    b->n = 0;
    b->n_inf = 0;
}

void trapd_commit_complete(void)
{
    char buf[16];

    if (!inflight)
        return;
    if (read(wake[0], buf, 1) != 1)
        return; /* not done yet (EINTR, or a spurious wake-up) */
    finish(inflight);
    inflight = NULL;
    trapd_commit_submit();
}

void trapd_commit_drain(void)
{
    while (inflight || filling->n) {
        if (!inflight)
            trapd_commit_submit();
        trapd_commit_complete(); /* blocks in read() until it is done */
    }
}

void trapd_commit_stop(void)
{
    if (!started)
        return;
    trapd_commit_drain();
    pthread_mutex_lock(&mu);
    stopping = true;
    pthread_cond_signal(&cv);
    pthread_mutex_unlock(&mu);
    pthread_join(thread, NULL);
    started = false;
}

void trapd_commit_counters(struct trapd_commit_counters *c)
{
    *c = counters;
}
