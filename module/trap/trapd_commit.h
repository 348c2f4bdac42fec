/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trapd_commit.h: printdev-trapd's batches: the receiving thread fills one
 * batch while a committer thread runs the previous one through the trap
 * pipeline (one store transaction), so decoding and storing overlap.
 *
 * The receiving (main) thread owns Net-SNMP: it adds traps to the filling
 * batch, hands it over with trapd_commit_submit() when the committer is
 * idle, and learns that a batch is committed when the wake descriptor
 * becomes readable; trapd_commit_complete() then sends the batch's inform
 * responses (only now: an answered inform is durable), or drops them when
 * the store refused the batch (the senders retry).  A full filling batch
 * while the committer is busy means: stop reading (the kernel's receive
 * buffer holds the rest).
 */
#ifndef TRAPD_COMMIT_H
#define TRAPD_COMMIT_H

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "trap_pipeline.h"

struct trapd_commit_counters {
    uint64_t informs_answered;   /* responses sent after their commit */
    uint64_t informs_unanswered; /* batch refused by the store */
    uint64_t reply_errors;       /* snmp_send() failed */
};

/* Starts the committer thread for batches of at most cap traps.  Returns
 * 0 and the descriptor to watch for completions, or -1. */
int trapd_commit_start(struct trap_pipeline *p, size_t cap, int *wake_fd);

/* The message to fill for the next trap of the filling batch, or NULL when
 * it is full.  Fill it, then call trapd_commit_add() (or trap_msg_free()
 * it to drop it). */
struct trap_msg *trapd_commit_slot(void);
/* Adds the filled slot; reply (may be NULL) is the inform's response, sent
 * through sess once the batch is committed (then owned by Net-SNMP). */
void trapd_commit_add(int64_t received_ms, netsnmp_session *sess, netsnmp_pdu *reply);

size_t trapd_commit_filling(void); /* traps in the filling batch */
long trapd_commit_age_ms(void);    /* age of its first trap, 0 if empty */
bool trapd_commit_busy(void);      /* a batch is being committed */

/* Hands the filling batch to the committer if it is idle and the batch is
 * not empty. */
void trapd_commit_submit(void);
/* After the wake descriptor became readable: finishes the committed batch
 * (inform responses) and submits the next one. */
void trapd_commit_complete(void);
/* Waits until no batch is in flight and the filling one is committed too. */
void trapd_commit_drain(void);
/* Drains, then stops the thread. */
void trapd_commit_stop(void);

void trapd_commit_counters(struct trapd_commit_counters *c);

#endif
