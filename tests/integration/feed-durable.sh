#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# feed-durable.sh: an `ok` on the feed means the change is on disk
# (printdevFeedSync yes, the default), dlmod and AgentX shapes.
# N state-changing commands are pipelined (each its own reply, so the
# agent group-commits several per read); the moment the last `ok` has been
# read the agent gets SIGKILL.  After a restart every acknowledged value
# must be there: tray, supply and output levels, billing counters, a raised
# alert under the prtAlertIndex its reply announced, and the next alert
# index continues after it (an index is never handed out twice).  A save
# that fails turns the replies of that read's changes into "error state not
# saved" (the changes stay applied and are saved by the next save).
# With printdevFeedSync no (saves coalesced to one a second) this test
# fails: FEED_DURABLE_SYNC=no shows it by hand.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/lib-agent.sh"
. "$top_srcdir/tests/integration/feed-lib.sh"

pd_init feed-durable
pa_init
pf_init
pa_need_shapes

SYNC=${FEED_DURABLE_SYNC:-yes}
PF_FEED_CONF="printdevFeedSync $SYNC"
PRT=.1.3.6.1.2.1.43
BILL=$PA_PDMIB.1.3.1.4.1.2.2.2   # printdevBillingImpressions.1.color.large.duplex
N=300

for shape in $PA_SHAPES; do
    pd_log "---- shape $shape (printdevFeedSync $SYNC)"
    PA_PORT=
    rm -rf "$PA_STATE" && mkdir -p "$PA_STATE" && chmod 0700 "$PA_STATE"
    pf_start "$shape" "$(pa_profile production)" || { pd_ok "$shape: agent starts" false; continue; }
    # a first save, so the kill below finds an older state file to fall back to
    pf_ctl -d prod-1 -q set input 2 level 1000 || pd_ok "$shape: first command" false
    bill0=$(pf_int "$PA_ADDR" "$BILL")
    [ -n "$bill0" ] || bill0=0

    # N commands, one reply each; the alert comes in the middle, the last
    # lines change levels and counters once more
    i=1
    while [ $i -le $N ]; do
        echo "count 3 color color size large sides duplex input 1 output 1"
        echo "set input 1 level $(( 1000 + i ))"
        echo "set supply 1 level $(( 20 + i % 70 ))"
        [ $i -eq $(( N / 2 )) ] && echo 'raise critical other group generalPrinter index 1 key 9191 "Durable alert"'
        i=$(( i + 1 ))
    done > "$PD_TMP/cmds"
    printf '%s\n' 'set output 2 remaining 123' 'set input 3 level 777' >> "$PD_TMP/cmds"
    pf_ctl -d prod-1 pipe < "$PD_TMP/cmds" > "$PD_TMP/replies" 2> "$PD_TMP/errors"
    rc=$?
    pf_kill9
    pd_eq "$shape: every pipelined command acknowledged" 0 $rc
    [ -s "$PD_TMP/errors" ] && sed 's/^/#   /' "$PD_TMP/errors" | head -n 5
    idx=$(sed -n 's/^alert \([0-9]*\) key 9191$/\1/p' "$PD_TMP/replies")
    pd_ok "$shape: raise replied with its prtAlertIndex ($idx)" test -n "$idx"
    [ -n "$idx" ] || idx=0
    exp_level=$(( 1000 + N ))
    exp_supply=$(( 20 + N % 70 ))
    exp_bill=$(( bill0 + 3 * N ))

    pf_restart || { pd_ok "$shape: agent restarts after SIGKILL" false; pf_stop; continue; }
    pd_eq "$shape: last acknowledged tray 1 level" "$exp_level" "$(pf_int "$PA_ADDR" $PRT.8.2.1.10.1.1)"
    pd_eq "$shape: last acknowledged supply 1 level" "$exp_supply" "$(pf_int "$PA_ADDR" $PRT.11.1.1.9.1.1)"
    pd_eq "$shape: last acknowledged output 2 remaining" 123 "$(pf_int "$PA_ADDR" $PRT.9.2.1.5.1.2)"
    pd_eq "$shape: last acknowledged tray 3 level" 777 "$(pf_int "$PA_ADDR" $PRT.8.2.1.10.1.3)"
    pd_eq "$shape: billing counter has every acknowledged count" "$exp_bill" "$(pf_int "$PA_ADDR" "$BILL")"
    desc=$(pa_get "$PA_ADDR" "$PRT.18.1.1.8.1.$idx")
    pd_ok "$shape: acknowledged alert kept its prtAlertIndex $idx" \
        sh -c "printf '%s' '$desc' | grep -q 'Durable alert'"
    next=$(pf_ctl -d prod-1 raise critical other group generalPrinter index 1 key 9292 '"After restart"' |
        sed -n 's/^alert \([0-9]*\) key 9292$/\1/p')
    pd_ok "$shape: next alert index continues after $idx (got ${next:-none})" \
        test -n "$next" -a "${next:-0}" -gt "$idx"
    pd_ok "$shape: the acknowledged alert still clears by key" pf_ctl -d prod-1 -q clear key 9191

    # a failing save: changes are answered "error state not saved", reads
    # are not; the change stays applied and is saved by the next save
    mkdir "$PA_STATE/prod-1.state.tmp"
    printf '%s\n' 'set input 4 level 11' 'get input 4' 'set input 5 level 12' |
        pf_ctl -d prod-1 pipe > "$PD_TMP/replies" 2> "$PD_TMP/errors"
    pd_eq "$shape: unsaved changes make printdevctl fail" 1 $?
    pd_eq "$shape: each unsaved change answered 'error state not saved'" 2 \
        "$(grep -c '^printdevctl: error state not saved: ' "$PD_TMP/errors")"
    pd_ok "$shape: the read in between answered normally" grep -q '^input index=4 .*level=11 ' "$PD_TMP/replies"
    pd_eq "$shape: unsaved change still applied in memory" 11 "$(pf_int "$PA_ADDR" $PRT.8.2.1.10.1.4)"
    rmdir "$PA_STATE/prod-1.state.tmp"
    pd_ok "$shape: next change saved again" pf_ctl -d prod-1 -q set input 3 level 778
    pd_ok "$shape: state file now holds the earlier unsaved change" \
        grep -q '^input.current_level 4 11$' "$PA_STATE/prod-1.state"
    pf_stop
done
pd_finish
