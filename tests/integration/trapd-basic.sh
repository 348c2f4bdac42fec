#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# trapd-basic.sh: printdev-trapd with the SHIPPED trapd.conf and real
# senders (snmptrap / snmpinform; v1, v2c, v3 authPriv; traps and
# informs):
#   - as shipped nothing is accepted (counted as denied);
#   - after adding access lines and SIGHUP, every kind is received,
#     translated and stored; informs are answered; a wrong community, a
#     source outside the network, a wrong v3 key and a too low security
#     level are refused and counted;
#   - the engine ID survives a restart; udp and udp6 transports together;
#   - SIGTERM right after a burst of 3,000 traps commits all 3,000.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/trap-lib.sh"
. "$top_srcdir/tests/integration/trapd-lib.sh"
pd_init trapd-basic
command -v snmptrap >/dev/null || pd_skip "snmptrap not installed"
command -v sqlite3 >/dev/null || pd_skip "sqlite3 not installed"
command -v perl >/dev/null || pd_skip "perl not installed (the sender)"
[ -x "$TD_BIN" ] || pd_die "printdev-trapd not built"

port=$(pd_free_port udp)
CONF="$PD_TMP/trapd.conf"
DB="$PD_TMP/state/traps.db"
OUT="$PD_TMP/events.txt"
td_conf "$CONF" "$port"
td_start "$CONF" -s off -o > "$OUT" || pd_die "printdev-trapd did not start"

# ---- as shipped: nothing is accepted --------------------------------------
pt_printer_alert "$port" v2c 1 5 3 13 1 4001 8
pd_wait_for 10 sh -c "[ \"\$(awk '\$1==\"denied_community\"{print \$2}' '$PD_TMP/run/trapd.stats')\" = 1 ]"
pd_eq "shipped config: a v2c trap is denied and counted" "1" "$(td_stat denied_community)"
pd_eq "shipped config: nothing stored" "0" "$(td_events "$DB")"
pd_ok "shipped config: the log says nothing is accepted" \
    grep -q 'nothing is accepted' "$PD_TMP/trapd.log"

# ---- configure access, reload ----------------------------------------------
cat >> "$CONF" <<CONF
authCommunity log,execute $PT_COMMUNITY 127.0.0.0/8
authCommunity log other-net 192.0.2.0/24
authCommunity log $PT_COMMUNITY ::1/128
createUser -e $PT_ENGINE $PT_V3USER SHA "$PT_AUTHPASS" AES "$PT_PRIVPASS"
createUser $PT_V3USER SHA "$PT_AUTHPASS" AES "$PT_PRIVPASS"
createUser -e $PT_ENGINE authonly SHA "$PT_AUTHPASS"
authUser log,execute $PT_V3USER priv
authUser log authonly priv
CONF
kill -HUP "$TD_PID"
pd_wait_for 10 grep -q 'SIGHUP: reloading' "$PD_TMP/trapd.log"

pt_printer_alert "$port" v1 1 5 3 13 1 4001 8
pt_printer_alert "$port" v2c 1 6 3 6 2 -2 3
pt_printer_alert "$port" v3 2 1 5 11 1 -2 1104
pd_ok "v2c inform answered" pt_printer_alert "$port" inform 1 7 4 18 5 -2 1801
pd_ok "v3 authPriv inform answered" snmpinform -v3 -u "$PT_V3USER" -l authPriv -a SHA \
    -A "$PT_AUTHPASS" -x AES -X "$PT_PRIVPASS" -t 10 -r 0 "127.0.0.1:$port" '' \
    1.3.6.1.6.3.1.1.5.1
pd_wait_for 10 sh -c "[ \$(wc -l < '$OUT') -ge 5 ]"
exp="critical 127.0.0.1 [printer-alert] critical: jam in mediaPath 1 (location 4001) on 127.0.0.1 (source 127.0.0.1, trap 1.3.6.1.2.1.43.18.2.0.1)
critical 127.0.0.1 [printer-alert] critical: coverOpen in cover 2 on 127.0.0.1 (source 127.0.0.1, trap 1.3.6.1.2.1.43.18.2.0.1)
warning 127.0.0.1 [printer-alert] warningBinaryChangeEvent: markerTonerAlmostEmpty in markerSupplies 1 on 127.0.0.1 printer 2 (source 127.0.0.1, trap 1.3.6.1.2.1.43.18.2.0.1)
info 127.0.0.1 [printer-alert-cleared] cleared: jam in mediaPath 1 (location 4001) on 127.0.0.1 (alert 5) (source 127.0.0.1, trap 1.3.6.1.2.1.43.18.2.0.1)
notice 127.0.0.1 [generic] coldStart on 127.0.0.1 (source 127.0.0.1, trap 1.3.6.1.6.3.1.1.5.1)"
pd_eq "v1, v2c, v3 traps and v2c, v3 informs: one event each (shipped rules)" "$exp" "$(cat "$OUT")"
pd_eq "five events stored" "5" "$(td_events "$DB")"
pd_eq "versions and auth stored" "v1 $PT_COMMUNITY
v2c $PT_COMMUNITY
v3 $PT_V3USER
v2c $PT_COMMUNITY
v3 $PT_V3USER" "$(sqlite3 -separator ' ' "$DB" 'SELECT version, auth FROM events ORDER BY id')"

