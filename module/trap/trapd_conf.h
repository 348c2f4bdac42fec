/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trapd_conf.h: printdev-trapd's configuration (trapd.conf, read by
 * Net-SNMP's config machinery, so file:line errors, `[snmp]` sections and
 * `createUser` work as in snmptrapd.conf) and its access rules.
 *
 * Access, with snmptrapd's meaning (snmptrapd.conf(5) authCommunity,
 * authUser); nothing is accepted until a rule allows it:
 *   authCommunity TYPES [-v 1|2c] COMMUNITY [SOURCE]
 *       SNMPv1/v2c notifications with exactly this community from SOURCE
 *       (an address or network "192.0.2.0/24", "2001:db8::/32", or
 *       "default" = anywhere, the default);
 *   authUser TYPES [-s usm] USER [noauth|auth|priv]
 *       SNMPv3 notifications from USM user USER (authenticated by
 *       Net-SNMP with the createUser keys) at this security level or
 *       higher (default auth, as in snmptrapd).
 * TYPES is snmptrapd's comma list of log, execute, net; printdev-trapd
 * logs, stores and runs actions, so a rule needs log or execute.
 * Views (OID or -V) are not supported and are an error.
 *
 * Settings (command-line options win):
 *   printdevListen ADDR[,ADDR...]    transports (default udp:127.0.0.1:2697)
 *   printdevReceiveBuffer BYTES      SO_RCVBUF of every transport
 *   printdevBatch MAX MS             commit after MAX traps or MS ms
 *   printdevRules / printdevDatabase / printdevJsonl FILE  (pipeline;
 *                                    the database may be postgresql://...)
 *   printdevStoreSpool FILE          spool while PostgreSQL cannot take writes
 *   printdevStatsFile FILE           counters, rewritten every second
 *   printdevActionQueue N            queued exec actions before dropping
 *   printdevAlertMaxAge SECONDS      drop active alerts not seen for so long
 */
#ifndef TRAPD_CONF_H
#define TRAPD_CONF_H

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <stdbool.h>
#include <stddef.h>

#define TRAPD_APP "printdev-trapd"
#define TRAPD_DEFAULT_LISTEN "udp:127.0.0.1:2697"
#define TRAPD_DEFAULT_BATCH_MAX 1000
#define TRAPD_DEFAULT_BATCH_MS 10
#define TRAPD_DEFAULT_RCVBUF (128 * 1024 * 1024)
#define TRAPD_DEFAULT_ACTION_QUEUE 1000

struct trapd_settings {
    char *listen;  /* comma-separated transports, NULL: default */
    long rcvbuf;   /* 0: default */
    int batch_max; /* 0: default */
    int batch_ms;  /* -1: default */
    char *rules, *db, *jsonl, *stats, *pg_spool;
    int action_queue;   /* 0: default */
    long alert_max_age; /* seconds; 0: alerts never age out */
};

/* Why access_check() refused a notification (for the drop counters). */
enum trapd_deny {
    TRAPD_ALLOW = 0,
    TRAPD_DENY_COMMUNITY = 1, /* no authCommunity rule for it */
    TRAPD_DENY_USER = 2,      /* no authUser rule for it (or level too low) */
    TRAPD_DENY_MODEL = 3,     /* a security model we do not accept */
};

/* Registers the tokens above with Net-SNMP (before init_snmp()). */
void trapd_conf_register(void);
/* The settings read from the files (valid after init_snmp() / a reload). */
const struct trapd_settings *trapd_conf_settings(void);
/* Number of access rules (0: nothing is accepted). */
size_t trapd_conf_rules(void);
/* Whether a received PDU from address src ("" unknown) may come in. */
enum trapd_deny trapd_access_check(const netsnmp_pdu *pdu, const char *src);

#endif
