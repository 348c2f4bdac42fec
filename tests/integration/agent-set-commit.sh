#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# agent-set-commit.sh: a SET response means what the feed's `ok` means,
# in both agent shapes (dlmod in snmpd, printdevd over AgentX):
#   1. a refused SET changes nothing: prtGeneralReset (powerCycleReset,
#      resetToFactoryDefaults) together with one bad varbind -- refused in
#      RESERVE1, or only when applied (ACTION), in the same table or in
#      another one -- leaves the whole walk of our subtrees as it was,
#      prtGeneralConfigChanges and printdevDeviceStateSaved included (no
#      reset ran, no undo counted a change);
#   2. a reset in a request that passes runs once, at the commit;
#   3. noError means saved: SIGKILL the process holding the state right
#      after each SET's response, ROUNDS times (default 30), and every
#      acknowledged value is back after the restart.
# The write community exists only in this test's private snmpd config.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/lib-agent.sh"

pd_init agent-set-commit
pa_init
pa_need_module
pa_need_shapes
ROUNDS=${SET_COMMIT_ROUNDS:-30}

G=$PA_PRTMIB.5.1.1                 # prtGeneralEntry
IN=$PA_PRTMIB.8.2.1                # prtInputEntry
ALERTS=$PA_PRTMIB.18.1.1.2         # prtAlertSeverityLevel
SAVED=$PA_PDMIB.1.2.1.5            # printdevDeviceStateSaved

setv() { pa_set_status "$PA_ADDR" 2c "$PA_RW" "$@"; }
val() { pa_get "$PA_ADDR" "$1"; }
n_alerts() { pa_walk "$PA_ADDR" "$ALERTS.$d" | grep -c ' = '; }
# the process that holds the state: snmpd (dlmod) or printdevd (AgentX)
holder_pid() { if [ "$shape" = agentx ]; then echo "$PA_SUB_PID"; else echo "$PD_SNMPD_PID"; fi; }
kill9() {
    local pid
    pid=$(holder_pid)
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    PD_PIDS=$(printf '%s\n' $PD_PIDS | grep -vx "$pid" | tr '\n' ' ')
}
restart() {
    if [ "$shape" = agentx ]; then
        pa_start_printdevd "$PA_SUBCONF"
    else
        pd_start_snmpd "$PA_CONF" "$PA_ADDR" && pa_wait_ready "$PA_ADDR"
    fi
}
# same_walk DESC: the walk now equals $PD_TMP/before
same_walk() {
    pa_golden_walk "$PA_ADDR" > "$PD_TMP/after"
    if cmp -s "$PD_TMP/before" "$PD_TMP/after"; then
        pd_ok "$shape: $1: walk unchanged" true
    else
        pd_ok "$shape: $1: walk unchanged" false
        diff "$PD_TMP/before" "$PD_TMP/after" | head -n 10 | sed 's/^/#   /'
    fi
}

