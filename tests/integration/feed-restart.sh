#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# feed-restart.sh: durable state end to end, dlmod and AgentX shapes.
#  1. Live state from the feed (levels, sensors, jam, covers, counters,
#     console text, an explicitly raised alert) and a SET survive a clean
#     restart: the Printer MIB, hrPrinter row and billing counters walk the
#     same before and after, alert indexes included.
#  2. SIGKILL while printdev-sim drives the device at full speed: the agent
#     comes back without rejecting its state file (it is either the previous
#     or the new one, never a torn one), the stale socket is replaced, the
#     values served are exactly those in the state file, and counters are
#     not lost beyond the last second.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/lib-agent.sh"
. "$top_srcdir/tests/integration/feed-lib.sh"

pd_init feed-restart
pa_init
pf_init
pa_need_shapes

PRT=.1.3.6.1.2.1.43
OPERATOR=$PRT.5.1.1.4.1          # prtGeneralCurrentOperator.1
BILLING=$PA_PDMIB.1.3.1.4.1      # printdevBillingImpressions.1.*

agent_log() { if [ "$PF_SHAPE" = agentx ]; then echo "$PD_TMP/printdevd.log"; else echo "$PD_TMP/snmpd.log"; fi; }

# state file values vs. what SNMP serves, for every tray and supply level
levels_match() {
    local f="$PA_STATE/prod-1.state" k i v col bad=0
    for k in input.current_level:8.2.1.10 supply.level:11.1.1.9 output.remaining_capacity:9.2.1.5; do
        col=${k#*:}
        grep "^${k%%:*} " "$f" | while read -r _ i v; do
            got=$(pf_int "$PA_ADDR" "$PRT.$col.1.$i")
            if [ "$got" != "$v" ]; then echo "# ${k%%:*} $i: file $v, served $got"; exit 1; fi
        done || bad=1
    done
    return $bad
}

billing_sum() { pa_walk "$PA_ADDR" "$BILLING" | sed -n 's/.* = Counter64: //p' | awk '{s += $1} END {print s + 0}'; }

for shape in $PA_SHAPES; do
    pd_log "---- shape $shape"
    PA_PORT=
    rm -rf "$PA_STATE" && mkdir -p "$PA_STATE" && chmod 0700 "$PA_STATE"
    pf_start "$shape" "$(pa_profile production)" rw || { pd_ok "$shape: agent starts" false; continue; }

    # ---- 1. clean restart
    printf '%s\n' 'set input 1 level 321' 'set input 4 missing yes' 'set output 2 remaining 17' \
        'set supply 1 level 7' 'set cover 2 open' 'jam 2 location 6' 'status standby' 'service yes' \
        'count 123 color color size large sides duplex input 3 output 1' \
        'display 1 "Restart test"' \
        | pf_ctl -d prod-1 -q batch
    pd_eq "$shape: feed batch applied" 0 $?
    pf_ctl -d prod-1 -q raise critical other group generalPrinter index 1 key 4242 '"Fuser too hot"'
    pd_eq "$shape: alert raised" 0 $?
    pd_eq "$shape: SET prtGeneralCurrentOperator" noError \
        "$(pa_set_status "$PA_ADDR" 2c "$PA_RW" $OPERATOR s 'mailto:ops@example.org')"
    before=$(pf_snapshot)
    pd_ok "$shape: snapshot has the raised alert" sh -c "printf '%s' '$before' | grep -q 'Fuser too hot'"
    pf_stop
    pd_ok "$shape: state file written, mode 0600" test "$(stat -c %a "$PA_STATE/prod-1.state" 2>/dev/null)" = 600
    pd_ok "$shape: state file has its trailer" sh -c "tail -n 1 '$PA_STATE/prod-1.state' | grep -q '^end [0-9]* [0-9a-f]*\$'"
    pf_restart || { pd_ok "$shape: agent restarts" false; pf_stop; continue; }
    after=$(pf_snapshot)
    if [ "$before" = "$after" ]; then
        pd_ok "$shape: Printer MIB, hrPrinter and billing identical after restart ($(printf '%s\n' "$after" | wc -l) varbinds)" true
    else
        pd_ok "$shape: Printer MIB, hrPrinter and billing identical after restart" false
        printf '%s\n' "$before" > "$PD_TMP/before.walk"
        printf '%s\n' "$after" > "$PD_TMP/after.walk"
        diff "$PD_TMP/before.walk" "$PD_TMP/after.walk" | head -n 20 | sed 's/^/#   /'
    fi
    pd_ok "$shape: no state warning in the log" sh -c "! grep -a 'state not restored\|state partly restored' '$(agent_log)'"
    pf_ctl -d prod-1 -q clear key 4242
    pd_eq "$shape: restored raised alert still clears by key" 0 $?

    # ---- 2. SIGKILL under heavy feed traffic
    "$PF_SIM" -s "$PF_SOCK" -d prod-1 --fast --seed 7 --speed 20000 --rate 60 --jam-rate 0.001 \
        --refill-delay 5 --clear-delay 3 > "$PD_TMP/sim.out" 2>&1 &
    spid=$!
    pd_track $spid
    sleep 3
    before_kill=$(billing_sum)
    sleep 1.5
    pf_kill9
    pd_stop_pid $spid
    pd_ok "$shape: the stale socket file is still there after SIGKILL" test -S "$PF_SOCK"
    pf_restart || { pd_ok "$shape: agent restarts after SIGKILL" false; pf_stop; continue; }
    pd_ok "$shape: state file accepted after SIGKILL" sh -c "! grep -a 'state not restored' '$(agent_log)'"
    pd_ok "$shape: served levels equal the state file" levels_match
    after_kill=$(billing_sum)
    pd_ok "$shape: billing kept across SIGKILL ($before_kill before, $after_kill after)" \
        test "$after_kill" -ge "$before_kill"
    pd_ok "$shape: the restarted agent takes feed commands" pf_ctl -d prod-1 -q set input 1 level 5
    pf_stop
done
pd_finish
