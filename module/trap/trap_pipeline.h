/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trap_pipeline.h: the one trap pipeline behind both front ends.
 *
 * A front end turns what it received into parsed messages (struct
 * trap_msg): printdev-trapworker from snmptrapd's handler text
 * (trap_parse.h), printdev-trapd from the decoded PDU (trapd_pdu.h).  The
 * pipeline does the rest for a batch of them, in this order:
 *   1. translate each message into an event and apply the rules
 *      (trap_translate.h); input the parser rejected becomes an "unparsed"
 *      event, nothing is dropped silently;
 *   2. render each event once into the outputs' record (trap_output.h):
 *      varbind display text, JSON varbinds, alert fields;
 *   3. record the whole batch in the fleet store in ONE transaction
 *      (trap_store_record_batch: storm control and active alerts per
 *      batch).  When this returns 0 the batch is durable: a front end may
 *      acknowledge it (answer the informs it holds);
 *   4. write the events storm control let through: the JSON Lines file
 *      with one write(2) for the whole batch, syslog, standard output; a
 *      removal names the alert it cleared ("cleared: <text> (alert 3)");
 *   5. actions: expanded argument vectors (no shell ever).  Synchronous
 *      when exec_queue is 0 (the traphandle worker, one trap per process);
 *      otherwise queued to one background thread with a bounded queue,
 *      so a slow action never blocks receiving (a full queue drops the
 *      action and counts it).
 * Problems of the pipeline itself (database, files) go to the report
 * callback; the batch still reaches the logs.
 */
#ifndef TRAP_PIPELINE_H
#define TRAP_PIPELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "trap_parse.h"

struct trap_pipeline_config {
    const char *rules;      /* rules file */
    bool rules_given;       /* a missing rules file is an error (else built-in) */
    const char *jsonl;      /* JSON Lines file, NULL: from the rules / none */
    const char *db;         /* fleet store (SQLite file, postgresql://... or
                             * pg:CONNINFO), NULL: from the rules / default */
    const char *default_db; /* the default database path */
    bool no_db;             /* no fleet store */
    bool syslog_on;
    const char *facility;    /* NULL: from the rules ("daemon") */
    const char *syslog_sock; /* NULL: /dev/log */
    const char *ident;       /* NULL: from the rules */
    int out_fd;              /* >= 0: one text line per event there */
    int storm_window;        /* seconds; -1: from the rules */
    int alert_max_age;       /* seconds; 0: active alerts never age out */
    const char *pg_spool;    /* PostgreSQL store: local spool file, NULL default */
    int exec_queue;          /* 0: actions run synchronously; > 0: queue size */
    /* problems of the pipeline itself; NULL: stderr */
    void (*report)(void *arg, const char *msg);
    void *report_arg;
};

/* One trap of a batch. */
struct trap_pipeline_item {
    struct trap_msg *msg; /* parsed message (owned by the caller) */
    int parse_rc;         /* trap_parse()'s result: < 0 makes it "unparsed" */
    int64_t received_ms;  /* reception time, Unix ms */
    /* filled by trap_pipeline_run() */
    int outcome; /* enum trap_pipeline_outcome */
};

enum trap_pipeline_outcome {
    TRAP_PIPE_LOGGED = 0,     /* stored (if a store is used) and written */
    TRAP_PIPE_SUPPRESSED = 1, /* storm control: counted in the store only */
    TRAP_PIPE_IGNORED = 2,    /* a rule said "ignore" */
};

enum trap_pipeline_err {
    TRAP_PIPE_OK = 0,
    TRAP_PIPE_ESTORE = -1, /* the fleet store refused the batch (reported) */
    TRAP_PIPE_ENOMEM = -2,
    TRAP_PIPE_EINVAL = -3,
    TRAP_PIPE_ERULES = -4, /* rules file not loaded */
};

struct trap_pipeline_stats {
    uint64_t traps;      /* messages processed */
    uint64_t batches;    /* store transactions */
    uint64_t suppressed; /* by storm control */
    uint64_t ignored;    /* by rules */
    uint64_t unparsed;
    uint64_t store_errors;                                 /* batches the store refused */
    uint64_t output_errors;                                /* JSON Lines writes that failed */
    uint64_t actions_run, actions_failed, actions_dropped; /* queue full */
};

struct trap_pipeline;

/* Loads the rules and opens the store (see config).  Returns 0 and *out,
 * or a negative trap_pipeline_err with a message in err. */
int trap_pipeline_open(const struct trap_pipeline_config *cfg, struct trap_pipeline **out,
                       char *err, size_t errlen);
/* Re-reads the rules file.  On error the old rules stay and err says why. */
int trap_pipeline_reload(struct trap_pipeline *p, char *err, size_t errlen);
/* Runs items[0..n) through the pipeline (see above).  Returns TRAP_PIPE_OK
 * when the batch is durable in the store (or no store is used), else a
 * negative error; the events are written to the logs either way. */
int trap_pipeline_run(struct trap_pipeline *p, struct trap_pipeline_item *items, size_t n);
void trap_pipeline_stats(const struct trap_pipeline *p, struct trap_pipeline_stats *st);
/* While idle (no batch running): lets the store send what it kept locally
 * (the PostgreSQL spool) once the server is back.  Not concurrently with
 * trap_pipeline_run(). */
void trap_pipeline_idle(struct trap_pipeline *p);
/* The "varbinds" JSON array stored with each event: byte for byte what
 * trap_output_json_varbinds() writes, built without a JSON library (it
 * was half of the pipeline's time).  malloc'ed, or NULL. */
struct trap_record;
char *trap_pipeline_json_varbinds(const struct trap_record *r);

/* Waits for queued actions (each bounded by its timeout), closes the
 * store.  NULL-safe. */
void trap_pipeline_close(struct trap_pipeline *p);

#endif
