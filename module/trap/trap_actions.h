/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trap_actions.h: the rules' "exec" actions, run for the pipeline
 * (trap_pipeline.h): fork + execve of an absolute program with an argument
 * vector expanded from the rule's templates (never a shell), with its
 * timeout (trap_output_exec()).  Synchronous (queue 0: the traphandle
 * worker, one trap per process) or on one background thread with a
 * bounded queue (printdev-trapd): a full queue drops the action, counts it
 * and says so at most once a second, so receiving never waits for a
 * program.  Everything a queued action needs is copied.
 */
#ifndef TRAP_ACTIONS_H
#define TRAP_ACTIONS_H

#include <stddef.h>
#include <stdint.h>

#include "trap_event.h"
#include "trap_output.h"

struct trap_actions;

/* queue: 0 runs actions in trap_actions_run(); > 0 queues up to that many
 * for a background thread.  report (NULL: stderr) gets the problems.
 * Returns 0 and *out, or -1 with err. */
int trap_actions_open(int queue, void (*report)(void *arg, const char *msg), void *report_arg,
                      struct trap_actions **out, char *err, size_t errlen);
/* Runs or queues the action of ev (nothing when it has none). */
void trap_actions_run(struct trap_actions *a, const struct trap_msg *m, const struct trap_event *ev,
                      const struct trap_record *r);
void trap_actions_counts(struct trap_actions *a, uint64_t *run, uint64_t *failed,
                         uint64_t *dropped);
/* Waits for the queued actions (each bounded by its timeout). NULL-safe. */
void trap_actions_close(struct trap_actions *a);

#endif
