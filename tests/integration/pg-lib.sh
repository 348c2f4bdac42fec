# SPDX-License-Identifier: GPL-2.0-or-later
# tests/integration/pg-lib.sh: a private PostgreSQL server for a test
# (sourced after tests/lib.sh; not a test itself).  Debian's initdb and
# pg_ctl run as an unprivileged user (nobody when the test runs as root),
# the server listens only on a Unix socket in the test's temp dir (and a
# free port number, which names the socket), and is stopped by its pid.

: "${PG_BINDIR:=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"

# pg_have: are the server binaries installed?
pg_have() { [ -n "$PG_BINDIR" ] && [ -x "$PG_BINDIR/initdb" ] && [ -x "$PG_BINDIR/pg_ctl" ]; }

# pg_as CMD...: run CMD as the server's user.
pg_as() {
    if [ "$(id -u)" -eq 0 ]; then
        setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"
    else
        "$@"
    fi
}

# pg_init: initdb into $PD_TMP/pg (superuser role "printdev", trust on
# the socket only); sets PG_DATA, PG_SOCK, PG_PORT, PG_CONN.
pg_init() {
    PG_DATA="$PD_TMP/pg/data"
    PG_SOCK="$PD_TMP/pg"
    PG_PORT=$(pd_free_port tcp)
    mkdir -p "$PG_SOCK"
    [ "$(id -u)" -eq 0 ] && chown nobody:nogroup "$PG_SOCK"
    pg_as "$PG_BINDIR/initdb" -D "$PG_DATA" -U printdev -A trust -E UTF8 --no-sync \
        > "$PD_TMP/pg-initdb.log" 2>&1 || {
        sed 's/^/#   /' "$PD_TMP/pg-initdb.log" | tail -n 20
        pd_die "initdb failed"
    }
    {
        echo "listen_addresses = ''"
        echo "unix_socket_directories = '$PG_SOCK'"
        echo "port = $PG_PORT"
        echo "fsync = on"
        echo "max_connections = 40"
        echo "shared_buffers = 32MB"
    } >> "$PG_DATA/postgresql.conf"
    PG_CONN="host=$PG_SOCK port=$PG_PORT user=printdev dbname=postgres"
}

# pg_ready: does the server answer a query?
pg_ready() { "$PG_BINDIR/psql" -X -q -t -c 'SELECT 1' "$PG_CONN" 2>/dev/null | grep -q 1; }

# pg_start: start the server (pg_init first); sets PG_PID.
pg_start() {
    pg_as "$PG_BINDIR/pg_ctl" -D "$PG_DATA" -l "$PD_TMP/pg/server.log" -w -t 30 start \
        > /dev/null || {
        sed 's/^/#   /' "$PD_TMP/pg/server.log" | tail -n 20
        pd_die "PostgreSQL did not start"
    }
    PG_PID=$(head -n 1 "$PG_DATA/postmaster.pid")
    pd_wait_for 30 pg_ready || pd_die "PostgreSQL does not answer"
}

# pg_stop: fast shutdown of the server by its pid; waits until it is gone.
pg_stop() {
    [ -n "${PG_PID:-}" ] || return 0
    kill -INT "$PG_PID" 2>/dev/null
    pd_wait_for 30 sh -c "! kill -0 $PG_PID" || kill -KILL "$PG_PID" 2>/dev/null
    PG_PID=
}

# pg_sql SQL: run SQL as the superuser, print the rows unaligned.
pg_sql() { "$PG_BINDIR/psql" -X -q -A -t -v ON_ERROR_STOP=1 -c "$1" "$PG_CONN"; }
