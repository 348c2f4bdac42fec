#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# trap-burst.sh: concurrent bursts into two real snmptrapd instances that
# share one fleet database, one JSON Lines file and one spool (as when the
# system snmptrapd on 162 and printdev's on 2697 both run the handler):
# instance A queues to the spool worker, instance B runs the worker in the
# foreground (-S), so several processes write at the same time.
# 4 senders x 200 distinct traps with storm control off must give exactly
# 800 events, 800 JSON lines, no torn or interleaved line.  Then storm
# control on: 100 identical traps give 20 logged events (the default
# limit) and 80 counted repeats.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/trap-lib.sh"
pd_init trap-burst
[ -x "$SNMPTRAPD" ] || pd_skip "snmptrapd not installed"
command -v snmptrap >/dev/null || pd_skip "snmptrap not installed"
command -v perl >/dev/null || pd_skip "perl not installed (the sender)"

H="$top_builddir/printdev-traphandle"
A="$top_builddir/printdev-alerts"
DB="$PD_TMP/state/traps.db"
JL="$PD_TMP/state/events.jsonl"
PER=200

# Without a big receive buffer snmptrapd drops what does not fit while it
# waits for handlers: pace the senders then.
rate=0
rmem=$(cat /proc/sys/net/core/rmem_max 2>/dev/null || echo 0)
if [ "$rmem" -lt 4194304 ]; then
    rate=40
    pd_log "net.core.rmem_max=$rmem: senders paced at $rate traps/s each"
fi

pa=$(pd_free_port udp)
pb=$(pd_free_port udp)
pt_trapd_conf "$PD_TMP/a.conf" "$pa" "$H" -s off -w 0
pt_trapd_conf "$PD_TMP/b.conf" "$pb" "$H" -s off -w 0 -S
pd_start_snmptrapd "$PD_TMP/a.conf" "udp:127.0.0.1:$pa" || pd_die "snmptrapd A did not start"
ta=$PD_TRAPD_PID
mv "$PD_TMP/snmptrapd.log" "$PD_TMP/a.log"
pd_start_snmptrapd "$PD_TMP/b.conf" "udp:127.0.0.1:$pb" || pd_die "snmptrapd B did not start"
tb=$PD_TRAPD_PID

P=1.3.6.1.2.1.43.18.1.1
pids=""
for s in 1 2 3 4; do
    # sender s: alert index s on device s, a long description to make lines
    # longer than one pipe buffer would matter for
    desc=$(printf "sender-$s-%0500d" 0)
    pt_trap_packet "$PD_TMP/p$s" -v2c -c "$PT_COMMUNITY" 127.0.0.1:9 '' 1.3.6.1.2.1.43.18.2.0.1 \
        $P.1.$s.$s i $s $P.2.$s.$s i 3 $P.4.$s.$s i 8 $P.5.$s.$s i 1 $P.6.$s.$s i -2 \
        $P.7.$s.$s i 808 $P.8.$s.$s s "$desc"
done
for s in 1 2 3 4; do
    [ $s -le 2 ] && port=$pa || port=$pb
    pt_blast "$port" "$PD_TMP/p$s" "$PER" "$rate" &
    pids="$pids $!"
done
for p in $pids; do wait "$p"; done

total=$((4 * PER))
pt_wait_lines "$JL" "$total" 120 || pd_log "timed out waiting for $total lines"
sleep 0.5 # anything beyond the expected count would show up now
pd_eq "every trap logged once: JSON lines" "$total" "$(wc -l < "$JL")"
pd_eq "no torn or interleaved line" "0" \
    "$(grep -cv '^{"time":"[^"]*","source":"127.0.0.1",.*"alert":{[^{}]*}}$' "$JL")"
for s in 1 2 3 4; do
    pd_eq "sender $s: $PER lines, each with its own description intact" "$PER" \
        "$(grep -c "\"value\":\"sender-$s-0\{500\}\"" "$JL")"
done
pd_eq "every trap stored once" "$total" \
    "$("$A" -d "$DB" events --limit 100000 --json | grep -c '"id":')"
pd_eq "fleet state: one active alert per sender" "1 1
2 2
3 3
4 4" "$("$A" -d "$DB" --json | sed -n 's/^    "\(dev_index\|alert_index\)": \([0-9]*\),$/\2/p' | paste -d' ' - -)"
pd_eq "spool drained" "" "$(find "$PD_TMP/state/spool" -name 'T*')"

# storm control on (defaults: window 60 s, limit 20), identical traps
pd_stop_pid "$ta"
pd_stop_pid "$tb"
rm -f "$DB" "$DB-wal" "$DB-shm" "$JL"
pc=$(pd_free_port udp)
pt_trapd_conf "$PD_TMP/c.conf" "$pc" "$H" -s off
pd_start_snmptrapd "$PD_TMP/c.conf" "udp:127.0.0.1:$pc" || pd_die "snmptrapd C did not start"
pt_blast "$pc" "$PD_TMP/p1" 100 "$rate"
# the inform is answered once every earlier trap was handed over
snmpinform -v2c -c "$PT_COMMUNITY" -t 60 -r 0 "127.0.0.1:$pc" '' 1.3.6.1.4.1.8072.9999.4300.0.99 >/dev/null
pt_wait_lines "$JL" 21 30
count_all() {
    "$A" -d "$DB" events --limit 1000 --json |
        awk '/"repeats":/ { gsub(/[^0-9]/, ""); r += $0; n++ } END { print n, r }'
}
pd_wait_for 30 sh -c "[ \"\$(\"$A\" -d \"$DB\" events --limit 1000 --json | grep -c '\"id\":')\" -ge 21 ]"
sleep 0.5
pd_eq "storm: 20 logged + the inform" "21" "$(wc -l < "$JL")"
pd_eq "storm: 21 events stored, 80 repeats counted" "21 80" "$(count_all)"
pd_ok "storm: table shows the repeats" \
    sh -c "\"$A\" -d \"$DB\" events | grep -q '(+80 repeats until '"

pd_finish
