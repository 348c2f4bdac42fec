#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# ipp-eve.sh: printdev-ipp mirrors a real ippeveprinter (an IPP Everywhere
# printer without subscriptions: polled) into a real agent.  The test
# lowers its toner through the printer's own web form (/supplies): the
# PWG 5100.13 printer-supply row reaches prtMarkerSuppliesLevel and
# exactly one printerV2Alert reaches a real snmptrapd; a print job shows
# as hrPrinterStatus printing; the printer going away makes the device
# down with a "not reachable" alert, and it recovers.  The agent starts
# with no device at all: printdev-ipp adds the printer's device (feed
# `device add` with its IPP layout, identity printer-uuid) within seconds;
# restarts of printdev-ipp and of the agent keep its hrDeviceIndex.  (A
# restarted ippeveprinter has a new printer-uuid: the agent refuses a second
# device of the same name and the mirror keeps feeding the first.)
# `printdev-ipp --profile` is still checked as the hand-profile option.
# The device is also read alone in its own SNMP context (eve1, through a
# com2sec -Cn community): device 1 there with its default-context rows,
# sysLocation = the printer's printer-location (ippeveprinter -l),
# sysDescr = make and model from its device id, sysName its printer-name.  ippeveprinter
# needs D-Bus and avahi-daemon: the test runs its own (ipp-lib.sh
# pi_need_mdns) and stops them by pid.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/lib-agent.sh"
. "$top_srcdir/tests/integration/feed-lib.sh"
. "$top_srcdir/tests/integration/ipp-lib.sh"

pd_init ipp-eve
pa_init
pf_init
pa_need_module
pi_init
pi_need_mdns
[ -x "$SNMPTRAPD" ] || pd_skip "snmptrapd not installed"

SUPPLY_LEVEL=.1.3.6.1.2.1.43.11.1.1.9.1
SUPPLY_DESCR=.1.3.6.1.2.1.43.11.1.1.6.1
INPUT_MAX=.1.3.6.1.2.1.43.8.2.1.9.1
INPUT_FEED=.1.3.6.1.2.1.43.8.2.1.4.1
INPUT_MEDIA=.1.3.6.1.2.1.43.8.2.1.12.1
INPUT_TYPE=.1.3.6.1.2.1.43.8.2.1.21.1
HR_STATUS=.1.3.6.1.2.1.25.3.2.1.5.1
HR_PRINTER=.1.3.6.1.2.1.25.3.5.1.1.1
ALERT=.1.3.6.1.2.1.43.18.1.1
SYS=.1.3.6.1.2.1.1
LOCATION="Print room 4, bench 2"
v2alerts_above() { [ "$(pi_v2alerts "$TLOG")" -gt "$1" ]; }
alert_rows() { pa_walk "$PA_ADDR" "$ALERT.2.1" | grep -c INTEGER; }

EPORT=$(pd_free_port tcp)
pi_start_eve pdeve "$EPORT" "$LOCATION" || { pi_stop_mdns; pd_die "ippeveprinter"; }

{
    echo "printdevIppFeedSocket $PF_SOCK"
    echo "printdevIppCups no"
    echo "printdevIppPollInterval 1"
    echo "printdevIppPrinter eve1 ipp://localhost:$EPORT/ipp/print index 1"
} > "$PD_TMP/ipp.conf"
"$PI_IPP" -c "$PD_TMP/ipp.conf" --profile -o "$PD_TMP/eve.conf" 2> "$PD_TMP/profile.err"
pd_eq "--profile: printer-supply rows" 2 "$(grep -c '^printdevSupply ' "$PD_TMP/eve.conf")"
pd_eq "--profile: printer-input-tray rows (no 'auto')" 3 "$(grep -c '^printdevInput ' "$PD_TMP/eve.conf")"
pd_ok "--profile: printer-device-id" grep -q '^printdevIeee1284Id "MFG:' "$PD_TMP/eve.conf"

