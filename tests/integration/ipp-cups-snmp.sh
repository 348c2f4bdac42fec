#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# ipp-cups-snmp.sh: CUPS reads printdev-ipp's mirror of a CUPS queue back
# over SNMP, through CUPS's own unmodified backends, the mirrored device
# read alone in its own SNMP context (a community mapped to it):
#  - the `snmp` discovery backend lists the mirrored printer once, as a
#    `network` line with the queue's URI, its make and model and IEEE 1284
#    device id (from the queue's PPD *1284DeviceID) and its
#    printer-location (sysLocation in the context);
#  - the `socket` backend with a PPD saying `*cupsSNMPSupplies: True` (CUPS's
#    supply reader) reports the queue's toner levels as marker-levels, and a
#    low toner reported by the queue's backend as toner-low-report.
# Queue names longer than an SNMP context name (32 octets): the device is
# added in the context of its first 32 octets and read there; for a second
# queue whose name has the same first 32 octets the agent refuses that
# context (taken), printdev-ipp logs the feed's error and adds the device in
# its fallback context (the name's first 23 octets, '-', 8 hex digits of a
# hash of the name: printdev-ipp(8)), where it is read; a restart of
# printdev-ipp keeps both devices, indexes and contexts.
# CUPS always asks UDP port 161, so the whole test runs in a private network
# namespace (loopback only): the private cupsd (a free port), printdev-ipp,
# the agent (printdev.so in snmpd on 127.0.0.1:161, or printdevd) and a TCP sink playing
# the printer's port 9100 all run there and are stopped by pid.
# ipp-cups-snmp-agentx.sh runs the same test with printdevd under an AgentX
# master (PI_SHAPE=agentx).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/lib-agent.sh"
. "$top_srcdir/tests/integration/feed-lib.sh"
. "$top_srcdir/tests/integration/client-lib.sh"
. "$top_srcdir/tests/integration/ipp-lib.sh"

PI_SHAPE=${PI_SHAPE:-dlmod}
pc_netns_enter "$@"
[ "$PI_SHAPE" = dlmod ] && pd_init ipp-cups-snmp || pd_init "ipp-cups-snmp-$PI_SHAPE"
pa_init
pf_init
case $PI_SHAPE in
    dlmod) pa_need_module ;;
    agentx) pa_need_daemon ;;
    *) pd_die "unknown shape $PI_SHAPE" ;;
esac
pi_init

CUPS_BACKEND_DIR=
for d in "${PC_CUPS_BACKENDS:-}" /usr/lib/cups/backend /usr/lib/cups/backend-available; do
    [ -n "$d" ] && [ -x "$d/snmp" ] && [ -x "$d/socket" ] && { CUPS_BACKEND_DIR=$d; break; }
done
[ -n "$CUPS_BACKEND_DIR" ] || pd_skip "CUPS snmp/socket backends not found (Debian package cups; or set PC_CUPS_BACKENDS)"

