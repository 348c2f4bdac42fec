/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trap_store.h: the fleet's alert state and event history, in SQLite (one
 * host; trap_store_sqlite.c) or PostgreSQL (several receivers on several
 * hosts; trap_store_pg.c, with its local spool trap_store_spool.c); the
 * target string picks one (trap_store_backend_of()).  Both give the same
 * meaning, described here for SQLite; trap_store_pg.c says how PostgreSQL
 * keeps it across concurrent writers and while the server is away.
 *
 * One database file is shared by every printdev-traphandle process (snmptrapd
 * forks one per trap, and several may run at once) and read by
 * printdev-alerts.  The database is in WAL mode; each batch of traps
 * (trap_store_record_batch(); trap_store_record() is a batch of one) is
 * recorded in ONE IMMEDIATE transaction that, trap after trap,
 *   - applies storm control: if the same source already produced `limit`
 *     events with the same dedup key within the last `window` seconds, the
 *     event is not stored again; the newest stored copy's repeat counter
 *     and last_seen are bumped instead, and the caller is told to skip
 *     logging (TRAP_STORE_SUPPRESSED).  Because check and insert happen in
 *     the same write transaction, this holds across concurrent processes;
 *   - stores the event (table events);
 *   - applies its alert operation to active_alerts: ADD inserts or refreshes
 *     the row (source, agent, dev_index, alert_index); REMOVE deletes the row whose
 *     alert_index is the removed index (an alertRemovalOfBinaryChangeEntry
 *     row, RFC 3805 §2.2.13 / IANA-PRINTER-MIB code 1801, carries it in
 *     prtAlertGroupIndex) or, for a trailing edge without an index, every
 *     row of that device with the same group, group index and code;
 *     CLEAR (a coldStart or warmStart: the agent rebuilt its alert tables,
 *     RFC 3805 §2.2.13) deletes the active alerts of that agent only;
 *   - drops active alerts not seen for opts->alert_max_age (once per batch);
 *   - prunes events older than the retention period (on every
 *     TRAP_STORE_PRUNE_EVERY-th event id).
 * Alert operations are applied even when the event is suppressed (an ADD
 * then only refreshes last_seen), so fleet state never depends on logging.
 *
 * PostgreSQL differs in one visible way: a batch acknowledged from the
 * spool (server away) reports every event as stored (TRAP_STORE_OK,
 * event_id 0, cleared ""), because storm control and alert operations
 * happen when the spool is replayed.
 *
 * Database file removed or replaced while open (rm, a restore with mv):
 * every batch checks, with the write lock held, that the file at the path
 * is still the one open (device and inode), and again after the commit.
 * When it is not, the store empties its write-ahead log into the old file,
 * opens the path afresh (a new database with the schema) and writes the
 * batch there (again, when the commit may have reached the old file);
 * trap_store_notice() then says so.  When that cannot be done the batch
 * fails with TRAP_STORE_EIO: events are never written silently into a file
 * nobody can read.
 *
 * Who is "the agent": alerts are keyed by (source, agent, dev_index,
 * alert_index).  source is the address the trap came from; agent is what
 * the trap itself says about its sender when that differs: the v1
 * agent-addr (a relay or NAT in between makes many printers share one
 * source) or, when the front end passes it, a v3 engine ID.  A restart
 * loses the alert tables of every printer (dev_index) that agent serves, so
 * CLEAR deletes every row with its (source, agent), whatever the dev_index,
 * and nothing of another agent behind the same address.  Two v2c agents on
 * one host that send from the same address and carry no agent identity
 * cannot be told apart: a restart of either clears both (they re-announce
 * what is still active; anything not re-announced ages out anyway).
 *
 * Schema versioning: PRAGMA user_version (TRAP_STORE_SCHEMA).  A file with
 * a newer version is refused (the program is older than the data); an
 * older one is migrated in place by the first read-write open, in one
 * write transaction (2: agent column and key, last_seen index); a
 * read-only open of an older file fails and says so.
 * Files are created mode 0640; SQLite gives -wal/-shm the same mode.
 * Times are Unix time in milliseconds (UTC).
 */
#ifndef TRAP_STORE_H
#define TRAP_STORE_H

#include <stddef.h>
#include <stdint.h>

#define TRAP_STORE_SCHEMA 2
#define TRAP_STORE_BUSY_MS 10000         /* wait for a concurrent writer */
#define TRAP_STORE_DEFAULT_RETENTION 30  /* days of event history */
#define TRAP_STORE_PRUNE_EVERY 64        /* prune old events every N-th event id */
#define TRAP_STORE_WAL_PAGES 256         /* checkpoint when the WAL is this big */
#ifndef TRAP_STORE_DEFAULT_SPOOL
#define TRAP_STORE_DEFAULT_SPOOL "/var/lib/printdev/pg-spool.db"
#endif
#define TRAP_STORE_PG_RETRY_MS 1000      /* PostgreSQL reconnect interval */