TPORT=$(pd_free_port udp)
TLOG="$PD_TMP/snmptrapd.log"
printf 'authCommunity log public\nformat2 V2 %%P|%%v\\n\n' > "$PD_TMP/snmptrapd.conf"
pd_start_snmptrapd "$PD_TMP/snmptrapd.conf" "udp:127.0.0.1:$TPORT" -On -Lf "$TLOG" || pd_die "snmptrapd"
PF_EXTRA="trap2sink 127.0.0.1:$TPORT public
$(pi_ctx_conf eve1)"
pf_start dlmod "" || pd_die "agent does not start without devices"
pd_ok "the agent starts with no device" sh -c "snmpget $PA_COPTS -v2c -c public '$PA_ADDR' '$PA_DEVNAME.1' | grep -q 'No Such'"

t0=$(date +%s)
pi_start_mirror "$PD_TMP/ipp.conf"
pd_ok "printdev-ipp adds the printer's device" pd_wait_for 10 grep -q '^printdev-ipp: eve1: device 1 (identity urn:uuid:' "$PD_TMP/printdev-ipp.log"
pd_ok "  ... served within 5 s" pd_wait_for 5 sh -c "snmpget $PA_COPTS -v2c -c public '$PA_ADDR' '$PA_DEVNAME.1' | grep -q eve1"
pd_ok "  ... (5 s after the start)" test $(( $(date +%s) - t0 )) -le 5
pd_eq "supply 2 is the black toner" '"Black Toner"' "$(pa_get "$PA_ADDR" "$SUPPLY_DESCR.2" | sed 's/.*STRING: //')"
pd_eq "input 1 is the 250-sheet main tray" 250 "$(pf_int "$PA_ADDR" "$INPUT_MAX.1")"
pd_eq "  ... with letter paper in it (media-col-ready)" '"na_letter_8.5x11in"' \
    "$(pa_get "$PA_ADDR" "$INPUT_MEDIA.1" | sed 's/.*STRING: //')"
pd_eq "  ... 279.4 mm in the feed direction (micrometers)" 279400 "$(pf_int "$PA_ADDR" "$INPUT_FEED.1")"
pd_eq "  ... stationery" '"stationery"' "$(pa_get "$PA_ADDR" "$INPUT_TYPE.1" | sed 's/.*STRING: //')"
pd_ok "the mirror reports the toner (75 %)" pf_wait_int 20 "$PA_ADDR" "$SUPPLY_LEVEL.2" 75
pd_ok "hrDeviceStatus running" pf_wait_int 5 "$PA_ADDR" "$HR_STATUS" 2
# ---- alone in its own context eve1: device 1 with its system group
ieee=$(sed -n 's/^printdevIeee1284Id "\(.*\)"$/\1/p' "$PD_TMP/eve.conf")
mfg=$(printf '%s\n' "$ieee" | sed -n 's/.*MFG:\([^;]*\);.*/\1/p')
mdl=$(printf '%s\n' "$ieee" | sed -n 's/.*MDL:\([^;]*\);.*/\1/p')
pd_ok "context eve1 answers, device 1" pd_wait_for 10 pi_ctx_ready eve1
pi_ctx_check "context eve1: trays, supplies (75 %) and status are its default-context rows" eve1 1
pd_eq "context eve1: sysLocation is the printer-location" "$LOCATION" "$(pi_ctx_str eve1 $SYS.6.0)"
pd_eq "context eve1: sysDescr is make and model from its device id" "$mfg $mdl" "$(pi_ctx_str eve1 $SYS.1.0)"
pd_eq "context eve1: sysName is its printer-name" pdeve "$(pi_ctx_str eve1 $SYS.5.0)"

