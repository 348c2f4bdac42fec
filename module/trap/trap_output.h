/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trap_output.h: where a translated trap goes: syslog, a JSON Lines event
 * log, standard output (for tests and debugging) and "exec" actions.
 *
 * The outputs see one flat record (struct trap_record) filled by the
 * handler's main from the translator's event; they never parse anything.
 * Rules that every output keeps:
 *   - control characters never reach a log line: text lines (syslog,
 *     stdout) and action environments escape C0 controls, DEL, C1 controls
 *     (U+0080..U+009F) and bytes that are not well-formed UTF-8 as \n, \t,
 *     \xHH (prt_text.h); the JSON line uses JSON escapes (also for DEL and
 *     C1 controls), and bytes that are not UTF-8 are written as \xHH text;
 *   - the JSON Lines file gets exactly ONE write(2) per event on an O_APPEND
 *     descriptor (the whole line is built in memory first), so handler
 *     processes running at the same time never interleave lines; the file
 *     is created mode 0640;
 *   - actions are fork + execve of an absolute program with an argument
 *     vector, never a shell; the child gets stdin from /dev/null, stdout on
 *     the handler's stderr, a minimal environment with PRINTDEV_* variables,
 *     its own process group, and is killed (TERM, then KILL after 1 s) when
 *     it outlives its timeout.
 */
#ifndef TRAP_OUTPUT_H
#define TRAP_OUTPUT_H

#include <stddef.h>
#include <stdint.h>

enum trap_output_err {
    TRAP_OUT_OK = 0,
    TRAP_OUT_EIO = -1,      /* open/write/send failed (errno kept) */
    TRAP_OUT_ENOMEM = -2,
    TRAP_OUT_EINVAL = -3,
    TRAP_OUT_ETIMEOUT = -4, /* action killed after its timeout */
    TRAP_OUT_EEXEC = -5,    /* action could not be started or failed */
};

struct trap_record_varbind {
    const char *oid;   /* numeric */
    const char *type;  /* "INTEGER", "STRING", ... */
    const char *value; /* raw decoded bytes */
    size_t value_len;
    const char *display; /* printable form (hex dump for binary), or NULL */
};

struct trap_record {
    int64_t time_ms;       /* reception time, Unix ms */
    const char *source;    /* sender address */
    const char *device;    /* device name */
    const char *severity;  /* "critical", "warning", "notice", "info", "unknown" */
    const char *category;
    const char *text;
    const char *trap_oid;  /* "" when none */
    const char *trap_name; /* "" when unknown */
    const char *version;   /* "v1", "v2c", "v3", "" */
    const char *pdu;       /* "trap", "trap2", "inform", "unknown" */
    const char *community; /* NULL when not known */
    const char *user;      /* NULL when not known */
    const char *rule;      /* label of the matching rule, NULL */
    const struct trap_record_varbind *vbs;
    size_t n_vbs;
    /* printer alert (alert_op NULL: none) */
    const char *alert_op;  /* "add", "remove", "unary" */
    long dev_index, alert_index, removed_index;
    int alert_severity, alert_training, alert_group, alert_group_index, alert_location,
        alert_code;
    const char *alert_severity_name, *alert_group_name, *alert_code_name,
        *alert_training_name; /* NULL when unknown */
    long repeats;             /* storm: how many were suppressed before (0) */
};

/* Syslog priority of a severity name: critical LOG_CRIT, warning
 * LOG_WARNING, notice LOG_NOTICE, info (and anything else) LOG_INFO. */
int trap_output_syslog_priority(const char *severity);
/* Facility value of a name ("daemon", "user", "local0".."local7", ...);
 * -1 when unknown. */
int trap_output_syslog_facility(const char *name);

/* The one-line human form used by syslog and stdout:
 *   "<severity> <device> [<category>] <text> (source <addr>, trap <oid>)"
 * with every control character escaped.  Returns the length (truncated to
 * outsz - 1). */
size_t trap_output_format_line(const struct trap_record *r, char *out, size_t outsz);

/* The JSON object of one event, as one line with its '\n'.  Returns a
 * malloc'ed string (caller frees) and its length in *len, or NULL. */
char *trap_output_json_line(const struct trap_record *r, size_t *len);

/* jansson leaves DEL and the C1 controls (U+0080..U+009F) raw inside
 * strings: rewrites them in the JSON text line[0..*len) (malloc'ed, e.g. by
 * json_dumps) as \u00XX (they can only occur inside strings).  Takes line
 * over; returns it or a new malloc'ed text (length in *len), or NULL when
 * out of memory (line freed). */
char *trap_output_json_escape_controls(char *line, size_t *len);

/* Appends one JSON line to path (created 0640) with a single write(2). */
int trap_output_jsonl(const char *path, const struct trap_record *r);

/* Sends one syslog message (RFC 3164 framing, as syslog(3) does) to the
 * datagram socket at sock_path (NULL: /dev/log), with ident[pid], the
 * facility and the severity's priority.  Returns 0 or TRAP_OUT_EIO. */
int trap_output_syslog(const char *sock_path, const char *ident, int facility,
                       const struct trap_record *r);

/* Sends one plain message (control characters escaped) the same way, with
 * the given syslog priority (LOG_ERR ...); used for the handler's own
 * problems. */
int trap_output_syslog_text(const char *sock_path, const char *ident, int facility, int priority,
                            const char *text);

/* The "varbinds" JSON array alone (compact, no newline), as stored in the
 * alert database.  malloc'ed, or NULL. */
char *trap_output_json_varbinds(const struct trap_record *r);

/* Writes the line of trap_output_format_line() plus '\n' to fd. */
int trap_output_stdout(int fd, const struct trap_record *r);

/* Runs an action: execve(path, argv, env) where env is PATH plus
 * PRINTDEV_SEVERITY, PRINTDEV_DEVICE, PRINTDEV_TEXT, PRINTDEV_SOURCE,
 * PRINTDEV_TRAP_OID, PRINTDEV_TRAP_NAME, PRINTDEV_CATEGORY,
 * PRINTDEV_VERSION, PRINTDEV_TIME (ISO 8601), PRINTDEV_RULE and, for printer
 * alerts, PRINTDEV_ALERT_OP, PRINTDEV_DEV_INDEX, PRINTDEV_ALERT_INDEX,
 * PRINTDEV_ALERT_CODE, PRINTDEV_ALERT_GROUP (values with control characters
 * escaped).  Waits at most timeout seconds (<= 0: 10).  Returns 0 when the
 * program exited 0; TRAP_OUT_ETIMEOUT when it was killed;
 * TRAP_OUT_EEXEC when it could not start or exited non-zero (*status, if
 * not NULL, gets the wait status). */
int trap_output_exec(const char *path, char *const argv[], int timeout,
                     const struct trap_record *r, int *status);

/* ISO 8601 UTC with milliseconds: "2026-11-21T23:43:46.123Z". */
void trap_output_iso_time(int64_t time_ms, char *out, size_t outsz);

#endif
