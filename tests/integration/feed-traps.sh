#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# feed-traps.sh: a condition reported on the feed becomes a printerV2Alert
# at a real snmptrapd through every kind of sink -- SNMPv1 trapsink,
# SNMPv2c trap2sink, informsink and an SNMPv3 authPriv trapsess -- in the
# dlmod shape and via printdevd (notifications go out through the master's
# sinks).  Also printdevFeedConnected / printdevFeedDisconnected.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/lib-agent.sh"
. "$top_srcdir/tests/integration/feed-lib.sh"

pd_init feed-traps
pa_init
pf_init
pa_need_shapes
[ -x "$SNMPTRAPD" ] || pd_skip "snmptrapd not installed"

ENGINE=0x80001f88047072746465767465737431   # the agent's engine ID for v3 traps
V3U=pdtrapuser
V3A=pdtrap-auth-secret
V3P=pdtrap-priv-secret
TPORT=$(pd_free_port udp)
TLOG="$PD_TMP/snmptrapd.log"

cat > "$PD_TMP/snmptrapd.conf" <<CONF
authCommunity log public
createUser -e $ENGINE $V3U SHA "$V3A" AES "$V3P"
authUser log $V3U priv
format1 V1 %P|%N|%w|%q|%v\n
format2 V2 %P|%v\n
CONF
pd_start_snmptrapd "$PD_TMP/snmptrapd.conf" "udp:127.0.0.1:$TPORT" -On -Lf "$TLOG" || pd_die "snmptrapd"

PF_EXTRA="trapsink 127.0.0.1:$TPORT public
trap2sink 127.0.0.1:$TPORT public
informsink 127.0.0.1:$TPORT public
trapsess -v 3 -e $ENGINE -u $V3U -l authPriv -a SHA -A $V3A -x AES -X $V3P 127.0.0.1:$TPORT"

V2ALERT=.1.3.6.1.2.1.43.18.2.0.1
CODE_JAM='\.1\.3\.6\.1\.2\.1\.43\.18\.1\.1\.7\.1\.[0-9]* = INTEGER: 8'

# seen KIND: one line of that kind carrying a jam printerV2Alert
seen() {
    case $1 in
        v1) grep -aE "^V1 TRAP, SNMP v1, community public\|\.1\.3\.6\.1\.2\.1\.43\.18\.2\|6\|\.?1\|.*$CODE_JAM" "$TLOG" ;;
        v2c) grep -aE "^V2 TRAP2, SNMP v2c, community public\|.*$V2ALERT.*$CODE_JAM" "$TLOG" ;;
        inform) grep -aE "^V2 INFORM, SNMP v2c, community public\|.*$V2ALERT.*$CODE_JAM" "$TLOG" ;;
        v3) grep -aE "^V2 TRAP2, SNMP v3, user $V3U.*\|.*$V2ALERT.*$CODE_JAM" "$TLOG" ;;
    esac >/dev/null
}

for shape in $PA_SHAPES; do
    pd_log "---- shape $shape"
    PA_PORT=
    rm -rf "$PA_STATE" && mkdir -p "$PA_STATE"
    : > "$TLOG.mark"
    pf_start "$shape" "$(pa_profile production)" || { pd_ok "$shape: agent starts" false; continue; }
    # wait until the start-up notifications are through, then start afresh
    pd_wait_for 10 grep -q 'coldStart\|\.1\.3\.6\.1\.6\.3\.1\.1\.5\.1' "$TLOG"
    sleep 1
    : > "$TLOG"

    pf_ctl -d prod-1 -q jam 1 location 3
    for kind in v1 v2c inform v3; do
        pd_ok "$shape: jam -> printerV2Alert via $kind" pd_wait_for 10 seen $kind
    done
    pd_ok "$shape: the v2c alert names device 1 and location 3" \
        grep -aEq "^V2 TRAP2, SNMP v2c.*\.1\.3\.6\.1\.2\.1\.43\.18\.1\.1\.6\.1\.[0-9]+ = INTEGER: 3" "$TLOG"

    # a controller connecting to the device, and leaving
    : > "$TLOG"
    "$PF_CTL" -s "$PF_SOCK" -d prod-1 watch > /dev/null 2>&1 &
    wpid=$!
    pd_track $wpid
    pd_ok "$shape: printdevFeedConnected with printdevDeviceName.1" pd_wait_for 10 \
        grep -aEq '^V2 TRAP2, SNMP v2c.*\.1\.3\.6\.1\.4\.1\.8072\.9999\.4300\.0\.1.*\.1\.3\.6\.1\.4\.1\.8072\.9999\.4300\.1\.2\.1\.1\.1 = STRING: "prod-1"' "$TLOG"
    pd_stop_pid $wpid
    pd_ok "$shape: printdevFeedDisconnected" pd_wait_for 10 \
        grep -aEq '^V2 TRAP2, SNMP v2c.*\.1\.3\.6\.1\.4\.1\.8072\.9999\.4300\.0\.2' "$TLOG"

    # a warning that is not critical still goes out (printdevNotify default)
    : > "$TLOG"
    pf_ctl -d prod-1 -q set input 2 level 0
    pd_ok "$shape: tray empty -> printerV2Alert code 808" pd_wait_for 10 \
        grep -aEq "^V2 TRAP2, SNMP v2c.*$V2ALERT.*43\.18\.1\.1\.7\.1\.[0-9]+ = INTEGER: 808" "$TLOG"
    pf_stop
done
pd_finish
