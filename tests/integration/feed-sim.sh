#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# feed-sim.sh: printdev-sim against a real agent (dlmod shape): two runs with
# the same seed from the same starting state produce the same totals and
# leave the device in the same state; the workload is realistic enough to
# print, fill counters, empty trays and jam; usage errors exit 2 and a
# missing socket exits 3.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/lib-agent.sh"
. "$top_srcdir/tests/integration/feed-lib.sh"

pd_init feed-sim
pa_init
pf_init
pa_need_module

SIMOPTS="--seed 11 --duration 7200 --fast --speed 400 --rate 4 --jam-rate 0.002 --refill-delay 120"

# one run from a fresh state: totals and the device afterwards
run() {
    rm -rf "$PA_STATE" && mkdir -p "$PA_STATE"
    PA_PORT=
    pf_start dlmod "$(pa_profile production)" || return 1
    "$PF_SIM" -s "$PF_SOCK" -d prod-1 $SIMOPTS > "$PD_TMP/sim.$1" 2> "$PD_TMP/sim.$1.err"
    echo "$?" > "$PD_TMP/sim.$1.rc"
    # generation and alert times depend on nothing random, but on rules
    # runs; compare what a manager sees
    pf_ctl -d prod-1 get all | sed -e 's/ generation=[0-9]*//' -e 's/ time=[0-9]*//' > "$PD_TMP/after.$1"
    pf_stop
}

run 1 || pd_die "agent did not start"
run 2 || pd_die "agent did not start"
pd_eq "sim exits 0" "0 0" "$(cat "$PD_TMP/sim.1.rc") $(cat "$PD_TMP/sim.2.rc")"
pd_ok "same seed, same totals" cmp -s "$PD_TMP/sim.1" "$PD_TMP/sim.2"
pd_ok "same seed, same device state" cmp -s "$PD_TMP/after.1" "$PD_TMP/after.2"
sed 's/^/# /' "$PD_TMP/sim.1"
pages=$(sed -n 's/^prod-1: .* jobs, \([0-9]*\) pages, \([0-9]*\) jams, \([0-9]*\) tray refills.*/\1/p' "$PD_TMP/sim.1")
jams=$(sed -n 's/^prod-1: .* pages, \([0-9]*\) jams,.*/\1/p' "$PD_TMP/sim.1")
refills=$(sed -n 's/^prod-1: .* jams, \([0-9]*\) tray refills.*/\1/p' "$PD_TMP/sim.1")
pd_ok "it printed ($pages pages)" test "${pages:-0}" -gt 1000
pd_ok "it jammed ($jams)" test "${jams:-0}" -gt 0
pd_ok "trays ran empty and were refilled ($refills)" test "${refills:-0}" -gt 0
billing=$(grep '^billing ' "$PD_TMP/after.1" | sed 's/.*impressions=//' | awk '{s += $1} END {print s + 0}')
pd_eq "billing counters add up to the pages printed" "$pages" "$billing"
pd_ok "no errors reported by the agent" sh -c "grep -q '^commands [0-9]*, errors 0\$' '$PD_TMP/sim.1'"

"$PF_SIM" -s "$PF_SOCK" 2>/dev/null
pd_eq "no device: usage error 2" 2 $?
"$PF_SIM" -s "$PF_SOCK" -d prod-1 --rate lots 2>/dev/null
pd_eq "bad option value: usage error 2" 2 $?
"$PF_SIM" -s "$PD_TMP/none.sock" -d prod-1 --duration 1 --fast 2>/dev/null
pd_eq "no socket: exit 3" 3 $?
pd_finish
