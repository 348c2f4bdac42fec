#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# trapd-kill.sh: an answered inform is durable.  printdev-trapd (shipped
# trapd.conf plus one access line) receives a burst of traps and, at the
# same time, a stream of informs each with its own id; it is killed with
# SIGKILL in the middle.  Every inform the sender saw answered must be in
# the database, which must open cleanly; a restarted printdev-trapd on the
# same database goes on storing.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/trap-lib.sh"
. "$top_srcdir/tests/integration/trapd-lib.sh"
pd_init trapd-kill
command -v snmptrap >/dev/null || pd_skip "snmptrap not installed"
command -v sqlite3 >/dev/null || pd_skip "sqlite3 not installed"
command -v perl >/dev/null || pd_skip "perl not installed (the sender)"
[ -x "$TD_BIN" ] || pd_die "printdev-trapd not built"

port=$(pd_free_port udp)
CONF="$PD_TMP/trapd.conf"
DB="$PD_TMP/state/traps.db"
ACK="$PD_TMP/acked.txt"
td_conf "$CONF" "$port" "authCommunity log $PT_COMMUNITY 127.0.0.1"
td_start "$CONF" -s off -w 0 || pd_die "printdev-trapd did not start"

P=1.3.6.1.2.1.43.18.1.1
pt_trap_packet "$PD_TMP/alert.pkt" -v2c -c "$PT_COMMUNITY" 127.0.0.1:9 '' \
    1.3.6.1.2.1.43.18.2.0.1 $P.1.1.5 i 5 $P.2.1.5 i 3 $P.4.1.5 i 13 $P.5.1.5 i 1 \
    $P.6.1.5 i 4001 $P.7.1.5 i 8
perl "$top_srcdir/tests/integration/trapd-informs.pl" "$port" "$PT_COMMUNITY" 2000 4 "$ACK" \
    > "$PD_TMP/informs.out" &
sender=$!
pd_track "$sender"
pt_blast "$port" "$PD_TMP/alert.pkt" 20000 10000 &
blaster=$!
pd_track "$blaster"
# kill once a good number of informs has been answered, mid-stream
pd_wait_for 20 sh -c "[ \$(wc -l < '$ACK') -ge 1500 ]" || pd_die "informs were not answered"
kill -KILL "$TD_PID"
wait "$TD_PID" 2>/dev/null
PD_PIDS=$(printf '%s\n' $PD_PIDS | grep -vx "$TD_PID" | tr '\n' ' ')
wait "$sender"
wait "$blaster" 2>/dev/null
pd_log "sender: $(cat "$PD_TMP/informs.out")"

answered=$(wc -l < "$ACK")
sqlite3 "$DB" "SELECT varbinds FROM events WHERE trap_oid = '1.3.6.1.4.1.99999.0.1'" |
    grep -o '"id-[0-9]*"' | tr -d '"' | sort -u > "$PD_TMP/stored.txt"
cut -d' ' -f1 "$ACK" | sort -u > "$PD_TMP/acked-ids.txt"
missing=$(comm -23 "$PD_TMP/acked-ids.txt" "$PD_TMP/stored.txt" | wc -l)
pd_ok "killed mid-stream: some informs were answered ($answered)" test "$answered" -ge 1500
pd_ok "killed mid-stream: not every inform was answered (the kill hit)" \
    sh -c "! grep -q ' answered $(awk '{print $2}' "$PD_TMP/informs.out") ' '$PD_TMP/informs.out'"
pd_eq "every answered inform is stored" "0" "$missing"
pd_eq "database intact after SIGKILL" "ok" "$(sqlite3 "$DB" 'PRAGMA integrity_check')"

# the same database goes on after a restart
before=$(td_events "$DB")
td_start "$CONF" -s off -w 0 || pd_die "printdev-trapd did not restart"
pd_ok "inform after the restart answered" snmpinform -v2c -c "$PT_COMMUNITY" -t 10 -r 0 \
    "127.0.0.1:$port" '' 1.3.6.1.6.3.1.1.5.1
pd_eq "and stored" "$((before + 1))" "$(td_events "$DB")"
pd_finish