enum trap_store_err {
    TRAP_STORE_OK = 0,
    TRAP_STORE_SUPPRESSED = 1, /* positive: stored nothing new, skip logging */
    TRAP_STORE_EDB = -1,       /* SQLite error (message in the store) */
    TRAP_STORE_ESCHEMA = -2,   /* schema newer than this program, or broken */
    TRAP_STORE_EINVAL = -3,    /* bad argument */
    TRAP_STORE_EIO = -4,       /* file or directory could not be created */
};

enum trap_store_alert_op {
    TRAP_STORE_ALERT_NONE = 0,
    TRAP_STORE_ALERT_ADD,
    TRAP_STORE_ALERT_REMOVE,
    TRAP_STORE_ALERT_CLEAR, /* the source restarted: all its alerts go */
};

/* What one trap contributes.  Strings may be NULL (stored as ""), except
 * where noted. */
struct trap_store_event {
    int64_t time_ms;        /* when it was received */
    const char *source;     /* sender address (required) */
    const char *device;     /* device name (defaults to source) */
    const char *severity;   /* "critical", "warning", "notice", "info" */
    const char *category;
    const char *text;
    const char *trap_oid;
    const char *version;    /* "v1", "v2c", "v3" or "" */
    const char *auth;       /* community or user name, "" when unknown */
    const char *varbinds;   /* JSON array text, "[]" when NULL */
    const char *dedup_key;  /* storm-control key; NULL: never suppressed */
    /* alert operation */
    enum trap_store_alert_op alert_op;
    long dev_index;         /* hrDeviceIndex */
    long alert_index;       /* ADD: prtAlertIndex of the new row;
                             * REMOVE: the index removed, or -1 to remove by
                             * group/group_index/code */
    const char *alert_severity; /* severity of the alert row (ADD) */
    long group, group_index, location, code;
    const char *alert_text;     /* text of the alert row (ADD); NULL: text */
    const char *agent;          /* the agent behind source when the trap names
                                 * one: a v1 agent-addr, a v3 engine ID (hex);
                                 * NULL or equal to source: the source is the
                                 * agent.  Part of the alert key (below). */
    int name_cleared;           /* REMOVE of one row (alert_index >= 0): when
                                 * the event is stored and the row existed,
                                 * its stored text becomes what it cleared,
                                 * trap_store_cleared_sentence() of the row,
                                 * in the same transaction (the built-in
                                 * "cleared: alert N on X" sentence) */
};

struct trap_store_opts {
    int storm_window;   /* seconds; 0: no storm control */
    int storm_limit;    /* events per source+key+window stored; < 1 means 1 */
    int retention_days; /* 0: TRAP_STORE_DEFAULT_RETENTION; < 0: keep all */
    int alert_max_age;  /* seconds: active alerts neither refreshed nor
                         * removed for this long are dropped (once per
                         * batch, against its newest event time); 0: never */
};

struct trap_store; /* opaque: a backend behind it (trap_store_impl.h) */

enum trap_store_backend { TRAP_STORE_SQLITE, TRAP_STORE_POSTGRESQL };

/* Which backend a target string names, and (rest) what it hands to it:
 *   PATH or sqlite:PATH                         SQLite file PATH
 *   postgresql://... or postgres://...          PostgreSQL, libpq URI (whole)
 *   pg:CONNINFO                                 PostgreSQL, libpq conninfo
 *                                               ("host=/run/pg dbname=x") */
enum trap_store_backend trap_store_backend_of(const char *target, const char **rest);

/* target for logs: a PostgreSQL password ("password=..." in a conninfo,
 * "user:PASSWORD@" in a URI) replaced by "***".  Returns out. */
const char *trap_store_target_redacted(const char *target, char *out, size_t outlen);

/* Settings of the PostgreSQL backend (ignored by SQLite); NULL members
 * take the defaults. */
struct trap_store_config {
    const char *spool;    /* local spool file for while PostgreSQL cannot
                           * take writes (default TRAP_STORE_DEFAULT_SPOOL) */
    const char *receiver; /* this receiver's name in idempotency keys
                           * (default: the host name) */
};

/* Opens (creating file, directory leaf and schema when missing) the
 * store named by target (above).  readonly: never create or write
 * (printdev-alerts).  Returns 0 and *out, or a negative trap_store_err with
 * a message in err.  A PostgreSQL store opens even when the server is
 * unreachable (writes then go to the spool), unless readonly. */
