/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trap_parse.h: parser for what snmptrapd writes to a traphandle program's
 * standard input.
 *
 * Pure C (no Net-SNMP headers, no MIB loading).  Accepts every layout
 * snmptrapd 5.9 produces for a handler:
 *   - the default layout: hostname line, transport line, then one
 *     "OID value" line per varbind (quick-print, no type names); v1 traps
 *     arrive converted to the v2 form with snmpTrapAddress.0,
 *     snmpTrapCommunity.0 and snmpTrapEnterprise.0 appended;
 *   - the layout of the `format execute` line we ship (TRAP_FORMAT_EXECUTE
 *     below), which adds the PDU kind, SNMP version, community or user
 *     and, for unconverted v1 traps, enterprise/generic/specific;
 *   - numeric OIDs in every spelling (iso.3..., .1.3..., 1.3...) and the
 *     common symbolic names (SNMPv2-MIB::snmpTrapOID.0, Printer-MIB::...)
 *     mapped back to numeric;
 *   - every value form, quick-print or typed ("STRING: ", "INTEGER: ",
 *     "Hex-STRING: ", "Timeticks: (n) ...", "OID: ", ...), strings that span
 *     lines, hex dumps wrapped every 16 octets, enum forms "name(3)".
 * Input is never trusted: it is capped (size, varbinds, line length) and a
 * malformed or truncated input gives a negative error with a message and
 * whatever was parsed before the problem; never a crash or a hang.
 */
#ifndef TRAP_PARSE_H
#define TRAP_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The `format execute` line we ship in snmptrapd.conf (see
 * doc/printdev-trap-rules.5), as it must appear in the file:
 *   format execute PRINTDEV-TRAP 1\n%B\n%b\n%P\n%N %w %q %T %a\n%V\n%v\n
 * Line 1 is a marker so that the parser can tell this layout from the
 * default one; %B hostname; %b transport; %P "TRAP, SNMP v1, community c" /
 * "TRAP2, SNMP v2c, community c" / "INFORM, SNMP v3, user u, context c";
 * then "%N %w %q %T %a": for a v1 Trap-PDU (which snmptrapd does NOT convert
 * in this mode) enterprise, generic, specific (".1", or the trap OID's name
 * with MIBs loaded), time-stamp and agent-addr; for v2 PDUs ". 0 0 0 0.0.0.0";
 * "%V\n" makes the varbind separator a newline; %v the varbinds. */
#define TRAP_FORMAT_MARKER "PRINTDEV-TRAP 1"
#define TRAP_FORMAT_EXECUTE                                                                        \
    "format execute " TRAP_FORMAT_MARKER "\\n%B\\n%b\\n%P\\n%N %w %q %T %a\\n%V\\n%v\\n"

/* Limits (defaults used when the matching option is 0). */
#define TRAP_MAX_INPUT (64 * 1024)  /* bytes of handler input */
#define TRAP_MAX_VARBINDS 256       /* varbinds per trap */
#define TRAP_MAX_LINE (16 * 1024)   /* bytes of one physical line */

/* Errors: negative return values of trap_parse(). */
enum trap_err {
    TRAP_OK = 0,
    TRAP_E_EMPTY = 1,    /* no input at all */
    TRAP_E_TOOBIG = 2,   /* input, line or varbind count over a limit */
    TRAP_E_SYNTAX = 3,   /* a line that is not what snmptrapd writes */
    TRAP_E_TRUNCATED = 4,/* input ends inside a value (unterminated string) */
    TRAP_E_NOMEM = 5,
    TRAP_E_INVAL = 6,    /* bad arguments */
};

enum trap_vtype {
    TV_INTEGER,
    TV_STRING,
    TV_HEXSTRING,
    TV_OID,
    TV_TIMETICKS,
    TV_IPADDRESS,
    TV_COUNTER32,
    TV_GAUGE32,
    TV_COUNTER64,
    TV_OPAQUE,
    TV_NULL,
    TV_OTHER,
};

enum trap_pdu {
    TRAP_PDU_UNKNOWN = 0,
    TRAP_PDU_TRAP,   /* SNMPv1 Trap-PDU */
    TRAP_PDU_TRAP2,  /* SNMPv2-Trap-PDU (v2c or v3) */
    TRAP_PDU_INFORM, /* InformRequest-PDU */
};

enum trap_layout {
    TRAP_LAYOUT_DEFAULT = 0, /* hostname, transport, varbinds */
    TRAP_LAYOUT_FORMAT,      /* our TRAP_FORMAT_EXECUTE layout */
};

struct trap_varbind {
    char *oid;          /* numeric dotted without leading dot when it could be
                         * normalised ("1.3.6.1.2.1.1.3.0"), else as received */
    bool oid_numeric;   /* oid is all digits and dots */
    enum trap_vtype type;
    char *value;        /* decoded bytes, NUL-terminated (strings unquoted and
                         * unescaped, hex dumps decoded to octets, OID values
                         * normalised like oid, INTEGER "name(3)" kept as text) */
    size_t value_len;   /* bytes in value, without the terminating NUL */
    long long ival;     /* numeric value: INTEGER (the number of "name(3)"),
                         * Counter*, Gauge32, Timeticks (in 1/100 s); 0 else */
};