for shape in $PA_SHAPES; do
    pd_log "---- shape $shape"
    rm -rf "$PA_STATE" && mkdir -m 0700 "$PA_STATE"
    if ! pa_start_shape "$shape" "$(pa_profile production)" rw; then
        pd_ok "$shape: agent starts" false
        continue
    fi
    d=$(pa_devices "$PA_ADDR" | head -n 1)
    d=${d:-1}

    # A device worth resetting: a configured name (resetToFactoryDefaults
    # would restore the profile's), alerts the rules raised (a reset clears
    # the table and re-raises them under new prtAlertIndex values), and
    # the marker's power-on count (a reset zeroes it).
    pd_eq "$shape: SET prtGeneralPrinterName" noError "$(setv $G.16.$d s "Configured name")"
    pd_eq "$shape: SET two trays empty (alerts)" noError "$(setv $IN.10.$d.1 i 0 $IN.10.$d.2 i 0)"
    alerts=$(n_alerts)
    pd_ok "$shape: the device has alerts ($alerts)" test "$alerts" -gt 0
    pa_golden_walk "$PA_ADDR" > "$PD_TMP/before"
    cc=$(val $G.1.$d)
    saved=$(val $SAVED.$d)
    pd_eq "$shape: state saved before the refused SETs" "INTEGER: 1" "$saved"

    # ---- 1. refused SETs change nothing ----
    pd_eq "$shape: reset(4) + bad enum (refused in RESERVE1)" wrongValue \
        "$(setv $G.3.$d i 4 $G.13.$d i 99)"
    same_walk "reset(4) + bad enum"
    pd_eq "$shape: reset(6) + inconsistent default index (refused in ACTION)" inconsistentValue \
        "$(setv $G.3.$d i 6 $G.6.$d i 65535)"
    same_walk "reset(6) + inconsistent index"
    pd_eq "$shape: reset(4) + operator + capacity below the level, other table (ACTION)" \
        inconsistentValue "$(setv $G.3.$d i 4 $G.4.$d s "nobody" $IN.9.$d.3 i 10 $IN.10.$d.3 i 20)"
    same_walk "reset(4) + values + refused capacity in prtInputTable"
    pd_eq "$shape: reset(6) + name + wrongLength" wrongLength \
        "$(setv $G.3.$d i 6 $G.16.$d s "x" $G.5.$d s "$(printf '%0200d' 0)")"
    same_walk "reset(6) + name + wrongLength"
    pd_eq "$shape: prtGeneralConfigChanges unchanged" "$cc" "$(val $G.1.$d)"
    pd_eq "$shape: printdevDeviceStateSaved unchanged" "$saved" "$(val $SAVED.$d)"
    pd_eq "$shape: alerts not cleared" "$alerts" "$(n_alerts)"

    # ---- 2. a passing reset runs once, at the commit ----
    pd_eq "$shape: reset(6) + operator in one passing SET" noError \
        "$(setv $G.3.$d i 6 $G.4.$d s "after reset")"
    pd_eq "$shape: factory name back after the reset" 'STRING: "prod-1"' "$(val $G.16.$d)"
    pd_eq "$shape: operator written in the same request stays" 'STRING: "after reset"' "$(val $G.4.$d)"
    pd_eq "$shape: prtMarkerPowerOnCount zeroed" "Counter32: 0" "$(val $PA_PRTMIB.10.2.1.5.$d.1)"
    pd_eq "$shape: prtGeneralReset reads notResetting(3)" "INTEGER: 3" "$(val $G.3.$d)"
    pd_eq "$shape: state saved after the reset" "INTEGER: 1" "$(val $SAVED.$d)"

    # ---- 3. noError means saved: kill -9 after every response ----
    lost=0 failed=0 i=1
    while [ $i -le "$ROUNDS" ]; do
        st=$(setv $G.4.$d s "op-$i" $IN.10.$d.4 i $(( 100 + i )))
        kill9
        if [ "$st" != noError ]; then
            failed=$(( failed + 1 ))
            pd_log "round $i: SET answered $st"
        fi
        if ! restart; then
            pd_ok "$shape: round $i: agent restarts after SIGKILL" false
            break
        fi
        got="$(val $G.4.$d) $(val $IN.10.$d.4)"
        if [ "$st" = noError ] && [ "$got" != "STRING: \"op-$i\" INTEGER: $(( 100 + i ))" ]; then
            lost=$(( lost + 1 ))
            pd_log "round $i: after the restart: $got"
        fi
        i=$(( i + 1 ))
    done
    pd_eq "$shape: $ROUNDS SETs answered noError" 0 "$failed"
    pd_eq "$shape: acknowledged SETs lost by kill -9 right after noError" 0 "$lost"

    [ -n "${PA_SUB_PID:-}" ] && pd_stop_pid "$PA_SUB_PID"
    PA_SUB_PID=
    pd_stop_pid "$PD_SNMPD_PID"
done

pd_finish
