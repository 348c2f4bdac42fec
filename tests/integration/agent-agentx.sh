#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# agent-agentx.sh: printdevd as an AgentX subagent (RFC 2741) under a real
# master snmpd:
#   - after a master restart the subagent is back within its configured
#     ping interval (polled, with a deadline far below Net-SNMP's default
#     15 s reconnect), serving the same content, without having exited;
#   - a second printdevd with the same devices cannot take over: its
#     duplicate registration is visible (log or exit status) and the first
#     one keeps serving, also after the second one leaves;
#   - SIGTERM: clean exit, status 0, registrations gone from the master;
#   - started before its master (boot order), it registers once the master
#     comes up, within the ping interval;
#   - fatal start-up errors (missing profile, only invalid devices) exit
#     non-zero; with no device configured printdevd waits for devices
#     added over the feed.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/lib-agent.sh"

pd_init agent-agentx
pa_init
pa_need_daemon
prof=$(pa_fleet)
[ -n "$prof" ] || pd_skip "no profiles in conf/profiles"
PING=1          # seconds; printdevd -I
DEADLINE=10     # < Net-SNMP's default 15 s, 10x the typical reconnect

now_ms() { date +%s%3N; }
alive() { kill -0 "$1" 2>/dev/null; }

PA_PORT=$(pd_free_port udp)
pa_start_master || pd_die "master snmpd did not start"
PA_SUBCONF="$PD_TMP/printdevd.conf"
pa_conf_sub "$PA_SUBCONF" "$prof"
pa_start_printdevd "$PA_SUBCONF" -I "$PING" || { pd_ok "printdevd starts and registers" false; pd_finish; }
pd_ok "printdevd starts and registers" true
sub=$PA_SUB_PID
pa_golden_walk "$PA_ADDR" > "$PD_TMP/before.walk"
pd_ok "walk through the master is not empty" grep -q "^$PA_PRTMIB" "$PD_TMP/before.walk"

# ---- master restart ----
pd_stop_pid "$PD_SNMPD_PID"
pd_ok "master stopped, printdevd keeps running" alive "$sub"
"$SNMPD" -f -C -c "$PA_CONF" -Lf "$PD_TMP/snmpd.log" -p "$PD_TMP/snmpd.pid" "$PA_ADDR" &
PD_SNMPD_PID=$!
pd_track "$PD_SNMPD_PID"
t0=$(now_ms)
pd_wait_for 15 pd_snmp_ready "$PA_ADDR"
t1=$(now_ms)
if pa_wait_ready "$PA_ADDR" "$DEADLINE"; then
    t2=$(now_ms)
    pd_ok "printdevd re-registered $(( (t2 - t1) ))ms after the new master answered (ping interval ${PING}s, deadline ${DEADLINE}s)" true
else
    pd_ok "printdevd re-registered within ${DEADLINE}s of the master restart (ping interval ${PING}s)" false
    pa_show_log "$PD_TMP/printdevd.log"
fi
pd_log "master up after $(( t1 - t0 ))ms"
pd_ok "printdevd did not exit during the master restart" alive "$sub"
pa_golden_walk "$PA_ADDR" > "$PD_TMP/after.walk"
pd_ok "same content after the reconnect" cmp -s "$PD_TMP/before.walk" "$PD_TMP/after.walk"

# ---- duplicate registration ----
mkdir -m 0700 "$PD_TMP/state2"
pa_conf_sub "$PD_TMP/printdevd2.conf" "$prof" "$PD_TMP/state2"
"$PA_DAEMON" -f -x "$PA_SOCK" -C -c "$PD_TMP/printdevd2.conf" -Lf "$PD_TMP/printdevd2.log" \
    -p "$PD_TMP/printdevd2.pid" -I "$PING" &
sub2=$!
pd_track "$sub2"
dup_seen() {
    ! alive "$sub2" || grep -Eqi 'duplicate|regist[a-z]* (pdu )?fail|fail[a-z]* to regist|263' "$PD_TMP/printdevd2.log"
}
pd_ok "a second printdevd with the same devices reports the duplicate registration" pd_wait_for 10 dup_seen
if alive "$sub2"; then
    pd_log "second printdevd still running; log:"
    sed 's/^/#   /' "$PD_TMP/printdevd2.log" | tail -n 5
else
    wait "$sub2"; rc=$?
    pd_ok "... and exited with an error status, not a signal ($rc)" test "$rc" -ge 1 -a "$rc" -lt 128
fi
pa_golden_walk "$PA_ADDR" > "$PD_TMP/dup.walk"
pd_ok "the first printdevd still serves the same content" cmp -s "$PD_TMP/before.walk" "$PD_TMP/dup.walk"
alive "$sub2" && pd_stop_pid "$sub2"
pa_golden_walk "$PA_ADDR" > "$PD_TMP/dup2.walk"
pd_ok "... also after the second one is gone" cmp -s "$PD_TMP/before.walk" "$PD_TMP/dup2.walk"

# ---- SIGTERM ----
pa_stop_status "$sub"
pd_eq "printdevd exits 0 on SIGTERM" 0 "$PA_STATUS"
pd_eq "its objects are gone from the master" "No Such Object available on this agent at this OID" \
    "$(pa_get "$PA_ADDR" "$PA_AGENT_DEVICES")"
pd_ok "printdevd removed its pid file" test ! -e "$PD_TMP/printdevd.pid"