SYS=.1.3.6.1.2.1.1
IEEE="MFG:Printdev;MDL:Mirror Test 7;CMD:PS,PCL;CLS:PRINTER;"
LOCATION="Room 101, second floor"
# two queue names of 36 octets with the same first 32
LONG_A=mirrored-queue-with-a-long-name-A-01
LONG_B=mirrored-queue-with-a-long-name-B-01
CTX=$(printf '%.32s' "$LONG_A")
[ "$CTX" = "$(printf '%.32s' "$LONG_B")" ] && [ ${#LONG_A} -gt 32 ] || pd_die "test names"
# alt_context NAME: the fallback context printdev-ipp(8) documents
alt_context() {
    python3 -c '
import sys
n = sys.argv[1].encode()
h = 2166136261
for c in n:
    h = ((h ^ c) * 16777619) & 0xffffffff
print("%s-%08x" % (n[:23].decode(), h))' "$1"
}
ALT_A=$(alt_context "$LONG_A")
ALT_B=$(alt_context "$LONG_B")

# The queue's PPD (make and model, device id) is also the PPD the socket
# backend reads *cupsSNMPSupplies from.
cat > "$PD_TMP/mirror.ppd" <<EOF
*PPD-Adobe: "4.3"
*FormatVersion: "4.3"
*FileVersion: "1.0"
*LanguageVersion: English
*LanguageEncoding: ISOLatin1
*PCFileName: "PDMIRROR.PPD"
*Manufacturer: "Printdev"
*Product: "(Mirror Test 7)"
*ModelName: "Printdev Mirror Test 7"
*ShortNickName: "Printdev Mirror Test 7"
*NickName: "Printdev Mirror Test 7"
*1284DeviceID: "$IEEE"
*PSVersion: "(3010.000) 0"
*LanguageLevel: "3"
*ColorDevice: True
*DefaultColorSpace: RGB
*FileSystem: False
*Throughput: "1"
*LandscapeOrientation: Plus90
*TTRasterizer: Type42
*cupsSNMPSupplies: True
*OpenUI *PageSize/Media Size: PickOne
*OrderDependency: 10 AnySetup *PageSize
*DefaultPageSize: A4
*PageSize A4/A4: "<</PageSize[595 842]>>setpagedevice"
*CloseUI: *PageSize
*OpenUI *PageRegion/Media Size: PickOne
*OrderDependency: 10 AnySetup *PageRegion
*DefaultPageRegion: A4
*PageRegion A4/A4: "<</PageSize[595 842]>>setpagedevice"
*CloseUI: *PageRegion
*DefaultImageableArea: A4
*ImageableArea A4/A4: "0 0 595 842"
*DefaultPaperDimension: A4
*PaperDimension A4/A4: "595 842"
*DefaultFont: Courier
*Font Courier: Standard "(001.004)" Standard ROM
EOF

# raw_job QUEUE LINE...: a job the test backend reports line by line (raw:
# the queue has a PPD, no filter may touch it)
raw_job() {
    local q=$1 f
    shift
    f=$(mktemp "$PD_TMP/job.XXXXXX")
    printf '%s\n' "$@" > "$f"
    lp -h "$PI_CUPS" -d "$q" -o raw "$f" >/dev/null
}
levels_are() { [ "$(pi_attr "$1" marker-levels)" = "$2" ]; }
mirror_added() { grep -q "^printdev-ipp: $1: device [0-9]* (identity " "$PD_TMP/printdev-ipp.log"; }
mirror_index() { sed -n "s/^printdev-ipp: $1: device \([0-9]*\) (identity .*/\1/p" "$PD_TMP/printdev-ipp.log" | tail -n 1; }

pi_start_cupsd qm "$LONG_A" "$LONG_B" || pd_die "cupsd"
lpadmin -h "$PI_CUPS" -p qm -P "$PD_TMP/mirror.ppd" -L "$LOCATION" -E 2> "$PD_TMP/lpadmin.err" ||
    { sed 's/^/#   /' "$PD_TMP/lpadmin.err"; pd_die "lpadmin -P"; }
pd_eq "cupsd: the queue's printer-device-id from its PPD" "$IEEE" "$(pi_attr qm printer-device-id)"
raw_job qm 'ATTR: marker-names=Black\ Toner,Cyan\ Toner marker-types=toner,toner marker-colors=#000000,#00FFFF marker-levels=80,70 marker-low-levels=10,10 marker-high-levels=100,100'
pd_ok "cupsd: the backend's marker-levels reach the queue" pd_wait_for 20 levels_are qm 80,70
raw_job "$LONG_A" 'ATTR: marker-names=Black marker-types=toner marker-colors=#000000 marker-levels=33 marker-low-levels=10 marker-high-levels=100'
raw_job "$LONG_B" 'ATTR: marker-names=Black marker-types=toner marker-colors=#000000 marker-levels=44 marker-low-levels=10 marker-high-levels=100'
pd_ok "  ... and those of the two long queues" pd_wait_for 20 sh -c "[ \"\$(ipptool -tv 'ipp://$PI_CUPS/printers/$LONG_A' get-printer-attributes.test | grep -c 'marker-levels (integer) = 33')\$(ipptool -tv 'ipp://$PI_CUPS/printers/$LONG_B' get-printer-attributes.test | grep -c 'marker-levels (integer) = 44')\" = 11 ]"

# --profile (the hand-profile option) gives the second long name its
# fallback context as well
{
    echo "printdevIppCupsServer $PI_CUPS"
} > "$PD_TMP/profile.conf"
"$PI_IPP" -c "$PD_TMP/profile.conf" --profile -o "$PD_TMP/all.conf" 2> "$PD_TMP/profile.err"
pd_eq "--profile: contexts of the long names (cupsd's order)" "printdevSystem context $CTX location \"Test lab $LONG_A\"
printdevSystem context $ALT_B location \"Test lab $LONG_B\"" "$(grep '^printdevSystem context' "$PD_TMP/all.conf")"

# the agent on 127.0.0.1:161 of the namespace with one unrelated profile
# device (office-1: printdevd does not start without a device); a
# community per context the test reads
PA_PORT=161
PF_EXTRA="$(pi_ctx_conf qm "$CTX" "$ALT_A" "$ALT_B")"
pf_start "$PI_SHAPE" "$(pa_profile office)" || pd_die "agent ($PI_SHAPE) on 127.0.0.1:161"

# printdev-ipp: every queue of the cupsd, subscriptions (the poll interval
# is too long to matter)
{
    echo "printdevIppFeedSocket $PF_SOCK"
    echo "printdevIppCupsServer $PI_CUPS"
    echo "printdevIppPollInterval 60"
} > "$PD_TMP/ipp.conf"
pi_start_mirror "$PD_TMP/ipp.conf"
pd_ok "printdev-ipp adds qm" pd_wait_for 15 mirror_added qm
IDX=$(mirror_index qm)
pd_ok "  ... its context answers" pd_wait_for 10 pi_ctx_ready qm
pd_ok "  ... with the queue's levels (80 %)" \
    pd_wait_for 15 sh -c "[ \"\$(snmpget -v2c -c $(pi_ctx_community qm) -Oqv 127.0.0.1 .1.3.6.1.2.1.43.11.1.1.9.1.1)\" = 80 ]"
pi_ctx_check "context qm: its rows at index $IDX" qm "$IDX"
pd_eq "context qm: sysLocation" "$LOCATION" "$(pi_ctx_str qm $SYS.6.0)"
pd_eq "context qm: sysDescr from the device id" "Printdev Mirror Test 7" "$(pi_ctx_str qm $SYS.1.0)"

# ---- CUPS reads it back: the snmp discovery backend
mkdir -p "$PD_TMP/cups-client"
# cups_conf RUN: CUPS's snmp.conf (community mapped to qm's context) and a
# fresh cache directory (the supply reader caches per address)
cups_conf() {
    mkdir -p "$PD_TMP/cups-client/$1/cache"
    printf 'Address 127.0.0.1\nCommunity %s\n' "$(pi_ctx_community qm)" > "$PD_TMP/cups-client/$1/snmp.conf"
}
cups_discover() {
    local dir="$PD_TMP/cups-client/$1"
    CUPS_SERVERROOT=$dir CUPS_CACHEDIR=$dir/cache CUPS_MAX_RUN_TIME=5 \
        pc_timeout 30 "$CUPS_BACKEND_DIR/snmp" 127.0.0.1 > "$dir/discover.out" 2> "$dir/discover.err"
}
cups_print() {
    local dir="$PD_TMP/cups-client/$1"
    env -i PATH="$PATH" CUPS_SERVERROOT="$dir" CUPS_CACHEDIR="$dir/cache" \
        DEVICE_URI="socket://127.0.0.1:9100" PPD="$PD_TMP/mirror.ppd" \
        CONTENT_TYPE=application/vnd.cups-raw FINAL_CONTENT_TYPE=application/vnd.cups-raw \
        PRINTER=printdev-mirror TMPDIR="$PD_TMP" \
        timeout -k 5 60 "$CUPS_BACKEND_DIR/socket" 1 tester job 1 "" "$PD_TMP/job.txt" \
        > "$dir/print.out" 2> "$dir/print.err"
}
cups_attr() { sed -n "s/^ATTR: $2=//p" "$1" | tail -n 1; }
cups_has_state() { grep -q "^STATE: +$2\$" "$1"; }

cups_conf discover
cups_discover discover
pd_eq "snmp backend exits 0" 0 "$?"
out="$PD_TMP/cups-client/discover/discover.out"
pd_eq "snmp backend lists the mirrored printer once" 1 "$(grep -c '^network ' "$out")"
line=$(grep '^network ' "$out" | head -n 1)
check_line() {
    case $line in
        $2) pd_ok "$1" true ;;
        *) pd_ok "$1" false; printf '#   want: %s\n#   line: %s\n' "$2" "$line"
           sed 's/^/#   /' "$PD_TMP/cups-client/discover/discover.err" | tail -n 5 ;;
    esac
}
# (cupsd's printer-uri-supported names the host "localhost")
check_line "  ... with the queue's URI (ppmPortServiceNameOrURI)" "network ipp://*:$PI_CUPS_PORT/printers/qm *"
check_line "  ... its make and model" '*"Printdev Mirror Test 7"*'
check_line "  ... its IEEE 1284 device id" "*\"$IEEE\"*"
check_line "  ... its printer-location" "*\"$LOCATION\"*"

