/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trap_translate.h: turns a parsed trap (trap_parse.h) into one readable,
 * severity-tagged event, with built-in knowledge of printerV2Alert (RFC 3805
 * §2.2.13, Printer-MIB printerV2Alert; the RFC 1759 v1 form arrives converted
 * to the same OID), hrPrinterDetectedErrorState (RFC 2790), the six generic
 * traps (RFC 3418 / RFC 1157) and the PRINTDEV-MIB notifications, then the
 * rules of trap_rules.h on top.  No MIB files are read.
 *
 * Sentence scheme of ev->text for a printer alert (documented in
 * printdev-trap-rules(5)):
 *   "<severity>: <code> in <group> <groupIndex> (location <loc>) on <device>
 *    [printer <d>] [<training>] - <description>"
 * where the parts that are absent or "not applicable" are left out:
 *   - "<device>" is followed by " via <sender>" when the trap is SNMPv1 and
 *     its agent-addr (the printer, RFC 1157 §4.1.6) is not the address it
 *     came from (a relay): both are shown, the device is named after the
 *     agent first;
 *   - "printer <d>" (hrDeviceIndex) only when d is known, d != 1 and no
 *     "device ADDR#d" entry gave the printer a name of its own;
 *   - "<group> <groupIndex>" becomes "<group>" when groupIndex is -1;
 *   - "(location <loc>)" is left out when the location is -2 (unknown) or
 *     -1, or the varbind is absent;
 *   - "[<training>]" only when prtAlertTrainingLevel was in the trap;
 *   - " - <description>" only when prtAlertDescription was in the trap and
 *     not empty;
 * e.g. "critical: jam in mediaPath 1 (location 4001) on prod-1 [untrained]".
 * An alertRemovalOfBinaryChangeEntry (1801) reads
 *   "cleared: alert <n> on <device> [printer <d>]"  (n = prtAlertGroupIndex
 *   of the row; "printer <d>" as above), e.g. "cleared: alert 1 on
 *   127.0.0.1 printer 2".
 * Names come from the generated Printer-MIB tables (prt_enums.h); numbers
 * not in a table are written "unknown(N)".  Every text that comes from the
 * trap is escaped (control characters as \n, \t, \xHH; backslash doubled).
 */
#ifndef TRAP_TRANSLATE_H
#define TRAP_TRANSLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "trap_event.h"
#include "trap_parse.h"
#include "trap_rules.h"

/* Fills *ev from a parsed message and applies the rules (r may be NULL).
 * Works on partially parsed messages too.  Never allocates.  Returns 0, or
 * -1 when m or ev is NULL. */
int trap_translate(const struct trap_msg *m, const struct trap_rules *r, struct trap_event *ev);

/* Fills *ev for input the parser rejected: category "unparsed", severity
 * warning, text "unparsed trap input: <error>" plus what could be read
 * (source, trap OID).  Rules are applied too (match category via trap OID /
 * source only). */
void trap_event_unparsed(const struct trap_msg *m, const struct trap_rules *r,
                         struct trap_event *ev);

#endif