# ---- fatal start-up errors ----
# fatal NAME PROFILE-PATH: printdevd must exit non-zero by itself.
fatal() {
    local name=$1 p=$2 pid
    pa_conf_sub "$PD_TMP/fatal-$name.conf" "$p" "$PD_TMP/state2"
    "$PA_DAEMON" -f -x "$PA_SOCK" -C -c "$PD_TMP/fatal-$name.conf" -Lf "$PD_TMP/fatal-$name.log" \
        -p "$PD_TMP/fatal-$name.pid" -I "$PING" > "$PD_TMP/fatal-$name.out" 2>&1 &
    pid=$!
    pd_track "$pid"
    pa_wait_exit "$pid" 15
    # Non-zero, but by exit(), not by a signal (128+N is a crash).
    case $PA_STATUS in
        running) pd_ok "$name: printdevd exits by itself" false; pd_stop_pid "$pid" ;;
        *) pd_ok "$name: printdevd exits with an error status, not a signal ($PA_STATUS)" \
               test "$PA_STATUS" -ge 1 -a "$PA_STATUS" -lt 128 ;;
    esac
    pd_ok "$name: the reason is logged" grep -q . "$PD_TMP/fatal-$name.log" "$PD_TMP/fatal-$name.out"
}
fatal "missing profile" "$PD_TMP/no-such-profile.conf"
pd_ok "missing profile: the log names the file" grep -q "no-such-profile.conf" \
    "$PD_TMP/fatal-missing profile.log" "$PD_TMP/fatal-missing profile.out"
printf 'printdevDevice 0 broken\n' > "$PD_TMP/broken.conf"
fatal "only an invalid device" "$PD_TMP/broken.conf"

# ---- no device configured: printdevd waits for devices over the feed ----
printf '# no devices at all\n' > "$PD_TMP/empty.conf"
mkdir -m 0700 "$PD_TMP/state3"
pa_conf_sub "$PD_TMP/empty-d.conf" "$PD_TMP/empty.conf" "$PD_TMP/state3"
echo "printdevFeedSocket $PD_TMP/empty-feed.sock" >> "$PD_TMP/empty-d.conf"
"$PA_DAEMON" -f -x "$PA_SOCK" -C -c "$PD_TMP/empty-d.conf" -Lf "$PD_TMP/empty-d.log" \
    -p "$PD_TMP/empty-d.pid" -I "$PING" > "$PD_TMP/empty-d.out" 2>&1 &
sub3=$!
pd_track "$sub3"
pd_ok "no device configured: printdevd waits for devices added over the feed" \
    pd_wait_for 15 grep -q 'waiting for devices added over the feed' "$PD_TMP/empty-d.log"
pd_ok "... and keeps running" alive "$sub3"
ctl="$top_builddir/printdevctl"
printf '%s\n' 'device add lab-1 identity=urn:uuid:lab-1' 'printdevDescr "Lab printer"' \
    'printdevLocalization 1 language en country US charset csUTF8' \
    'printdevMarker 1 tech electrophotographicLaser counterUnit impressions' \
    'printdevInput 1 type sheetFeedAutoRemovableTray name "Tray 1" unit sheets max 250 level 100' \
    'printdevOutput 1 type removableBin name "Out" unit sheets max 100 remaining 100' \
    'printdevMediaPath 1 type longEdgeBindingDuplex description "Path"' \
    'printdevChannel 1 type chIPP state printDataAccepted information "IPP"' \
    'printdevInterpreter 1 family langPS description "PostScript"' > "$PD_TMP/lab.batch"
if [ -x "$ctl" ]; then
    pd_ok "... a device added over the feed" sh -c "'$ctl' -s '$PD_TMP/empty-feed.sock' -t 10 batch < '$PD_TMP/lab.batch'"
    lab_served() { pa_get "$PA_ADDR" .1.3.6.1.2.1.25.3.2.1.3.1 | grep -q 'Lab printer'; }
    pd_ok "... is served by the master as hrDeviceIndex 1" pd_wait_for 15 lab_served
fi
pd_stop_pid "$sub3"
pd_ok "the master is still answering" pd_snmp_ready "$PA_ADDR"

# ---- subagent first, master later ----
pd_stop_pid "$PD_SNMPD_PID"
rm -f "$PD_TMP/printdevd.pid"
"$PA_DAEMON" -f -x "$PA_SOCK" -C -c "$PA_SUBCONF" -Lf "$PD_TMP/printdevd-early.log" \
    -p "$PD_TMP/printdevd-early.pid" -I "$PING" &
early=$!
pd_track "$early"
pd_wait_for 15 test -s "$PD_TMP/printdevd-early.pid"
pd_ok "printdevd started without a master keeps running" alive "$early"
"$SNMPD" -f -C -c "$PA_CONF" -Lf "$PD_TMP/snmpd.log" -p "$PD_TMP/snmpd.pid" "$PA_ADDR" &
PD_SNMPD_PID=$!
pd_track "$PD_SNMPD_PID"
pd_wait_for 15 pd_snmp_ready "$PA_ADDR"
pd_ok "... and registers within ${DEADLINE}s once the master is up" pa_wait_ready "$PA_ADDR" "$DEADLINE"
pa_golden_walk "$PA_ADDR" > "$PD_TMP/early.walk"
pd_ok "... serving the same content" cmp -s "$PD_TMP/before.walk" "$PD_TMP/early.walk"
pa_stop_status "$early"
pd_eq "... and exits 0 on SIGTERM" 0 "$PA_STATUS"

pd_finish