# ---- CUPS's supply reader (socket backend, *cupsSNMPSupplies: True)
printf 'A test job for the socket backend.\n' > "$PD_TMP/job.txt"
pc_sink_start 9100
cups_conf idle
cups_print idle
pd_eq "socket backend prints (exit 0)" 0 "$?"
err="$PD_TMP/cups-client/idle/print.err"
pd_eq "  ... marker-names of the mirrored queue" "'\"Black Toner\"','\"Cyan Toner\"'" "$(cups_attr "$err" marker-names)"
pd_eq "  ... marker-levels of the mirrored queue" 80,70 "$(cups_attr "$err" marker-levels)"
pd_ok "  ... no toner-low" sh -c "! grep -q '^STATE: +toner-low' '$err'"

raw_job qm 'ATTR: marker-levels=4,70' 'STATE: +toner-low-warning'
pd_ok "the queue's toner at 4 %: mirrored into the context" \
    pd_wait_for 15 sh -c "[ \"\$(snmpget -v2c -c $(pi_ctx_community qm) -Oqv 127.0.0.1 .1.3.6.1.2.1.43.11.1.1.9.1.1)\" = 4 ]"
cups_conf low
cups_print low
err="$PD_TMP/cups-client/low/print.err"
pd_eq "CUPS reads the mirrored level back: marker-levels" 4,70 "$(cups_attr "$err" marker-levels)"
pd_ok "  ... and toner-low-report" cups_has_state "$err" toner-low-report

