/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trapd_stats.c: printdev-trapd's stats file (trapd_stats.h).
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "trapd_commit.h"
#include "trapd_stats.h"

/* Datagrams the kernel dropped on our sockets (full receive buffer), from
 * the "drops" column of /proc/net/udp and udp6, matched by inode. */
static uint64_t kernel_drops(netsnmp_transport *const *transports, size_t n_sessions)
{
    static const char *const files[] = {"/proc/net/udp", "/proc/net/udp6"};
    unsigned long inodes[TRAPD_MAX_SESSIONS];
    uint64_t total = 0;
    size_t i, k;

    for (i = 0; i < n_sessions; i++) {
        struct stat st;
        inodes[i] = transports[i]->sock >= 0 && fstat(transports[i]->sock, &st) == 0
                        ? (unsigned long)st.st_ino
                        : 0;
    }
    for (k = 0; k < 2; k++) {
        FILE *f = fopen(files[k], "re");
        char line[512];
        if (!f)
            continue;
        while (fgets(line, sizeof line, f)) {
            unsigned long ino = 0, drops = 0;
            char *p = line;
            int col;
            /* sl local rem st queues tr retr uid timeout inode ref ptr drops */
            for (col = 0; col < 13 && p; col++) {
                while (*p == ' ')
                    p++;
                if (col == 9)
                    ino = strtoul(p, NULL, 10);
                if (col == 12)
                    drops = strtoul(p, NULL, 10);
                p = strchr(p, ' ');
            }
            for (i = 0; ino && i < n_sessions; i++)
                if (inodes[i] == ino)
                    total += drops;
        }
        fclose(f);
    }
    return total;
}

void trapd_stats_write(const char *path, const struct trapd_counters *c,
                       struct trap_pipeline *pipeline, netsnmp_transport *const *transports,
                       const int *rcvbuf_got, size_t n_sessions)
{
    struct trap_pipeline_stats ps;
    struct trapd_commit_counters cc;
    char tmp[4096];
    FILE *f;
    size_t i;

    if (!path)
        return;
    trap_pipeline_stats(pipeline, &ps);
    trapd_commit_counters(&cc);
    if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp", path) >= sizeof tmp)
        return;
    f = fopen(tmp, "we");
    if (!f)
        return;
    fprintf(f,
            "received %" PRIu64 "\naccepted %" PRIu64 "\nnot_notification %" PRIu64
            "\ndenied_community %" PRIu64 "\ndenied_user %" PRIu64 "\ndenied_model %" PRIu64
            "\ndecode_errors %" PRIu64 "\n",
            c->received, c->accepted, c->not_notification, c->denied_community, c->denied_user,
            c->denied_model, c->decode_errors);
    fprintf(f,
            "snmp_parse_errors %u\nsnmp_bad_versions %u\nusm_unknown_users %u\n"
            "usm_wrong_digests %u\nusm_decryption_errors %u\nusm_not_in_time %u\n"
            "usm_unknown_engine_ids %u\nusm_unsupported_levels %u\n",
            snmp_get_statistic(STAT_SNMPINASNPARSEERRS), snmp_get_statistic(STAT_SNMPINBADVERSIONS),
            snmp_get_statistic(STAT_USMSTATSUNKNOWNUSERNAMES),
            snmp_get_statistic(STAT_USMSTATSWRONGDIGESTS),
            snmp_get_statistic(STAT_USMSTATSDECRYPTIONERRORS),
            snmp_get_statistic(STAT_USMSTATSNOTINTIMEWINDOWS),
            snmp_get_statistic(STAT_USMSTATSUNKNOWNENGINEIDS),
            snmp_get_statistic(STAT_USMSTATSUNSUPPORTEDSECLEVELS));
    fprintf(f, "kernel_drops %" PRIu64 "\n", kernel_drops(transports, n_sessions));
    fprintf(f,
            "batches %" PRIu64 "\ntraps %" PRIu64 "\nsuppressed %" PRIu64 "\nignored %" PRIu64
            "\nstore_errors %" PRIu64 "\noutput_errors %" PRIu64 "\n",
            ps.batches, ps.traps, ps.suppressed, ps.ignored, ps.store_errors, ps.output_errors);
    fprintf(f,
            "informs_answered %" PRIu64 "\ninforms_unanswered %" PRIu64 "\nreply_errors %" PRIu64
            "\nfull_waits %" PRIu64 "\n",
            cc.informs_answered, cc.informs_unanswered, cc.reply_errors, c->full_waits);
    fprintf(f, "actions_run %" PRIu64 "\nactions_failed %" PRIu64 "\nactions_dropped %" PRIu64 "\n",
            ps.actions_run, ps.actions_failed, ps.actions_dropped);
    for (i = 0; i < n_sessions; i++)
        fprintf(f, "receive_buffer_%zu %d\n", i, rcvbuf_got[i] / 2);
    if (fclose(f) == 0)
        rename(tmp, path);
    else
        unlink(tmp);
}
