#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# trap-dbremove.sh: the fleet database is removed while a spool worker
# (printdev-trapworker, one process draining a burst) has it open.  The
# worker must notice, put every later event into a new database at the same
# path and say so; nothing may be written silently into the removed file.
# The removed file stays reachable through a hard link, so the test can
# count both: old + new = every trap (one straddling the removal may be in
# both, see below).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/trap-lib.sh"
pd_init trap-dbremove
[ -x "$SNMPTRAPD" ] || pd_skip "snmptrapd not installed"
command -v snmptrap >/dev/null || pd_skip "snmptrap not installed"
command -v perl >/dev/null || pd_skip "perl not installed (the sender)"

H="$top_builddir/printdev-traphandle"
A="$top_builddir/printdev-alerts"
DB="$PD_TMP/state/traps.db"
JL="$PD_TMP/state/events.jsonl"
N=600
RATE=150 # traps/s: the burst lasts ~4 s, one worker drains it all

port=$(pd_free_port udp)
pt_trapd_conf "$PD_TMP/t.conf" "$port" "$H" -w 0
pd_start_snmptrapd "$PD_TMP/t.conf" "udp:127.0.0.1:$port" || pd_die "snmptrapd did not start"
P=1.3.6.1.2.1.43.18.1.1
pt_trap_packet "$PD_TMP/pkt" -v2c -c "$PT_COMMUNITY" 127.0.0.1:9 '' 1.3.6.1.2.1.43.18.2.0.1 \
    $P.1.1.3 i 3 $P.2.1.3 i 3 $P.4.1.3 i 8 $P.5.1.3 i 1 $P.6.1.3 i -2 $P.7.1.3 i 808

pt_blast "$port" "$PD_TMP/pkt" "$N" "$RATE" &
sender=$!
pd_wait_for 30 sh -c "[ -f '$JL' ] && [ \$(wc -l < '$JL') -ge 100 ]" ||
    pd_die "the first 100 traps did not arrive"
ln "$DB" "$DB.removed"
rm -f "$DB" # -wal and -shm stay, as after a careless rm
wait "$sender"
pt_wait_lines "$JL" "$N" 60 || pd_log "timed out waiting for $N lines"
pd_wait_for 30 sh -c "[ -z \"\$(find '$PD_TMP/state/spool' -name 'T*')\" ]"
sleep 0.5 # the worker lingers, then exits

count() { "$A" -d "$1" events --limit 100000 --json | grep -c '"id":'; }
old=$(count "$DB.removed")
new=$(count "$DB")
pd_log "events in the removed file: $old, in the new file: $new"
pd_eq "every trap logged once" "$N" "$(wc -l < "$JL")"
pd_ok "a new database was made at the path" [ -f "$DB" ]
pd_ok "events after the removal are in the new file" [ "$new" -gt 0 ]
# A batch committed into the old file between the store's check (write lock
# held) and its commit is recorded again in the new file: for the store the
# removed file is gone.  The worker commits one trap per transaction, so at
# most one trap is in both files; none may be missing.
total=$((old + new))
pd_ok "removed + new file hold every trap ($total of $N, at most one in both)" \
    [ "$total" -ge "$N" -a "$total" -le "$((N + 1))" ]
pd_eq "the new file has the fleet state" "1" \
    "$("$A" -d "$DB" --json | grep -c '"alert_index": 3,')"
if grep -q 'removed or replaced while open' "$PD_TMP/snmptrapd.log" 2>/dev/null; then
    pd_log "the worker reported the removal"
fi
pd_finish