# ---- queue names longer than a context name
# ---- queue names longer than a context name (36 octets, the same first 32)
pd_ok "$LONG_A and $LONG_B are both added" pd_wait_for 15 sh -c "grep -q '^printdev-ipp: $LONG_A: device [0-9]* (identity ' '$PD_TMP/printdev-ipp.log' && grep -q '^printdev-ipp: $LONG_B: device [0-9]* (identity ' '$PD_TMP/printdev-ipp.log'"
pd_ok "  ... one of them in the context of the first 32 octets ($CTX)" pd_wait_for 10 pi_ctx_ready "$CTX"
FIRST=$(pi_ctx_str "$CTX" "$PA_DEVNAME.1")
case $FIRST in
    "$LONG_A") OTHER=$LONG_B OTHER_CTX=$ALT_B ;;
    *) OTHER=$LONG_A OTHER_CTX=$ALT_A ;;
esac
pd_eq "  ... sysName there: the queue's full name" "$FIRST" "$(pi_ctx_str "$CTX" $SYS.5.0)"
pi_ctx_check "  ... its rows as in the default context" "$CTX" "$(mirror_index "$FIRST")"
pi_ctx_check "  ... and $OTHER's in $OTHER_CTX" "$OTHER_CTX" "$(mirror_index "$OTHER")"
pd_ok "$OTHER: the feed's refusal of the taken context is logged, with the context it uses instead" \
    grep -q "^printdev-ipp: $OTHER: the agent refused the device's context: .*context '$CTX' is already the context of device $FIRST.*; adding it in context $OTHER_CTX\$" \
    "$PD_TMP/printdev-ipp.log"
pd_ok "  ... served in $OTHER_CTX" pd_wait_for 10 pi_ctx_ready "$OTHER_CTX"
pd_eq "  ... as device 1 there" "$OTHER" "$(pi_ctx_str "$OTHER_CTX" "$PA_DEVNAME.1")"
pd_eq "  ... with the queue's printer-location" "Test lab $OTHER" "$(pi_ctx_str "$OTHER_CTX" $SYS.6.0)"
pd_ok "  ... printdev-ipp logs no other refusal" \
    sh -c "! grep -q 'the agent refused to add' '$PD_TMP/printdev-ipp.log'"
pd_eq "  ... three devices in the agent, and office-1" 4 "$(pa_walk "$PA_ADDR" "$PA_DEVNAME" | grep -c STRING)"
idx_first=$(mirror_index "$FIRST") idx_other=$(mirror_index "$OTHER")
raw_job qm 'ATTR: marker-levels=60,70' 'STATE: -toner-low-warning'
pd_ok "  ... and qm is still mirrored (60 %)" \
    pd_wait_for 15 sh -c "[ \"\$(snmpget -v2c -c $(pi_ctx_community qm) -Oqv 127.0.0.1 .1.3.6.1.2.1.43.11.1.1.9.1.1)\" = 60 ]"

# printdev-ipp restarts: the same devices in the same contexts (the agent's
# registry holds each skeleton; re-adding them changes nothing)
pi_stop_mirror
n_other=$(grep -c "^printdev-ipp: $OTHER: device [0-9]" "$PD_TMP/printdev-ipp.log")
pi_start_mirror "$PD_TMP/ipp.conf"
pd_ok "printdev-ipp restarted: $OTHER added again" pd_wait_for 15 sh -c "[ \$(grep -c '^printdev-ipp: $OTHER: device [0-9]' '$PD_TMP/printdev-ipp.log') -gt $n_other ]"
pd_eq "  ... same indexes" "$idx_first $idx_other" "$(mirror_index "$FIRST") $(mirror_index "$OTHER")"
pd_eq "  ... $FIRST still in $CTX" "$FIRST" "$(pi_ctx_str "$CTX" "$PA_DEVNAME.1")"
pd_eq "  ... $OTHER still in $OTHER_CTX" "$OTHER" "$(pi_ctx_str "$OTHER_CTX" "$PA_DEVNAME.1")"
pd_eq "  ... still three devices, and office-1" 4 "$(pa_walk "$PA_ADDR" "$PA_DEVNAME" | grep -c STRING)"

pi_stop_mirror
pf_stop
pi_stop_cupsd
pd_finish
