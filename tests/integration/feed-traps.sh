#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# feed-traps.sh: a condition reported on the feed becomes a printerV2Alert
# at a real snmptrapd through every kind of sink -- SNMPv1 trapsink,
# SNMPv2c trap2sink, informsink and an SNMPv3 authPriv trapsess -- in the
# dlmod shape and via printdevd (notifications go out through the master's
# sinks).  Also printdevFeedConnected / printdevFeedDisconnected.  Every
# printerV2Alert carries, after the six mandatory varbinds, the row's
# prtAlertDescription and printdevDeviceName.d; the jam's companion
# "Operator intervention required" names generalPrinter, no group index;
# and the printer's own words reach the event printdev-traphandle writes
# (the shipped handler line and format, behind the same snmptrapd).
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

SHIPPED_TRAPD="$top_srcdir/conf/snmptrapd/printdev-snmptrapd.conf"
JL="$PD_TMP/trapstate/events.jsonl"
mkdir -p "$PD_TMP/trapstate"
cat > "$PD_TMP/snmptrapd.conf" <<CONF
authCommunity log,execute public
createUser -e $ENGINE $V3U SHA "$V3A" AES "$V3P"
authUser log,execute $V3U priv
format1 V1 %P|%N|%w|%q|%v\n
format2 V2 %P|%v\n
$(grep '^format execute ' "$SHIPPED_TRAPD")
traphandle default $top_builddir/printdev-traphandle -d $PD_TMP/trapstate/traps.db -j $JL
CONF
grep -q '^format execute PRINTDEV-TRAP' "$PD_TMP/snmptrapd.conf" || pd_die "shipped snmptrapd.conf: no format execute line"
pd_start_snmptrapd "$PD_TMP/snmptrapd.conf" "udp:127.0.0.1:$TPORT" -On -Lf "$TLOG" || pd_die "snmptrapd"

PF_EXTRA="trapsink 127.0.0.1:$TPORT public
trap2sink 127.0.0.1:$TPORT public
informsink 127.0.0.1:$TPORT public
trapsess -v 3 -e $ENGINE -u $V3U -l authPriv -a SHA -A $V3A -x AES -X $V3P 127.0.0.1:$TPORT"

V2ALERT=.1.3.6.1.2.1.43.18.2.0.1
CODE_JAM='\.1\.3\.6\.1\.2\.1\.43\.18\.1\.1\.7\.1\.[0-9]* = INTEGER: 8'
T=$(printf '\t')   # snmptrapd's %v separates varbinds by tabs
DESCR='\.1\.3\.6\.1\.2\.1\.43\.18\.1\.1\.8\.1\.[0-9]+ = STRING: '
DEVNAME='\.1\.3\.6\.1\.4\.1\.8072\.9999\.4300\.1\.2\.1\.1\.1 = STRING: '
A='\.1\.3\.6\.1\.2\.1\.43\.18\.1\.1'
OPER="$A\.4\.1\.[0-9]+ = INTEGER: 5${T}$A\.5\.1\.[0-9]+ = INTEGER: -1${T}$A\.6\.1\.[0-9]+ = INTEGER: -2${T}$A\.7\.1\.[0-9]+ = INTEGER: 1${T}$DESCR\"Operator intervention required\"${T}$DEVNAME\"prod-1\"\$"

# jl_event FILTER WORDS: a printdev-traphandle event (JSON Lines) matching
# FILTER whose text field holds WORDS
jl_event() {
    grep -a "$1" "$JL" 2>/dev/null | grep -aq "\"text\":\"[^\"]*$2"
}

# seen KIND: one line of that kind carrying a jam printerV2Alert (snmptrapd
# keeps writing at its old offset after `: > "$TLOG"`, so the first line
# after that starts with NULs: drop them)
seen() {
    tr -d '\000' < "$TLOG" > "$TLOG.seen"
    case $1 in
        v1) grep -aE "^V1 TRAP, SNMP v1, community public\|\.1\.3\.6\.1\.2\.1\.43\.18\.2\|6\|\.?1\|.*$CODE_JAM" "$TLOG.seen" ;;
        v2c) grep -aE "^V2 TRAP2, SNMP v2c, community public\|.*$V2ALERT.*$CODE_JAM" "$TLOG.seen" ;;
        inform) grep -aE "^V2 INFORM, SNMP v2c, community public\|.*$V2ALERT.*$CODE_JAM" "$TLOG.seen" ;;
        v3) grep -aE "^V2 TRAP2, SNMP v3, user $V3U.*\|.*$V2ALERT.*$CODE_JAM" "$TLOG.seen" ;;
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
    # the jam alert: code 8, then prtAlertDescription.1.a and printdevDeviceName.1 last
    pd_ok "$shape: the jam alert carries its text and the device name after the mandatory varbinds" \
        pd_wait_for 10 grep -aEq "^V2 TRAP2, SNMP v2c.*$CODE_JAM${T}$DESCR\"Paper jam in Simplex path\"${T}$DEVNAME\"prod-1\"\$" "$TLOG"
    # its companion: group generalPrinter(5), group index -1, code other(1)
    pd_ok "$shape: operator intervention: generalPrinter, group index -1, other, its text" \
        pd_wait_for 10 grep -aEq "^V2 TRAP2, SNMP v2c.*$V2ALERT.*$OPER" "$TLOG"
    pd_ok "$shape: no alert names group other(1)" \
        sh -c "! grep -aE '43\.18\.1\.1\.4\.1\.[0-9]+ = INTEGER: 1${T}' '$TLOG'"
    # through printdev-traphandle: the printer's words are in the event text
    pd_ok "$shape: traphandle event text has the jam's own words" \
        pd_wait_for 10 jl_event '"code":8,' 'Paper jam in Simplex path'
    pd_ok "$shape: traphandle event text has 'Operator intervention required' (generalPrinter, index -1)" \
        pd_wait_for 10 jl_event '"group":5,.*"group_index":-1,' 'Operator intervention required'
    pd_ok "$shape: no traphandle event reads 'other in other'" \
        sh -c "! grep -aq 'other in other' '$JL'"

    # a controller connecting to the device, and leaving (feed-sessions.sh
    # has which sessions count as controllers)
    : > "$TLOG"
    "$PF_CTL" -s "$PF_SOCK" -C press-1 -d prod-1 watch > /dev/null 2>&1 &
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