# ---- refused senders ---------------------------------------------------------
snmptrap -v2c -c wrong "127.0.0.1:$port" '' 1.3.6.1.6.3.1.1.5.1
snmptrap -v2c -c other-net "127.0.0.1:$port" '' 1.3.6.1.6.3.1.1.5.1
snmptrap -v3 -e "$PT_ENGINE" -u "$PT_V3USER" -l authPriv -a SHA -A "wrong-pass-1" -x AES \
    -X "$PT_PRIVPASS" "127.0.0.1:$port" '' 1.3.6.1.6.3.1.1.5.1
snmptrap -v3 -e "$PT_ENGINE" -u authonly -l authNoPriv -a SHA -A "$PT_AUTHPASS" \
    "127.0.0.1:$port" '' 1.3.6.1.6.3.1.1.5.1
pd_ok "wrong v2c inform not answered" sh -c "! snmpinform -v2c -c wrong -t 1 -r 0 127.0.0.1:$port '' 1.3.6.1.6.3.1.1.5.1 2>/dev/null"
pd_wait_for 10 sh -c "[ \"\$(awk '\$1==\"usm_wrong_digests\"{print \$2}' '$PD_TMP/run/trapd.stats')\" = 1 ] && [ \"\$(awk '\$1==\"denied_user\"{print \$2}' '$PD_TMP/run/trapd.stats')\" = 1 ] && [ \"\$(awk '\$1==\"denied_community\"{print \$2}' '$PD_TMP/run/trapd.stats')\" = 4 ]"
pd_eq "wrong community, wrong network, inform: denied_community" "4" "$(td_stat denied_community)"
pd_eq "user below its minimum level: denied_user" "1" "$(td_stat denied_user)"
pd_eq "wrong v3 key: usm_wrong_digests" "1" "$(td_stat usm_wrong_digests)"
pd_eq "refused senders: nothing more stored" "5" "$(td_events "$DB")"
pd_eq "informs_answered" "2" "$(td_stat informs_answered)"

# ---- engine ID persisted ------------------------------------------------------
eid=$(awk '$1 == "oldEngineID" { print $2 }' "$SNMP_PERSISTENT_DIR/printdev-trapd.conf")
pd_ok "engine ID stored at start" test -n "$eid"
pd_stop_pid "$TD_PID"
# restarted on two transports: IPv4 and IPv6 loopback
td_start "$CONF" -s off "udp:127.0.0.1:$port" "udp6:[::1]:$port" ||
    pd_die "printdev-trapd did not restart"
pd_eq "engine ID the same after a restart" "$eid" \
    "$(awk '$1 == "oldEngineID" { print $2 }' "$SNMP_PERSISTENT_DIR/printdev-trapd.conf")"
pd_ok "v3 inform after the restart answered" snmpinform -v3 -u "$PT_V3USER" -l authPriv -a SHA \
    -A "$PT_AUTHPASS" -x AES -X "$PT_PRIVPASS" -t 10 -r 0 "127.0.0.1:$port" '' \
    1.3.6.1.6.3.1.1.5.1

pd_ok "v2c trap over udp6" snmptrap -v2c -c "$PT_COMMUNITY" "udp6:[::1]:$port" '' \
    1.3.6.1.6.3.1.1.5.2
pd_wait_for 10 sh -c "[ \$(sqlite3 '$DB' 'SELECT count(*) FROM events') = 7 ]"
pd_eq "udp6: stored with its IPv6 source" "::1 warmStart on ::1" \
    "$(sqlite3 -separator ' ' "$DB" 'SELECT source, text FROM events ORDER BY id DESC LIMIT 1')"

# ---- SIGHUP during a burst: no queued trap lost --------------------------------
pt_trap_packet "$PD_TMP/linkdown.bin" -v2c -c "$PT_COMMUNITY" "127.0.0.1:$port" '' \
    1.3.6.1.6.3.1.1.5.3 1.3.6.1.2.1.2.2.1.1.8 i 8
pt_blast "$port" "$PD_TMP/linkdown.bin" 4000 8000 &
blaster=$!
for i in 1 2 3; do
    sleep 0.1
    kill -HUP "$TD_PID"
done
wait "$blaster"
pd_ok "inform after the reloads answered" snmpinform -v2c -c "$PT_COMMUNITY" -t 10 -r 0 \
    "127.0.0.1:$port" '' 1.3.6.1.6.3.1.1.5.1
# 7 before, 1 captured with the packet, 4,000, the inform
pd_eq "SIGHUP x3 during a 4,000-trap burst: every trap stored (rows + storm repeats)" "4009" \
    "$(sqlite3 "$DB" 'SELECT count(*) + coalesce(sum(repeats), 0) FROM events')"
pd_ok "the reloads happened" sh -c "[ \$(grep -c 'SIGHUP: reloading' '$PD_TMP/trapd.log') -ge 1 ]"

# ---- SIGTERM after a burst: everything queued is committed ----------------------
pt_trap_packet "$PD_TMP/linkup.bin" -v2c -c "$PT_COMMUNITY" "127.0.0.1:$port" '' \
    1.3.6.1.6.3.1.1.5.4 1.3.6.1.2.1.2.2.1.1.7 i 7
pt_blast "$port" "$PD_TMP/linkup.bin" 3000
kill -TERM "$TD_PID"
wait "$TD_PID" 2>/dev/null
rc=$?
PD_PIDS=""
pd_eq "SIGTERM: exit status 0" "0" "$rc"
# 4,009 before, the one snmptrap sent while its packet was captured, 3,000
pd_eq "SIGTERM after a 3,000-trap burst: all stored (storm control counts repeats)" "7010" \
    "$(sqlite3 "$DB" 'SELECT count(*) + coalesce(sum(repeats), 0) FROM events')"
pd_finish
