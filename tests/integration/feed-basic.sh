#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# feed-basic.sh: the feed socket end to end, in the dlmod shape (snmpd with
# printdev.so) and the AgentX shape (master snmpd + printdevd): a feed
# command is seen by the next SNMP GET; rules derive alerts and statuses;
# a batch with one bad command changes nothing; printdevctl's exit codes,
# JSON and escaping (C1 controls); watch events; printdevAgentFeedClients and
# printdevDeviceFeedConnected follow the clients; the socket's mode.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/lib-agent.sh"
. "$top_srcdir/tests/integration/feed-lib.sh"

pd_init feed-basic
pa_init
pf_init
pa_need_shapes

PRT=.1.3.6.1.2.1.43
LEVEL=$PRT.8.2.1.10.1        # prtInputCurrentLevel.1.N
INSTAT=$PRT.8.2.1.11.1       # prtInputStatus.1.N
COVER=$PRT.6.1.1.3.1         # prtCoverStatus.1.N
ALERTCODE=$PRT.18.1.1.7.1    # prtAlertCode.1.*
LIFE=$PRT.10.2.1.4.1.1       # prtMarkerLifeCount.1.1
DISPLAY=$PRT.16.5.1.2.1.2    # prtConsoleDisplayBufferText.1.2
HRPRT=.1.3.6.1.2.1.25.3.5.1.1.1   # hrPrinterStatus.1
CLIENTS=$PA_PDMIB.1.1.4.0    # printdevAgentFeedClients.0
LASTUPD=$PA_PDMIB.1.1.5.0    # printdevAgentLastUpdate.0
CONNECTED=$PA_PDMIB.1.2.1.3.1 # printdevDeviceFeedConnected.1
BILL=$PA_PDMIB.1.3.1.4.1.2.1.2  # printdevBillingImpressions.1.color.small.duplex

alert_codes() { pa_walk "$PA_ADDR" "$ALERTCODE" | sed -n 's/.* = INTEGER: //p' | sort -n | tr '\n' ' '; }

