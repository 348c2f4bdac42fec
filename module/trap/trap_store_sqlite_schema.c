/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trap_store_sqlite_schema.c: the SQLite fleet store's schema, its
 * migrations and the open-time check (trap_store_sqlite.c calls
 * trap_store_sqlite_schema() on every open).  The version is PRAGMA
 * user_version; a file starts from schema 1 (the first release) and
 * migrations[] bring it to TRAP_STORE_SCHEMA inside one write transaction.
 * Append migrations; never edit a released one.
 */
#include "config.h"

#include "trap_store.h"
#include "trap_store_impl.h"

#include <stdio.h>

#include <sqlite3.h>

#define STR_(x) #x
#define STR(x) STR_(x)

/* Schema 1 (the first release), the base every database starts from;
 * migrations[] then bring it to TRAP_STORE_SCHEMA, inside the same write
 * transaction.  Times in Unix milliseconds. */
static const char schema_v1[] =
    "CREATE TABLE IF NOT EXISTS events ("
    " id INTEGER PRIMARY KEY,"
    " time INTEGER NOT NULL,"
    " source TEXT NOT NULL,"
    " device TEXT NOT NULL,"
    " severity TEXT NOT NULL,"
    " category TEXT NOT NULL,"
    " text TEXT NOT NULL,"
    " trap_oid TEXT NOT NULL,"
    " version TEXT NOT NULL,"
    " auth TEXT NOT NULL,"
    " varbinds TEXT NOT NULL,"
    " dedup_key TEXT,"
    " repeats INTEGER NOT NULL DEFAULT 0,"
    " last_seen INTEGER NOT NULL);"
    "CREATE INDEX IF NOT EXISTS events_time ON events(time);"
    "CREATE INDEX IF NOT EXISTS events_dedup ON events(source, dedup_key, time);"
    "CREATE TABLE IF NOT EXISTS active_alerts ("
    " source TEXT NOT NULL,"
    " device TEXT NOT NULL,"
    " dev_index INTEGER NOT NULL,"
    " alert_index INTEGER NOT NULL,"
    " severity TEXT NOT NULL,"
    " alert_group INTEGER NOT NULL,"
    " group_index INTEGER NOT NULL,"
    " location INTEGER NOT NULL,"
    " code INTEGER NOT NULL,"
    " text TEXT NOT NULL,"
    " since INTEGER NOT NULL,"
    " last_seen INTEGER NOT NULL,"
    " PRIMARY KEY (source, dev_index, alert_index));";

/* migrations[v - 1] brings schema v to v + 1. */
static const char *const migrations[TRAP_STORE_SCHEMA - 1] = {
    /* 2: the agent that sent a trap (v1 agent-addr, v3 engine ID) beside
     * its source address, as part of the alert key, so a restart clears
     * only that agent's alerts; last_seen indexed for ageing out */
    "ALTER TABLE events ADD COLUMN agent TEXT NOT NULL DEFAULT '';"
    "CREATE TABLE active_alerts_2 ("
    " source TEXT NOT NULL,"
    " agent TEXT NOT NULL DEFAULT '',"
    " device TEXT NOT NULL,"
    " dev_index INTEGER NOT NULL,"
    " alert_index INTEGER NOT NULL,"
    " severity TEXT NOT NULL,"
    " alert_group INTEGER NOT NULL,"
    " group_index INTEGER NOT NULL,"
    " location INTEGER NOT NULL,"
    " code INTEGER NOT NULL,"
    " text TEXT NOT NULL,"
    " since INTEGER NOT NULL,"
    " last_seen INTEGER NOT NULL,"
    " PRIMARY KEY (source, agent, dev_index, alert_index));"
    "INSERT INTO active_alerts_2 (source, device, dev_index, alert_index, severity,"
    " alert_group, group_index, location, code, text, since, last_seen)"
    " SELECT source, device, dev_index, alert_index, severity, alert_group, group_index,"
    " location, code, text, since, last_seen FROM active_alerts;"
    "DROP TABLE active_alerts;"
    "ALTER TABLE active_alerts_2 RENAME TO active_alerts;"
    "CREATE INDEX active_alerts_seen ON active_alerts(last_seen);",
};

static int fail(sqlite3 *db, char *err, size_t errlen, int rc, const char *what)
{
    snprintf(err, errlen, "%s: %s", what, sqlite3_errmsg(db));
    return rc;
}

static int exec_sql(sqlite3 *db, char *err, size_t errlen, const char *sql)
{
    char *msg = NULL;

    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(err, errlen, "%s", msg ? msg : sqlite3_errmsg(db));
        sqlite3_free(msg);
        return TRAP_STORE_EDB;
    }
    return TRAP_STORE_OK;
}

static int user_version(sqlite3 *db, int *v, char *err, size_t errlen)
{
    sqlite3_stmt *st;
    int rc;

    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return fail(db, err, errlen, TRAP_STORE_EDB, "reading schema version");
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return fail(db, err, errlen, TRAP_STORE_EDB, "reading schema version");
    return TRAP_STORE_OK;
}

int trap_store_sqlite_schema(sqlite3 *db, int readonly, char *err, size_t errlen)
{
    int v = 0, rc;

    if ((rc = user_version(db, &v, err, errlen)) < 0)
        return rc;
    if (v == TRAP_STORE_SCHEMA)
        return TRAP_STORE_OK;
    if (v > TRAP_STORE_SCHEMA) {
        snprintf(err, errlen, "database schema version %d is newer than this program's (%d)", v,
                 TRAP_STORE_SCHEMA);
        return TRAP_STORE_ESCHEMA;
    }
    if (readonly) {
        if (v == 0)
            snprintf(err, errlen, "database has no printdev schema");
        else
            snprintf(err, errlen,
                     "database schema version %d is older than this program's (%d); the next"
                     " write by a receiver migrates it",
                     v, TRAP_STORE_SCHEMA);
        return TRAP_STORE_ESCHEMA;
    }
    /* WAL is persistent in the file; switching needs no transaction open. */
    if ((rc = exec_sql(db, err, errlen, "PRAGMA journal_mode=WAL")) < 0)
        return rc;
    if ((rc = exec_sql(db, err, errlen, "BEGIN IMMEDIATE")) < 0)
        return rc;
    if ((rc = user_version(db, &v, err, errlen)) < 0)
        goto rollback;
    if (v > TRAP_STORE_SCHEMA) {
        snprintf(err, errlen, "database schema version %d is newer than this program's (%d)", v,
                 TRAP_STORE_SCHEMA);
        rc = TRAP_STORE_ESCHEMA;
        goto rollback;
    }
    if (v == 0 && (rc = exec_sql(db, err, errlen, schema_v1)) < 0)
        goto rollback;
    for (v = v ? v : 1; v < TRAP_STORE_SCHEMA; v++) {
        if ((rc = exec_sql(db, err, errlen, migrations[v - 1])) < 0) {
            char msg[512];

            snprintf(msg, sizeof(msg), "%s", err);
            snprintf(err, errlen, "migrating schema %d to %d: %.180s", v, v + 1, msg);
            rc = TRAP_STORE_ESCHEMA;
            goto rollback;
        }
    }
    if ((rc = exec_sql(db, err, errlen, "PRAGMA user_version = " STR(TRAP_STORE_SCHEMA))) < 0)
        goto rollback;
    return exec_sql(db, err, errlen, "COMMIT");
rollback:
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}
