/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trap_event.h: the trap pipeline's shared vocabulary: severities, alert
 * operations, categories, the translated event (struct trap_event), rule
 * actions, varbind values as text and message templates.  The translator
 * (trap_translate.h) fills events, the rules (trap_rules.h) change them, the
 * pipeline (trap_pipeline.h) stores and writes them; each of them includes
 * this header, none of them includes another's (no include cycle).
 * Pure C, no Net-SNMP.
 */
#ifndef TRAP_EVENT_H
#define TRAP_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "trap_parse.h"

struct prt_enum;

#define TRAP_RULES_DEFAULT_EXEC_TIMEOUT 10 /* seconds */

/* An "exec" action: program and argument vector, no shell ever.  Every
 * argv element is a template (see trap_template_expand() in
 * trap_event.h); argv[0] is the program path itself. */
struct trap_action {
    const char *path;        /* absolute path of the program */
    const char *const *argv; /* argc templates, NULL-terminated */
    int argc;
    int timeout;      /* seconds, > 0 (default 10) */
    const char *rule; /* label of the rule that holds it */
};

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
#define TRAP_CAT_UNPARSED "unparsed" /* the parser failed */

struct trap_event {
    time_t time;             /* when translated (time(NULL)) */
    char source[64];         /* m->src_addr (the UDP sender) */
    char agent[64];          /* the v1 agent-addr (in the Trap-PDU, or
                              * snmpTrapAddress.0 from snmptrapd) when it
                              * differs from source: the printer is the
                              * agent, source a relay; "" otherwise */
    char device[128];        /* "device ADDR#INDEX" entry, rule, address
                              * "device" entry, else source */
    bool device_per_printer; /* device came from "device ADDR#INDEX": it
                              * names this printer (hrDeviceIndex) alone */
    enum trap_sev severity;
    char category[32];
    char text[1024];    /* the sentence (escaped, printable) */
    char trap_oid[256]; /* numeric snmpTrapOID, "" if none */
    char trap_name[64]; /* "printerV2Alert", "coldStart", ... or "" */
    int version;        /* 0, 1, 2, 3 as in trap_msg */
    char community_or_user[128];
    /* printer alert state (meaningful when alert_op != TRAP_ALERT_NONE) */
    int alert_op;          /* enum trap_alert_op */
    long dev_index;        /* hrDeviceIndex from the instance suffix, -1 */
    long alert_index;      /* prtAlertIndex from the instance suffix, -1 */
    long removed_index;    /* 1801: prtAlertIndex of the removed row, -1 */
    int alert_severity;    /* PrtAlertSeverityLevelTC, 0 if absent */
    int alert_training;    /* PrtAlertTrainingLevelTC, 0 if absent */
    int alert_group;       /* PrtAlertGroupTC, 0 if absent */
    int alert_group_index; /* -1 n/a */
    int alert_location;    /* -2 unknown */
    int alert_code;        /* PrtAlertCodeTC, 0 if absent */
    int cleared_code;      /* closing code's leading-edge code, else 0 */
    /* hrPrinterDetectedErrorState, when in the trap */
    bool has_hr_errors;
    unsigned hr_errors; /* bit n of the MIB (n = 0 MSB of octet 1) is
                         * (hr_errors >> n) & 1 */
    /* outcome of the rules */
    bool ignore;
    const struct trap_action *action; /* "exec" of the last matching rule,
                                       * or NULL; owned by the rules */
    const char *rule;                 /* label of the last matching rule, or NULL */
    bool unparsed;                    /* made by trap_event_unparsed() */
};

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
size_t trap_template_expand(const char *tpl, const struct trap_msg *m, const struct trap_event *ev,
                            char *out, size_t outsz);

/* Integer value of an INTEGER/Counter32/Gauge32 varbind: a number, the
 * number of "label(3)", or a bare label resolved through tc (may be NULL).
 * Returns 0 and *out, or -1. */
int trap_varbind_int_tc(const struct trap_varbind *vb, const struct prt_enum *tc, long *out);

/* Integer value of an INTEGER/Counter32/Gauge32 varbind: its number, the
 * number of "label(3)", or a bare label (what snmptrapd prints with MIBs
 * loaded) resolved through the TC of the Printer-MIB/HOST-RESOURCES column
 * the OID belongs to (prtAlert*, hrDeviceStatus, hrPrinterStatus, ...).
 * Returns 0 and *out, or -1. */
int trap_varbind_int(const struct trap_varbind *vb, long *out);

/* Display text of a varbind value, rendered once for every output: other
 * types their decoded text, escaped; an enumerated INTEGER printed as its
 * label ("down", "jam(8)") its number, so the text does not depend on the
 * MIB files snmptrapd loaded or on the front end; Hex-STRING as "DE AD BE EF"; a STRING
 * that is not valid UTF-8 as a whole, or an Opaque that is not printable
 * ASCII, the same hex form (never partly decoded).  Returns the length. */
size_t trap_varbind_text(const struct trap_varbind *vb, char *out, size_t outsz);

/* Appends text that came as octets (prtAlertDescription, a device name) at
 * out[*pos]: escaped text when it is valid UTF-8 as a whole, else the hex
 * form "DE AD BE EF 00 FF" (never partly decoded).  Returns the new *pos. */
size_t trap_octets_append(char *out, size_t outsz, size_t *pos, const char *s, size_t n);

#endif
