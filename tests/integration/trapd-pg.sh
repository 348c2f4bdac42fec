#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# trapd-pg.sh: the two kinds of receiver write one PostgreSQL fleet store
# (a private server started here): printdev-trapd gets a paced burst of
# v2c traps over UDP while a printdev-trapworker drains its queue.  Mid-run
# PostgreSQL is stopped and started again.  Every trap printdev-trapd
# received and every trap the worker handled is stored exactly once: the
# spools took them while the server was away and were replayed after.
# Then informs answered while the server is down survive kill -9.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/trap-lib.sh"
. "$top_srcdir/tests/integration/trapd-lib.sh"
. "$top_srcdir/tests/integration/pg-lib.sh"
pd_init trapd-pg
pg_have || pd_skip "PostgreSQL server binaries not installed"
command -v snmptrap >/dev/null || pd_skip "snmptrap not installed"
command -v sqlite3 >/dev/null || pd_skip "sqlite3 not installed"
command -v perl >/dev/null || pd_skip "perl not installed (the sender)"
[ -x "$TD_BIN" ] || pd_die "printdev-trapd not built"

W="$top_builddir/printdev-trapworker"
N=1500   # traps to printdev-trapd
M=400    # traps through the worker
RATE=400 # traps/s: the burst lasts ~4 s

pg_init
pg_start
T="pg:$PG_CONN"
pg_count() { pg_sql "SELECT count(*) FROM events WHERE source = '$1'" 2>/dev/null || echo -1; }

port=$(pd_free_port udp)
td_conf "$PD_TMP/trapd.conf" "$port" "authCommunity log $PT_COMMUNITY 127.0.0.1"
td_start "$PD_TMP/trapd.conf" -s off -w 0 -d "$T" -P "$PD_TMP/trapd-spool.db" ||
    pd_die "printdev-trapd did not start"
P=1.3.6.1.2.1.43.18.1.1
pt_trap_packet "$PD_TMP/pkt" -v2c -c "$PT_COMMUNITY" 127.0.0.1:9 '' 1.3.6.1.2.1.43.18.2.0.1 \
    $P.2.1.3 i 3 $P.4.1.3 i 8 $P.5.1.3 i 1 $P.6.1.3 i -2 $P.7.1.3 i 8

# the worker's queue: printers 10.2.0.1..50, each trap's description unique
mkdir -p "$PD_TMP/q"
now=$(($(date +%s) * 1000))
i=1
while [ "$i" -le "$M" ]; do
    {
        printf 'localhost\nUDP: [10.2.0.%d]:1024->[127.0.0.1]:162\n' $((i % 50 + 1))
        printf 'iso.3.6.1.2.1.1.3.0 0:0:00:01.00\niso.3.6.1.6.3.1.1.4.1.0 iso.3.6.1.2.1.43.18.2.0.1\n'
        printf '%s.2.1.1 3\n%s.4.1.1 8\n%s.7.1.1 8\n%s.8.1.1 "W-%d"\n' iso.$P iso.$P iso.$P iso.$P "$i"
    } > "$PD_TMP/q/T$(printf '%013d.%06d-%010d' $((now + i)) 0 "$i")"
    i=$((i + 1))
done

pt_blast "$port" "$PD_TMP/pkt" "$N" "$RATE" &
sender=$!
"$W" -r /nonexistent -s off -w 0 -d "$T" -P "$PD_TMP/worker-spool.db" -Q "$PD_TMP/q" \
    2> "$PD_TMP/worker.log" &
worker=$!
pd_wait_for 60 sh -c "[ \$(\"$PG_BINDIR/psql\" -X -A -t -c \"SELECT count(*) FROM events WHERE source = '127.0.0.1'\" '$PG_CONN') -ge 300 ]" ||
    pd_log "printdev-trapd stored fewer than 300 after 60 s"
pg_stop
sleep 1
pg_start
wait "$sender"
wait "$worker"
# whatever is still spooled goes with the next trap of each receiver, once
# its reconnect interval (1 s) has passed
sleep 1.5
snmptrap -v2c -c "$PT_COMMUNITY" "127.0.0.1:$port" '' 1.3.6.1.6.3.1.1.5.1
printf 'localhost\nUDP: [10.2.0.99]:1024->[127.0.0.1]:162\niso.3.6.1.6.3.1.1.4.1.0 iso.3.6.1.6.3.1.1.5.2\n' |
    "$W" -r /nonexistent -s off -d "$T" -P "$PD_TMP/worker-spool.db" 2>> "$PD_TMP/worker.log"
