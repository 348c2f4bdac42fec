/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trapd_stats.h: printdev-trapd's counters and the stats file it rewrites
 * every second (printdevStatsFile, printdev-trapd(8)): what came in, what
 * the access rules refused, Net-SNMP's parse and USM error counters, the
 * datagrams the kernel dropped on a full receive buffer, what the pipeline
 * stored, suppressed and dropped, and the informs answered.
 */
#ifndef TRAPD_STATS_H
#define TRAPD_STATS_H

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <stddef.h>
#include <stdint.h>

#include "trap_pipeline.h"

#define TRAPD_MAX_SESSIONS 16 /* transports of one receiver */

/* Counted by the receiving thread. */
struct trapd_counters {
    uint64_t received, accepted, not_notification, decode_errors, denied_community, denied_user,
        denied_model, full_waits;
};

/* Writes the counters to path (atomically: a temporary file renamed). */
void trapd_stats_write(const char *path, const struct trapd_counters *c,
                       struct trap_pipeline *pipeline, netsnmp_transport *const *transports,
                       const int *rcvbuf_got, size_t n_sessions);

#endif
