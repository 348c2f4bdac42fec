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

#include "trap_parse.h"
#include "trap_rules.h"

enum trap_sev {
    TRAP_SEV_CRITICAL = 0,
    TRAP_SEV_WARNING,
    TRAP_SEV_NOTICE,
    TRAP_SEV_INFO,
    TRAP_SEV_UNKNOWN,
};

enum trap_alert_op {
    TRAP_ALERT_NONE = 0,   /* not a prtAlert notification */
    TRAP_ALERT_ADD = 1,    /* binary leading edge: critical(3) or
                            * warningBinaryChangeEvent(5) row added */
    TRAP_ALERT_REMOVE = 2, /* alertRemovalOfBinaryChangeEntry(1801):
                            * removed_index is the row that went away; or a
                            * closing code (coverClosed(4), interlockClosed(6),
                            * subunitClosed(19), doorClosed(502) and the
                            * finisher ...CoverClosed/InterlockClosed/Closed
                            * codes): removed_index -1, cleared_code = the
                            * leading-edge code it ends */
    TRAP_ALERT_UNARY = 3,  /* warning(4)/other(1) row: no trailing edge */
};

/* Built-in categories (rules may set any other word, max 31 bytes). */
#define TRAP_CAT_PRINTER_ALERT "printer-alert"
#define TRAP_CAT_PRINTER_STATE "printer-state" /* hrPrinterDetectedErrorState */
#define TRAP_CAT_GENERIC "generic"             /* coldStart ... egpNeighborLoss */
#define TRAP_CAT_PRINTDEV "printdev"           /* PRINTDEV-MIB notifications */
#define TRAP_CAT_UNKNOWN "unknown"
#define TRAP_CAT_UNPARSED "unparsed"           /* the parser failed */

struct trap_event {
    time_t time;               /* when translated (time(NULL)) */
    char source[64];           /* m->src_addr */
    char device[128];          /* "device ADDR#INDEX" entry, rule, address
                                * "device" entry, else source */
    bool device_per_printer;   /* device came from "device ADDR#INDEX": it
                                * names this printer (hrDeviceIndex) alone */
    enum trap_sev severity;
    char category[32];
    char text[1024];           /* the sentence (escaped, printable) */
    char trap_oid[256];        /* numeric snmpTrapOID, "" if none */
    char trap_name[64];        /* "printerV2Alert", "coldStart", ... or "" */
    int version;               /* 0, 1, 2, 3 as in trap_msg */
    char community_or_user[128];
    /* printer alert state (meaningful when alert_op != TRAP_ALERT_NONE) */
    int alert_op;              /* enum trap_alert_op */
    long dev_index;            /* hrDeviceIndex from the instance suffix, -1 */
    long alert_index;          /* prtAlertIndex from the instance suffix, -1 */
    long removed_index;        /* 1801: prtAlertIndex of the removed row, -1 */
    int alert_severity;        /* PrtAlertSeverityLevelTC, 0 if absent */
    int alert_training;        /* PrtAlertTrainingLevelTC, 0 if absent */
    int alert_group;           /* PrtAlertGroupTC, 0 if absent */
    int alert_group_index;     /* -1 n/a */
    int alert_location;        /* -2 unknown */
    int alert_code;            /* PrtAlertCodeTC, 0 if absent */
    int cleared_code;          /* closing code's leading-edge code, else 0 */
    /* hrPrinterDetectedErrorState, when in the trap */
    bool has_hr_errors;
    unsigned hr_errors;        /* bit n of the MIB (n = 0 MSB of octet 1) is
                                * (hr_errors >> n) & 1 */
    /* outcome of the rules */
    bool ignore;
    const struct trap_action *action; /* "exec" of the last matching rule,
                                       * or NULL; owned by the rules */
    const char *rule;          /* label of the last matching rule, or NULL */
    bool unparsed;             /* made by trap_event_unparsed() */
};

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

/* "critical", "warning", "notice", "info", "unknown". */
const char *trap_sev_name(enum trap_sev s);
/* Case-insensitive; also accepts "crit", "warn", "err"/"error" (critical),
 * "information". Returns 0 and *s, or -1. */
int trap_sev_from_name(const char *name, enum trap_sev *s);

/* Expands a message/argv template into out (always NUL-terminated,
 * truncated to outsz).  Substitutions:
 *   $1..$N     value of the N-th payload varbind (after sysUpTime.0 and
 *              snmpTrapOID.0), ${12} for N > 9
 *   ${OID}     value of the first varbind whose numeric OID equals OID, or
 *              starts with it when OID ends in '.'; "" if none
 *   $source $device $text $trap $trapname $severity $category $version
 *   $community $user $uptime   (also as ${name})
 *   $printer   hrDeviceIndex of the printer, "" when the trap has none
 *   $$         a literal '$'
 * Values are escaped (control characters, backslash); unknown names expand
 * to "".  Returns the length written. */
size_t trap_template_expand(const char *tpl, const struct trap_msg *m,
                            const struct trap_event *ev, char *out, size_t outsz);

/* Integer value of an INTEGER/Counter32/Gauge32 varbind: its number, the
 * number of "label(3)", or a bare label (what snmptrapd prints with MIBs
 * loaded) resolved through the TC of the Printer-MIB/HOST-RESOURCES column
 * the OID belongs to (prtAlert*, hrDeviceStatus, hrPrinterStatus, ...).
 * Returns 0 and *out, or -1. */
int trap_varbind_int(const struct trap_varbind *vb, long *out);

/* Display text of a varbind value (escaped; hex strings as "DE AD BE EF",
 * Opaque the same; other types their decoded text).  Returns the length. */
size_t trap_varbind_text(const struct trap_varbind *vb, char *out, size_t outsz);

#endif
