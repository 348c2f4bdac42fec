#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# trap-pg.sh: two receivers (printdev-trapworker processes, each with its
# own queue and its own PostgreSQL spool) write one PostgreSQL fleet store
# started by this test, at the same time.  Then PostgreSQL is stopped and
# the receivers get more traps: they acknowledge them from their spools,
# replay them when it is back, and every trap ends up stored exactly once.
# (trapd-pg.sh stops the server in the middle of a stream.)  Then the database
# turns read-only for a while (same: spooled, replayed).  Last, with
# PostgreSQL down, one receiver's spool sits on a tiny full file system:
# every trap is either stored (after the replay) or reported as not
# stored; none is lost silently.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/trap-lib.sh"
. "$top_srcdir/tests/integration/pg-lib.sh"
pd_init trap-pg
pg_have || pd_skip "PostgreSQL server binaries not installed"
command -v sqlite3 >/dev/null || pd_skip "sqlite3 not installed"

W="$top_builddir/printdev-trapworker"
A="$top_builddir/printdev-alerts"
N=400 # traps per receiver

pg_init
pg_start
T="pg:$PG_CONN"

# trap NAME SEQ: one printerV2Alert in snmptrapd's traphandle format with a
# description naming it (unique per trap), from printer 10.1.0.SEQ%50
trap_text() {
    printf 'localhost\nUDP: [10.1.0.%d]:1024->[127.0.0.1]:162\n' $(($2 % 50 + 1))
    printf 'iso.3.6.1.2.1.1.3.0 0:0:00:01.00\n'
    printf 'iso.3.6.1.6.3.1.1.4.1.0 iso.3.6.1.2.1.43.18.2.0.1\n'
    p=iso.3.6.1.2.1.43.18.1.1
    a=$(($2 % 7 + 1))
    printf '%s.2.1.%d 3\n%s.4.1.%d 8\n%s.5.1.%d 1\n%s.6.1.%d -2\n%s.7.1.%d 8\n' \
        $p $a $p $a $p $a $p $a $p $a
    printf '%s.8.1.%d "%s-%d"\n' $p $a "$1" "$2"
}

# queue DIR NAME FROM TO: trap files for a worker's -Q run, in order,
# received "now" (the file name carries the time)
queue() {
    mkdir -p "$1"
    i=$3
    now=$(($(date +%s) * 1000))
    while [ "$i" -le "$4" ]; do
        trap_text "$2" "$i" > "$1/T$(printf '%013d.%06d-%010d' $((now + i)) 0 "$i")"
        i=$((i + 1))
    done
}

# receiver NAME ARGS...: a worker on this store with its own spool
receiver() {
    name=$1
    shift
    "$W" -r /nonexistent -s off -w 0 -d "$T" -P "$PD_TMP/$name/pg-spool.db" \
        -j "$PD_TMP/events.jsonl" "$@" 2>> "$PD_TMP/$name.log"
}

pg_count() { pg_sql "SELECT count(*) FROM events" 2>/dev/null || echo -1; }
spooled() { sqlite3 "$PD_TMP/$1/pg-spool.db" 'SELECT count(*) FROM spool' 2>/dev/null || echo 0; }

# both receivers at once, PostgreSQL up; then both again while it is
# down (acknowledged from their spools); then it is back
queue "$PD_TMP/a/q" A 1 $((N / 2))
queue "$PD_TMP/b/q" B 1 $((N / 2))
receiver a -Q "$PD_TMP/a/q" &
wa=$!
receiver b -Q "$PD_TMP/b/q" &
wb=$!
wait "$wa"
wait "$wb"
pd_eq "PostgreSQL up: both receivers' traps stored" "$N" "$(pg_count)"
pg_stop
queue "$PD_TMP/a/q" A $((N / 2 + 1)) "$N"
queue "$PD_TMP/b/q" B $((N / 2 + 1)) "$N"
receiver a -Q "$PD_TMP/a/q" &
wa=$!
receiver b -Q "$PD_TMP/b/q" &
wb=$!
wait "$wa"
wait "$wb"
pd_eq "PostgreSQL down: every trap in a spool" "$N" "$(($(spooled a) + $(spooled b)))"
pg_start
# one more trap each: replays whatever the spool still holds
trap_text A 0 | receiver a
trap_text B 0 | receiver b
total=$((2 * N + 2))
pd_eq "every trap logged once" "$total" "$(wc -l < "$PD_TMP/events.jsonl")"
pd_eq "every trap stored once (PostgreSQL stopped and restarted)" "$total" "$(pg_count)"
pd_eq "no trap twice" "$total" \
    "$(pg_sql "SELECT count(DISTINCT varbinds) FROM events")"