for shape in $PA_SHAPES; do
    pd_log "---- shape $shape"
    PA_PORT=
    rm -rf "$PA_STATE" && mkdir -p "$PA_STATE"
    pf_start "$shape" "$(pa_profile production)" || { pd_ok "$shape: agent with feed starts" false; continue; }

    pd_eq "$shape: socket mode 0600" 600 "$(stat -c %a "$PF_SOCK")"
    pd_eq "$shape: get devices" 'device index=1 name="prod-1"' "$(pf_ctl -q get devices)"

    # a feed command is visible to the very next GET
    pf_ctl -d prod-1 set input 2 level 0
    pd_eq "$shape: set exits 0" 0 $?
    pd_eq "$shape: prtInputCurrentLevel.1.2 after the feed" 0 "$(pf_int "$PA_ADDR" $LEVEL.2)"
    st=$(pf_int "$PA_ADDR" $INSTAT.2)
    pd_ok "$shape: prtInputStatus.1.2 shows the empty tray [$st]" test "${st:-0}" -ne 0
    codes=$(alert_codes)
    pd_ok "$shape: tray empty alert (808) in prtAlertTable [$codes]" \
        sh -c "printf '%s\n' '$codes' | grep -qw 808"

    # printdevctl exit codes
    pf_ctl -d prod-1 set input 2 level 99999 2>/dev/null
    pd_eq "$shape: error reply exits 1" 1 $?
    pd_eq "$shape: nothing changed by it" 0 "$(pf_int "$PA_ADDR" $LEVEL.2)"
    pf_ctl -d prod-1 2>/dev/null
    pd_eq "$shape: usage error exits 2" 2 $?
    "$PF_CTL" -s "$PD_TMP/no-such.sock" ping 2>/dev/null
    pd_eq "$shape: no socket exits 3" 3 $?
    pf_ctl -d nosuch get device 2>/dev/null
    pd_eq "$shape: unknown device exits 1" 1 $?

    # a batch is all or nothing
    printf 'set input 1 level 10\nset input 3 level 11\nset input 77 level 1\n' | pf_ctl -d prod-1 batch 2>/dev/null
    pd_eq "$shape: batch with a bad line exits 1" 1 $?
    pd_eq "$shape: ... and input 1 is untouched" 1500 "$(pf_int "$PA_ADDR" $LEVEL.1)"
    printf 'set input 1 level 10\nset input 3 level 11\nstatus printing\ncount 40 color color sides duplex input 1 output 1\n' \
        | pf_ctl -d prod-1 -q batch
    pd_eq "$shape: good batch exits 0" 0 $?
    pd_eq "$shape: batch applied: input 1 (10 - 20 sheets, stops at 0)" 0 "$(pf_int "$PA_ADDR" $LEVEL.1)"
    pd_eq "$shape: batch applied: input 3" 11 "$(pf_int "$PA_ADDR" $LEVEL.3)"
    pd_eq "$shape: batch applied: hrPrinterStatus printing(4)" 4 "$(pf_int "$PA_ADDR" $HRPRT)"
    pd_eq "$shape: billing color/small/duplex" 40 "$(pf_int "$PA_ADDR" $BILL)"
    pd_ok "$shape: prtMarkerLifeCount counts" test "$(pf_int "$PA_ADDR" $LIFE)" -ge 40

    # covers, display text, JSON
    pf_ctl -d prod-1 set cover 1 open
    pd_eq "$shape: prtCoverStatus.1.1 coverOpen(3)" 3 "$(pf_int "$PA_ADDR" $COVER.1)"
    pf_ctl -d prod-1 display 2 'Load A4 in tray 2'
    pd_eq "$shape: console text from the feed" 'STRING: "Load A4 in tray 2"' "$(pa_get "$PA_ADDR" $DISPLAY)"
    json=$(pf_ctl -d prod-1 --json get cover 1)
    pd_ok "$shape: JSON read [$json]" sh -c "printf '%s' '$json' | grep -q '\"record\":\"cover\",\"index\":1,.*\"status\":3'"
    # a C1 control (U+009B CSI) and a raw 0x9B in a text: printdevctl shows
    # them escaped (\xHH in text, \u00HH in JSON), never raw
    pf_ctl -d prod-1 display 2 "$(printf 'csi \302\233[2J raw \233[2J end')"
    pf_ctl -d prod-1 get display > "$PD_TMP/c1-display.txt"
    pf_ctl -d prod-1 --json get display > "$PD_TMP/c1-display.json"
    c1raw=$(printf '[\200-\237]')
    pd_eq "$shape: printdevctl text output: no raw C1 or 0x9B" 0 \
        "$(LC_ALL=C grep -c "$c1raw" "$PD_TMP/c1-display.txt")"
    pd_ok "$shape: printdevctl text output: escaped" \
        grep -qF 'csi \xc2\x9b[2J raw \x9b[2J end' "$PD_TMP/c1-display.txt"
    pd_eq "$shape: printdevctl JSON output: no raw C1 or 0x9B" 0 \
        "$(LC_ALL=C grep -c "$c1raw" "$PD_TMP/c1-display.json")"
    pd_ok "$shape: printdevctl JSON output: escaped" \
        grep -qF 'csi \u009b[2J raw \u009b[2J end' "$PD_TMP/c1-display.json"

    # clients, connection state, watch events
    "$PF_CTL" -s "$PF_SOCK" -d prod-1 watch > "$PD_TMP/watch.out" 2>&1 &
    wpid=$!
    pd_track $wpid
    pd_ok "$shape: printdevAgentFeedClients 1 while watching" pf_wait_int 10 "$PA_ADDR" $CLIENTS 1
    pd_eq "$shape: printdevDeviceFeedConnected.1 true(1)" 1 "$(pf_int "$PA_ADDR" $CONNECTED)"
    pd_ok "$shape: printdevAgentLastUpdate set" test "$(pa_get "$PA_ADDR" $LASTUPD | sed 's/.*(\([0-9]*\)).*/\1/')" -gt 0
    pf_ctl -d prod-1 jam 2 location 5
    pd_ok "$shape: watch sees the jam alert" pd_wait_for 10 grep -q 'event alert added device=1 .*code=8 code_name=jam' "$PD_TMP/watch.out"
    pf_ctl -d prod-1 clear jam 2
    pd_ok "$shape: watch sees it go" pd_wait_for 10 grep -q 'event alert removed device=1 .*code=8 ' "$PD_TMP/watch.out"
    pd_stop_pid $wpid
    pd_ok "$shape: printdevAgentFeedClients back to 0" pf_wait_int 10 "$PA_ADDR" $CLIENTS 0
    pd_eq "$shape: printdevDeviceFeedConnected.1 false(2)" 2 "$(pf_int "$PA_ADDR" $CONNECTED)"

    pf_stop
    pd_ok "$shape: socket removed at shutdown" test ! -e "$PF_SOCK"
done
pd_finish