sleep 1
n0=$(pi_v2alerts "$TLOG")
pd_ok "web form: toner to 5 %" pi_eve_supplies "$EPORT" 25 5
pd_ok "prtMarkerSuppliesLevel 5 within a few polls" pf_wait_int 10 "$PA_ADDR" "$SUPPLY_LEVEL.2" 5
pd_ok "hrDeviceStatus warning" pf_wait_int 5 "$PA_ADDR" "$HR_STATUS" 3
pd_ok "a printerV2Alert arrives" pd_wait_for 10 v2alerts_above "$n0"
sleep 3
pd_eq "exactly one printerV2Alert for the low toner" $((n0 + 1)) "$(pi_v2alerts "$TLOG")"
pi_ctx_check "context eve1: 5 %, warning and the alert row as in the default context" eve1 1
pd_ok "  ... naming supply 2" grep -aqE "$ALERT\.4\.1\.[0-9]+ = INTEGER: 11.*$ALERT\.5\.1\.[0-9]+ = INTEGER: 2[^0-9]" "$TLOG"
pd_ok "web form: new toner" pi_eve_supplies "$EPORT" 25 90
pd_ok "  ... 90 %, running, no alert" pf_wait_int 10 "$PA_ADDR" "$SUPPLY_LEVEL.2" 90
pd_ok "  ... running" pf_wait_int 5 "$PA_ADDR" "$HR_STATUS" 2
pd_eq "  ... no alert row" 0 "$(alert_rows)"

pd_ok "a print job is accepted" pi_eve_print "$EPORT"
pd_ok "  ... hrPrinterStatus printing while it prints" pf_wait_int 15 "$PA_ADDR" "$HR_PRINTER" 4
pd_ok "  ... idle again afterwards" pf_wait_int 60 "$PA_ADDR" "$HR_PRINTER" 3

# printdev-ipp restarts: the same device (re-add is idempotent)
pi_stop_mirror
pi_start_mirror "$PD_TMP/ipp.conf"
pd_ok "printdev-ipp restarted: adds the device again" pd_wait_for 10 sh -c "[ \$(grep -c '^printdev-ipp: eve1: device 1 ' '$PD_TMP/printdev-ipp.log') -ge 2 ]"
pd_eq "  ... one device, index 1" "1" "$(pa_walk "$PA_ADDR" "$PA_DEVNAME" | grep -c STRING)"
# the agent restarts (SIGKILL) while printdev-ipp is stopped: served from
# its registry, same index and layout, before the mirror is back
pi_stop_mirror
pf_kill9
pf_restart || pd_die "agent restart"
pd_eq "agent restarted without the mirror: eve1 still at index 1" '"eve1"' "$(pa_get "$PA_ADDR" "$PA_DEVNAME.1" | sed 's/.*STRING: //')"
pd_eq "  ... its last toner level" 90 "$(pf_int "$PA_ADDR" "$SUPPLY_LEVEL.2")"
pi_start_mirror "$PD_TMP/ipp.conf"
pd_ok "  ... the mirror feeds it again" pf_wait_int 10 "$PA_ADDR" "$HR_STATUS" 2

pd_stop_pid "$PI_EVE_PID"
pd_ok "printer gone: hrDeviceStatus down" pf_wait_int 30 "$PA_ADDR" "$HR_STATUS" 5
pd_ok "  ... alert 'Printer not reachable'" \
    sh -c "snmpwalk $PA_COPTS -v2c -c public '$PA_ADDR' '$ALERT.8.1' | grep -q 'Printer not reachable'"
pi_start_eve pdeve-2 "$EPORT" "$LOCATION" || pd_die "ippeveprinter restart"
pd_ok "printer back: running" pf_wait_int 30 "$PA_ADDR" "$HR_STATUS" 2
pd_eq "  ... no alert row" 0 "$(alert_rows)"

pi_stop_mirror
pd_ok "printdev-ipp logs no rejected update" sh -c "! grep -q 'rejected the update' '$PD_TMP/printdev-ipp.log'"
pf_stop
pd_stop_pid "$PI_EVE_PID"
pi_stop_mdns
pd_finish
