/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trapd_pdu.h: printdev-trapd's front end: a notification PDU decoded by
 * Net-SNMP becomes the pipeline's parsed message (struct trap_msg,
 * trap_parse.h) straight from its varbinds, with no text in between.
 *
 * The message has the shape the text parser gives for our snmptrapd
 * `format execute` line, so that both front ends hand the translator the
 * same thing:
 *   - an SNMPv1 Trap-PDU keeps enterprise, generic, specific, time-stamp
 *     and agent-addr (RFC 1157 §4.1.6); its trap OID is built as RFC 3584
 *     §3.1 says; the printer is the agent-addr (src_addr stays the UDP
 *     sender);
 *   - SNMPv2-Trap and InformRequest PDUs (v2c, v3) keep every varbind,
 *     sysUpTime.0 and snmpTrapOID.0 included;
 *   - values: numbers as numbers, OIDs numeric, IpAddress dotted,
 *     Timeticks as snmptrapd's quick print "d:h:mm:ss.cc" with the ticks in
 *     ival, an OCTET STRING of printable or white-space ASCII as STRING
 *     and any other as Hex-STRING (the rule snmptrapd applies), Opaque
 *     float/double "%f", Counter64 and Opaque (U)Int64 in decimal.
 */
#ifndef TRAPD_PDU_H
#define TRAPD_PDU_H

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include "trap_parse.h"

/* Fills *m (trap_msg_free() it afterwards in every case) from pdu.
 * src: the sender's address text ("192.0.2.7", "::1"), may be "";
 * transport: what snmptrapd calls the transport ("UDP: [a]:p->[b]:q"), or
 * NULL.  Returns 0 or -TRAP_E_NOMEM / -TRAP_E_INVAL (a PDU that is not a
 * notification). */
int trapd_pdu_to_msg(const netsnmp_pdu *pdu, const char *src, const char *transport,
                     struct trap_msg *m);

/* The sender's address of a received PDU as text ("" when unknown), from
 * the UDP/UDP6 transport data. */
void trapd_pdu_source(const netsnmp_pdu *pdu, char *out, size_t outsz);

#endif