pd_ok "both receivers wrote (keys of several receiver incarnations)" \
    [ "$(pg_sql "SELECT count(DISTINCT receiver) FROM events")" -ge 2 ]
pd_eq "spools empty" "0 0" "$(spooled a) $(spooled b)"
pd_ok "the receivers said they spooled and replayed" \
    sh -c "grep -q 'kept in the spool' '$PD_TMP/a.log' && grep -q 'spooled events replayed' '$PD_TMP/a.log' && grep -q 'kept in the spool' '$PD_TMP/b.log' && grep -q 'spooled events replayed' '$PD_TMP/b.log'"
# printers i%50 with alerts i%7: 350 distinct rows
pd_eq "fleet state: one row per printer and alert" "350" \
    "$("$A" -d "$T" --json | grep -c '"alert_index"')"

# read-only database: acknowledged from the spool, replayed when writable
pg_sql "ALTER DATABASE postgres SET default_transaction_read_only = on"
queue "$PD_TMP/a/q" A 1001 1050
receiver a -Q "$PD_TMP/a/q"
pd_eq "read-only: nothing written" "$total" "$(pg_count)"
pd_eq "read-only: 50 events in the spool" "50" "$(spooled a)"
PGOPTIONS='-c default_transaction_read_only=off' pg_sql \
    "ALTER DATABASE postgres RESET default_transaction_read_only"
trap_text A 1051 | receiver a
pd_eq "writable again: replayed, once" "$((total + 51))" "$(pg_count)"
pd_eq "writable again: spool empty" "0" "$(spooled a)"

# full file system under the spool while PostgreSQL is down (root only):
# what does not fit is reported as not stored; what was acknowledged stays
# in the spool and is replayed once there is room again
if [ "$(id -u)" -eq 0 ] && mkdir -p "$PD_TMP/c" &&
    mount -t tmpfs -o size=512k tmpfs "$PD_TMP/c" 2>/dev/null; then
    dd if=/dev/zero of="$PD_TMP/c/filler" bs=1k count=300 2>/dev/null
    before=$(pg_count)
    pg_stop
    queue "$PD_TMP/cq" C 1 300
    receiver c -Q "$PD_TMP/cq"
    # one line per failed batch: "not updated (N events)", or one trap
    failed=$(awk '/not updated \([0-9]+ events\)/ { match($0, /\(([0-9]+) events\)/);
                  n += substr($0, RSTART + 1, RLENGTH - 9); next }
                  /not updated/ { n++ } END { print n + 0 }' "$PD_TMP/c.log")
    pd_log "full spool: $failed of 300 traps reported as not stored"
    pd_ok "full spool: some traps reported as not stored" [ "$failed" -gt 0 ]
    pd_ok "full spool: the reason is given" grep -q 'spool cannot take the batch' "$PD_TMP/c.log"
    pd_ok "full spool: the others were acknowledged" [ "$failed" -lt 300 ]
    pg_start
    rm -f "$PD_TMP/c/filler"
    trap_text C 301 | receiver c
    pd_eq "full spool: stored + reported = every trap" "$((before + 301))" \
        "$(($(pg_count) + failed))"
    pd_eq "full spool: replayed, spool empty" "0" "$(spooled c)"
    umount "$PD_TMP/c"
else
    pd_log "not root or no tmpfs: full-spool part skipped"
fi
pg_stop
pd_finish