# the stats file is rewritten every second: wait until it has the last trap
pd_wait_for 30 sh -c "[ \"\$(awk '\$1 == \"traps\" { print \$2 }' '$PD_TMP/run/trapd.stats')\" -ge \$(awk '\$1 == \"accepted\" { print \$2 }' '$PD_TMP/run/trapd.stats') ] && [ \$(awk '\$1 == \"accepted\" { print \$2 }' '$PD_TMP/run/trapd.stats') -gt $N ]" ||
    pd_log "stats: not all accepted traps handled after 30 s"
sleep 1.5
received=$(($(td_stat accepted) + 0))
dropped=$(($(td_stat kernel_drops) + 0))
pd_log "printdev-trapd: accepted $received, kernel drops $dropped, store errors $(td_stat store_errors)"
pd_wait_for 30 sh -c "[ \$(\"$PG_BINDIR/psql\" -X -A -t -c \"SELECT count(*) FROM events WHERE source = '127.0.0.1'\" '$PG_CONN') -ge $received ]" || true
pd_eq "printdev-trapd: every received trap stored once (PostgreSQL restarted)" "$received" \
    "$(pg_count 127.0.0.1)"
pd_ok "printdev-trapd: the burst arrived" [ "$received" -ge $((N + 1 - dropped)) ]
pd_eq "worker: every trap stored once" "$M" \
    "$(pg_sql "SELECT count(DISTINCT varbinds) FROM events WHERE source LIKE '10.2.0.%' AND source <> '10.2.0.99'")"
pd_eq "worker: no trap twice" "$M" \
    "$(pg_sql "SELECT count(*) FROM events WHERE source LIKE '10.2.0.%' AND source <> '10.2.0.99'")"
pd_eq "spools empty" "0 0" \
    "$(sqlite3 "$PD_TMP/trapd-spool.db" 'SELECT count(*) FROM spool' 2>/dev/null || echo 0) $(sqlite3 "$PD_TMP/worker-spool.db" 'SELECT count(*) FROM spool' 2>/dev/null || echo 0)"
pd_ok "printdev-trapd said it spooled and replayed" \
    sh -c "grep -q 'kept in the spool' '$PD_TMP/trapd.log' && grep -q 'spooled events replayed' '$PD_TMP/trapd.log'"

# an answered inform is durable: in PostgreSQL or in the spool.  With the
# server down, informs are answered from the spool; printdev-trapd is then
# killed -9; the next start sends the spool once the server is back.
pg_stop
answered=0
for i in $(seq 1 20); do
    snmpinform -v2c -c "$PT_COMMUNITY" -t 10 -r 0 "127.0.0.1:$port" '' \
        1.3.6.1.4.1.8072.9999.4300.0.77 1.3.6.1.2.1.1.5.0 s "inform-$i" >/dev/null 2>&1 &&
        answered=$((answered + 1))
done
kill -KILL "$TD_PID"
wait "$TD_PID" 2>/dev/null
pd_log "informs answered while PostgreSQL was down: $answered of 20"
pd_ok "informs answered from the spool" [ "$answered" -gt 0 ]
pg_start
td_start "$PD_TMP/trapd.conf" -s off -w 0 -d "$T" -P "$PD_TMP/trapd-spool.db" ||
    pd_die "printdev-trapd did not start again"
snmptrap -v2c -c "$PT_COMMUNITY" "127.0.0.1:$port" '' 1.3.6.1.6.3.1.1.5.1
pd_wait_for 30 sh -c "[ \$(\"$PG_BINDIR/psql\" -X -A -t -c \"SELECT count(*) FROM events WHERE trap_oid = '1.3.6.1.4.1.8072.9999.4300.0.77'\" '$PG_CONN') -ge $answered ]" || true
pd_eq "kill -9 with PostgreSQL down: every answered inform stored once" "$answered $answered" \
    "$(pg_sql "SELECT count(DISTINCT varbinds) FROM events WHERE trap_oid = '1.3.6.1.4.1.8072.9999.4300.0.77'") $(pg_sql "SELECT count(*) FROM events WHERE trap_oid = '1.3.6.1.4.1.8072.9999.4300.0.77'")"
pd_stop_pid "$TD_PID"
pg_stop
pd_finish
