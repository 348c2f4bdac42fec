#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# agent-dlmod.sh: the printdev.so life cycle inside snmpd.
#   - UCD-DLMOD-MIB: dlmodStatus set to unload(5) -> status reads
#     unloaded(2), our tables are gone (noSuchObject), snmpd still answers;
#     set to load(4) -> loaded(1), the same content is back, including the
#     values written by SET before the unload (state restored);
#     twice, since a second cycle is where dangling registrations crash.
#   - SIGHUP (deinit + init of every module): same content afterwards,
#     same snmpd process, SET values kept; twice.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/lib-agent.sh"

pd_init agent-dlmod
pa_init
pa_need_module
prof=$(pa_fleet)
[ -n "$prof" ] || pd_skip "no profiles in conf/profiles"
G=$PA_PRTMIB.5.1.1
NSO="No Such Object available on this agent at this OID"

pa_start_dlmod "$prof" rw || pd_die "snmpd with printdev.so did not start"
a=$PA_ADDR
d=$(pa_devices "$a" | head -n 1); d=${d:-1}
pd_eq "SET prtGeneralCurrentOperator before the reloads" noError \
    "$(pa_set_status "$a" 2c "$PA_RW" $G.4.$d s "kept@example.org")"
pa_golden_walk "$a" > "$PD_TMP/ref.walk"
ix=$(pa_dlmod_index "$a" printdev)
pd_ok "dlmodTable has a row for printdev ($ix)" test -n "$ix"
ix=${ix:-1}
STATUS=$PA_DLMOD_ENTRY.5.$ix
pd_eq "dlmodStatus is loaded(1)" "INTEGER: 1" "$(pa_get "$a" $STATUS)"

gone() { [ "$(pa_get "$a" "$PA_AGENT_DEVICES")" = "$NSO" ]; }

for round in 1 2; do
    # SET errors are swallowed by UCD-DLMOD-MIB: read the status back.
    pa_set_status "$a" 2c "$PA_RW" $STATUS i 5 > /dev/null
    pd_eq "round $round: dlmodStatus unload(5) -> unloaded(2)" "INTEGER: 2" "$(pa_get "$a" $STATUS)"
    pd_ok "round $round: PRINTDEV-MIB gone after unload" pd_wait_for 5 gone
    pd_eq "round $round: prtGeneralPrinterName.$d gone after unload" "$NSO" "$(pa_get "$a" $G.16.$d)"
    hrt=$(pa_get "$a" .1.3.6.1.2.1.25.3.2.1.2.$d)
    pd_ok "round $round: hrDeviceType.$d is no longer a printer ($hrt)" test "$hrt" != "OID: .1.3.6.1.2.1.25.3.1.5"
    pd_ok "round $round: snmpd still answers" pd_snmp_ready "$a"
    pa_set_status "$a" 2c "$PA_RW" $STATUS i 4 > /dev/null
    pd_eq "round $round: dlmodStatus load(4) -> loaded(1)" "INTEGER: 1" "$(pa_get "$a" $STATUS)"
    if pa_wait_ready "$a" 10; then
        pa_golden_walk "$a" > "$PD_TMP/reload$round.walk"
        if cmp -s "$PD_TMP/ref.walk" "$PD_TMP/reload$round.walk"; then
            pd_ok "round $round: the same content is back after load (incl. the SET value)" true
        else
            pd_ok "round $round: the same content is back after load (incl. the SET value)" false
            diff "$PD_TMP/ref.walk" "$PD_TMP/reload$round.walk" | head -n 10 | sed 's/^/#   /'
        fi
    else
        pd_ok "round $round: printdev answers again after load" false
        grep -i 'printdev\|dlmod' "$PD_TMP/snmpd.log" | tail -n 10 | sed 's/^/#   /'
    fi
done

pid=$PD_SNMPD_PID
for round in 1 2; do
    kill -HUP "$pid"
    # The module is deinit'ed and init'ed inside snmpd's HUP handling; poll.
    pd_wait_for 10 pa_ready "$a"
    pa_golden_walk "$a" > "$PD_TMP/hup$round.walk"
    pd_ok "SIGHUP $round: snmpd still running (same pid)" kill -0 "$pid"
    pd_ok "SIGHUP $round: snmpd answers" pd_snmp_ready "$a"
    if cmp -s "$PD_TMP/ref.walk" "$PD_TMP/hup$round.walk"; then
        pd_ok "SIGHUP $round: same content afterwards (incl. the SET value)" true
    else
        pd_ok "SIGHUP $round: same content afterwards (incl. the SET value)" false
        diff "$PD_TMP/ref.walk" "$PD_TMP/hup$round.walk" | head -n 10 | sed 's/^/#   /'
    fi
done
pa_stop_status "$pid"
pd_eq "snmpd exits 0 on SIGTERM with printdev loaded" 0 "$PA_STATUS"

pd_finish