int trap_store_open(const char *target, int readonly, struct trap_store **out, char *err,
                    size_t errlen);
int trap_store_open_ex(const char *target, int readonly, const struct trap_store_config *cfg,
                       struct trap_store **out, char *err, size_t errlen);
void trap_store_close(struct trap_store *s); /* NULL-safe */

/* Records one trap (see above).  Returns TRAP_STORE_OK (stored, log it),
 * TRAP_STORE_SUPPRESSED (storm: counted only), or a negative error with
 * nothing changed.  *event_id (may be NULL) gets the events row id (of the
 * stored copy when suppressed). */
int trap_store_record(struct trap_store *s, const struct trap_store_event *ev,
                      const struct trap_store_opts *opts, int64_t *event_id);

/* What one event of a batch came to. */
struct trap_store_result {
    int status;        /* TRAP_STORE_OK (stored, log it) or TRAP_STORE_SUPPRESSED */
    int64_t event_id;  /* events row id (of the stored copy when suppressed) */
    char cleared[256]; /* REMOVE / CLEAR: the text of the active alert row(s)
                        * it removed ("" when none), so a removal can say
                        * what it cleared: "TEXT (alert N)" per row, rows
                        * separated by "; ", "..." at the end when cut */
};

/* "cleared: " + cleared (a trap_store_result's) with the "<severity>: "
 * lead of the row's text left out, e.g. "cleared: jam in mediaPath 1 on
 * prod-1 (alert 3)": the text a name_cleared removal is stored with. */
void trap_store_cleared_sentence(char *out, size_t size, const char *cleared);

/* Records n events in ONE transaction, in order, with the same meaning as
 * n calls of trap_store_record (storm control and alert operations see the
 * earlier events of the batch).  res[i] (res may be NULL) tells what event
 * i came to.  Statements are prepared once per store and reused; events
 * older than the retention are pruned at most once per batch.
 * Returns TRAP_STORE_OK when the whole batch is committed
 * (durable: an inform may be answered), or a negative error with nothing
 * of the batch stored. */
int trap_store_record_batch(struct trap_store *s, const struct trap_store_event *evs, size_t n,
                            const struct trap_store_opts *opts, struct trap_store_result *res);

/* Sends what the store keeps locally for later (the PostgreSQL backend's
 * spool) when the server takes writes again; a no-op for SQLite.  A
 * long-running receiver calls it now and then while idle (the next batch
 * does it anyway).  Returns TRAP_STORE_OK (also when the server is still
 * away: nothing is lost, it stays in the spool) or a negative error. */
int trap_store_flush(struct trap_store *s, const struct trap_store_opts *opts);

/* A message the caller should log once (NULL when none), e.g. that the
 * database file was removed or replaced while open and a new one was made
 * at the same path.  Valid until the next call. */
const char *trap_store_notice(struct trap_store *s);

/* Last error text of the store. */
const char *trap_store_errmsg(const struct trap_store *s);

/* ---- Queries (printdev-alerts) ---- */

struct trap_store_alert_row {
    const char *source, *device, *severity, *text;
    long dev_index, alert_index, group, group_index, location, code;
    int64_t since_ms, last_seen_ms;
    const char *agent; /* "" when the source is the agent */
};

struct trap_store_event_row {
    int64_t id, time_ms;
    const char *source, *device, *severity, *category, *text, *trap_oid, *version, *auth,
        *varbinds, *dedup_key;
    long repeats; /* suppressed duplicates counted on this row */
    int64_t last_seen_ms;
    const char *agent; /* "" when the source is the agent */
};

/* Calls fn for every active alert, ordered by device, dev_index,
 * alert_index.  device: only that device (name or source); NULL: all.
 * A non-zero return of fn stops the walk and is returned. */
int trap_store_alerts(struct trap_store *s, const char *device,
                      int (*fn)(void *arg, const struct trap_store_alert_row *row), void *arg);

struct trap_store_filter {
    int64_t since_ms;     /* 0: no lower bound */
    const char *device;   /* name or source; NULL: all */
    int min_severity;     /* trap_store_severity_rank(); 0: all */
    long limit;           /* newest N; <= 0: 100 */
};

/* Calls fn for the newest matching events, oldest first. */
int trap_store_events(struct trap_store *s, const struct trap_store_filter *f,
                      int (*fn)(void *arg, const struct trap_store_event_row *row), void *arg);

/* "info" 1, "notice" 2, "warning" 3, "critical" 4, anything else 0. */
int trap_store_severity_rank(const char *severity);

#endif