struct trap_msg {
    enum trap_layout layout;
    char *hostname;      /* line 1 ("localhost", or the transport with -n) */
    char *transport;     /* line 2 as received ("UDP: [a]:p->[b]:2697") */
    char src_addr[64];   /* sender address from the transport ("127.0.0.1",
                          * "::1"); if the transport has none, the v1
                          * agent-addr; "" when unknown */
    char agent_addr[64]; /* v1 agent-addr (snmpTrapAddress.0 or %a); "" */
    int version;         /* 0 unknown, 1, 2 (v2c), 3 */
    enum trap_pdu pdu;
    char *community;     /* v1/v2c community, or NULL */
    char *user;          /* v3 securityName, or NULL */
    char *context;       /* v3 context name, or NULL */
    char *trap_oid;      /* snmpTrapOID.0 value (numeric when known); for an
                          * unconverted v1 trap built as enterprise.0.specific
                          * or 1.3.6.1.6.3.1.1.5.(generic+1); NULL if none */
    char *enterprise;    /* v1 enterprise (snmpTrapEnterprise.0 or %N), NULL */
    int generic;         /* v1 generic-trap, -1 when not a v1 trap */
    int specific;        /* v1 specific-trap, -1 when not a v1 trap */
    uint32_t uptime;     /* sysUpTime.0 in 1/100 s */
    struct trap_varbind *vbs; /* every varbind in order, including
                               * sysUpTime.0 and snmpTrapOID.0 */
    size_t n_vbs;
    int ok;              /* 1 when the whole input parsed */
    char *error;         /* message when trap_parse() failed, else NULL */
    /* private */
    char *arena_;
    size_t arena_len_, arena_used_;
    size_t vbs_cap_; /* varbinds trap_msg_init() reserved */
};

struct trap_parse_opts {
    size_t max_input;    /* 0: TRAP_MAX_INPUT */
    size_t max_varbinds; /* 0: TRAP_MAX_VARBINDS */
    size_t max_line;     /* 0: TRAP_MAX_LINE */
};

/* Parses buf[0..len) (need not be NUL-terminated) into *out, which is
 * overwritten (call trap_msg_free() on it afterwards in every case).
 * opts may be NULL.  Returns 0, or -TRAP_E_* with out->error set, out->ok 0
 * and the varbinds parsed before the problem kept. */
int trap_parse(const char *buf, size_t len, const struct trap_parse_opts *opts,
               struct trap_msg *out);
/* Releases what trap_parse() allocated; *m can be reused. NULL-safe. */
void trap_msg_free(struct trap_msg *m);

/* Building a message from an already decoded PDU (printdev-trapd), with
 * the same layout as the parser's TRAP_LAYOUT_FORMAT result:
 *   trap_msg_init()   reserves max_vbs varbinds and arena_len bytes for
 *                     strings (fields set as trap_parse() leaves them);
 *   trap_msg_dup()    copies n bytes (plus a NUL) into the arena;
 *   trap_msg_add_vb() gives the next zeroed varbind, NULL when full;
 *   trap_msg_finish() learns uptime, trap OID, agent address and the
 *                     converted v1 fields from the varbinds as the parser
 *                     does, and marks the message parsed (ok = 1).
 * trap_msg_free() releases it as usual. */
int trap_msg_init(struct trap_msg *m, size_t max_vbs, size_t arena_len);
char *trap_msg_dup(struct trap_msg *m, const char *s, size_t n);
struct trap_varbind *trap_msg_add_vb(struct trap_msg *m);
void trap_msg_finish(struct trap_msg *m);

/* The first varbind whose numeric OID equals oid, or (when oid ends in '.')
 * starts with it; NULL when none. */
const struct trap_varbind *trap_msg_find(const struct trap_msg *m, const char *oid);
/* Index of the first varbind that is not sysUpTime.0/snmpTrapOID.0 (the
 * trap's own varbinds, what $1.. refer to in rule templates). */
size_t trap_msg_first_payload(const struct trap_msg *m);

/* "INTEGER", "STRING", "Hex-STRING", "OID", "Timeticks", "IpAddress",
 * "Counter32", "Gauge32", "Counter64", "Opaque", "NULL", "other". */
const char *trap_vtype_name(enum trap_vtype t);
/* "trap", "trap2", "inform", "unknown". */
const char *trap_pdu_name(enum trap_pdu p);
/* Maps a symbolic OID ("SNMPv2-MIB::snmpTrapOID.0", "snmpTrapOID.0",
 * "Printer-MIB::prtAlertCode.1.5", "iso.3.6.1") to numeric dotted form in
 * out.  Returns the length written, or -1 when the name is not known or out
 * is too small. */
int trap_oid_normalize(const char *in, size_t inlen, char *out, size_t outsz);

#endif
