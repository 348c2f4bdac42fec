#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# client-exporter.sh: prometheus-snmp-exporter, unmodified, scrapes printdev
# with a hand-written printer module (no generator, no MIB files): supplies
# with their descriptions, input levels with tray names, covers,
# hrPrinterStatus, hrPrinterDetectedErrorState and the alert table with each
# alert's own text.  Both shapes, both shipped profiles in one agent, each
# device scraped as device 1 of its own context (SNMPv3 context_name,
# client-lib.sh); the metric values are checked against the
# profile at start and against the feed's changes (supply level, cover open,
# jam).  Agent on a free UDP port, exporter on a free loopback TCP port.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/lib-agent.sh"
. "$top_srcdir/tests/integration/feed-lib.sh"
. "$top_srcdir/tests/integration/client-lib.sh"

pd_init client-exporter
pa_init
pf_init
pa_need_shapes

EXPORTER=${PC_SNMP_EXPORTER:-$(command -v prometheus-snmp-exporter || command -v snmp_exporter || true)}
[ -n "$EXPORTER" ] || pd_die "prometheus-snmp-exporter not found (Debian package prometheus-snmp-exporter; or set PC_SNMP_EXPORTER)"
command -v python3 >/dev/null 2>&1 || pd_die "python3 is needed to scrape the exporter"

# The exporter's module (snmp.yml format of the Debian 12 exporter, 0.21:
# auth inside the module).  One module per shipped device, printer_CONTEXT:
# SNMPv3 authPriv with that device's contextName (client-lib.sh), the 0.21
# exporter's auth.context_name.
write_config() {
    local n
    echo "# printdev test modules, written by hand from RFC 3805 and RFC 2790" > "$PD_TMP/snmp.yml"
    for n in $(pa_profiles); do
        write_module "$(pc_context "$(pa_profile "$n")")" >> "$PD_TMP/snmp.yml"
    done
}

# write_module CONTEXT: the printer module for the device of CONTEXT
# (printer_CONTEXT).
write_module() {
    cat <<EOF
printer_$1:
  walk:
  - 1.3.6.1.2.1.25.3.2.1.3
  - 1.3.6.1.2.1.25.3.5.1
  - 1.3.6.1.2.1.43.6.1.1
  - 1.3.6.1.2.1.43.8.2.1
  - 1.3.6.1.2.1.43.11.1.1
  - 1.3.6.1.2.1.43.18.1.1
  version: 3
  max_repetitions: 25
  retries: 1
  timeout: 5s
  auth:
    username: $PA_V3USER
    security_level: authPriv
    auth_protocol: SHA
    password: $PA_V3AUTH
    priv_protocol: AES
    priv_password: $PA_V3PRIV
    context_name: $1
  metrics:
  - name: hrDeviceDescr
    oid: 1.3.6.1.2.1.25.3.2.1.3
    type: DisplayString
    help: A textual description of this device - 1.3.6.1.2.1.25.3.2.1.3
    indexes:
    - labelname: hrDeviceIndex
      type: gauge
  - name: hrPrinterStatus
    oid: 1.3.6.1.2.1.25.3.5.1.1
    type: gauge
    help: The current status of this printer device - 1.3.6.1.2.1.25.3.5.1.1
    indexes:
    - labelname: hrDeviceIndex
      type: gauge
  - name: hrPrinterDetectedErrorState
    oid: 1.3.6.1.2.1.25.3.5.1.2
    type: OctetString
    help: Error conditions as detected by the printer - 1.3.6.1.2.1.25.3.5.1.2
    indexes:
    - labelname: hrDeviceIndex
      type: gauge
  - name: prtCoverStatus
    oid: 1.3.6.1.2.1.43.6.1.1.3
    type: gauge
    help: The status of this cover sub-unit - 1.3.6.1.2.1.43.6.1.1.3
    indexes:
    - labelname: hrDeviceIndex
      type: gauge
    - labelname: prtCoverIndex
      type: gauge
    lookups:
    - labels: [hrDeviceIndex, prtCoverIndex]
      labelname: prtCoverDescription
      oid: 1.3.6.1.2.1.43.6.1.1.2
      type: DisplayString
  - name: prtInputCurrentLevel
    oid: 1.3.6.1.2.1.43.8.2.1.10
    type: gauge
    help: The current capacity of the input sub-unit - 1.3.6.1.2.1.43.8.2.1.10
    indexes:
    - labelname: hrDeviceIndex
      type: gauge
    - labelname: prtInputIndex
      type: gauge
    lookups:
    - labels: [hrDeviceIndex, prtInputIndex]
      labelname: prtInputName
      oid: 1.3.6.1.2.1.43.8.2.1.13
      type: DisplayString
  - name: prtMarkerSuppliesLevel
    oid: 1.3.6.1.2.1.43.11.1.1.9
    type: gauge
    help: The current level of this supply - 1.3.6.1.2.1.43.11.1.1.9
    indexes:
    - labelname: hrDeviceIndex
      type: gauge
    - labelname: prtMarkerSuppliesIndex
      type: gauge
    lookups:
    - labels: [hrDeviceIndex, prtMarkerSuppliesIndex]
      labelname: prtMarkerSuppliesDescription
      oid: 1.3.6.1.2.1.43.11.1.1.6
      type: DisplayString
  - name: prtMarkerSuppliesMaxCapacity
    oid: 1.3.6.1.2.1.43.11.1.1.8
    type: gauge
    help: The maximum capacity of this supply - 1.3.6.1.2.1.43.11.1.1.8
    indexes:
    - labelname: hrDeviceIndex
      type: gauge
    - labelname: prtMarkerSuppliesIndex
      type: gauge
  - name: prtAlertCode
    oid: 1.3.6.1.2.1.43.18.1.1.7
    type: gauge
    help: The type of alert - 1.3.6.1.2.1.43.18.1.1.7
    indexes:
    - labelname: hrDeviceIndex
      type: gauge
    - labelname: prtAlertIndex
      type: gauge
    lookups:
    - labels: [hrDeviceIndex, prtAlertIndex]
      labelname: prtAlertDescription
      oid: 1.3.6.1.2.1.43.18.1.1.8
      type: DisplayString
  - name: prtAlertSeverityLevel
    oid: 1.3.6.1.2.1.43.18.1.1.2
    type: gauge
    help: The level of severity of this alert - 1.3.6.1.2.1.43.18.1.1.2
    indexes:
    - labelname: hrDeviceIndex
      type: gauge
    - labelname: prtAlertIndex
      type: gauge
EOF
}

EX_PORT=$(pd_free_port tcp)
EX_URL="http://127.0.0.1:$EX_PORT"

http_get() {
    python3 -c '
import sys, urllib.request
with urllib.request.urlopen(sys.argv[1], timeout=20) as r:
    sys.stdout.write(r.read().decode("utf-8", "replace"))
' "$1"
}

exporter_up() { http_get "$EX_URL/metrics" | grep -q '^# HELP'; }

start_exporter() {
    write_config
    "$EXPORTER" --config.file="$PD_TMP/snmp.yml" --dry-run > "$PD_TMP/exporter-dryrun.log" 2>&1 ||
        { sed 's/^/#   /' "$PD_TMP/exporter-dryrun.log"; pd_die "the exporter rejects the printer module"; }
    "$EXPORTER" --config.file="$PD_TMP/snmp.yml" --web.listen-address="127.0.0.1:$EX_PORT" \
        > "$PD_TMP/exporter.log" 2>&1 &
    EX_PID=$!
    pd_track "$EX_PID"
    pd_wait_for 15 exporter_up || { sed 's/^/#   /' "$PD_TMP/exporter.log" | tail -n 10; pd_die "the exporter did not come up"; }
}

# scrape: the printer module's metrics for the agent under test, in
# $PD_TMP/scrape.txt.
scrape() {
    local target=${PA_ADDR#udp:}
    pc_timeout 30 python3 -c '
import sys, urllib.request
with urllib.request.urlopen(sys.argv[1], timeout=25) as r:
    sys.stdout.write(r.read().decode("utf-8", "replace"))
' "$EX_URL/snmp?module=printer_$PC_CONTEXT&target=$target" > "$PD_TMP/scrape.txt" 2> "$PD_TMP/scrape.err"
}

# metric NAME LABEL="VALUE"...: the value of the one sample of NAME (device
# 1) that carries every given label.
metric() {
    local name=$1 l
    shift
    grep "^$name{" "$PD_TMP/scrape.txt" | grep -F 'hrDeviceIndex="1"' > "$PD_TMP/sel.txt"
    for l in "$@"; do
        grep -F "$l" "$PD_TMP/sel.txt" > "$PD_TMP/sel2.txt"
        mv "$PD_TMP/sel2.txt" "$PD_TMP/sel.txt"
    done
    [ "$(wc -l < "$PD_TMP/sel.txt")" -eq 1 ] || { echo "<$(wc -l < "$PD_TMP/sel.txt") samples>"; return; }
    awk '{ print $NF }' "$PD_TMP/sel.txt"
}

# samples NAME: how many samples of NAME for device 1.
samples() { grep "^$1{" "$PD_TMP/scrape.txt" | grep -c -F 'hrDeviceIndex="1"'; }

for shape in $PA_SHAPES; do
    # one agent serves every shipped profile; each device is read through
    # its own SNMP context (client-lib.sh pc_select)
    if ! pc_start "$shape"; then
        pd_ok "$shape: agent starts (every shipped profile)" false
        continue
    fi
    for prof in $(pa_profiles); do
        t="$shape/$prof"
        pc_select "$prof"
        [ -n "${EX_PID:-}" ] || start_exporter

        scrape
        pd_eq "$t: scrape succeeds" 0 "$?"
        pd_eq "$t: hrDeviceDescr" 1 \
            "$(metric hrDeviceDescr "hrDeviceDescr=\"$(pc_prof_value printdevDescr)\"")"
        pd_eq "$t: hrPrinterStatus idle(3)" 3 "$(metric hrPrinterStatus)"
        pd_eq "$t: hrPrinterDetectedErrorState no error" 1 \
            "$(metric hrPrinterDetectedErrorState 'hrPrinterDetectedErrorState="0x0000"')"
        pd_eq "$t: no alert" 0 "$(samples prtAlertCode)"
        bad=
        for n in $(pc_prof_rows printdevSupply); do
            want=$(pc_prof_field printdevSupply "$n" level)
            d=$(pc_prof_field printdevSupply "$n" description)
            got=$(metric prtMarkerSuppliesLevel "prtMarkerSuppliesIndex=\"$n\"" "prtMarkerSuppliesDescription=\"$d\"")
            [ "$got" = "$want" ] || bad="$bad supply $n ($d): $got != $want;"
            want=$(pc_prof_field printdevSupply "$n" max)
            got=$(metric prtMarkerSuppliesMaxCapacity "prtMarkerSuppliesIndex=\"$n\"")
            [ "$got" = "$want" ] || bad="$bad supply $n max: $got != $want;"
        done
        pd_eq "$t: every supply's level and capacity, with its description" "" "$bad"
        bad=
        for n in $(pc_prof_rows printdevInput); do
            want=$(pc_prof_field printdevInput "$n" level)
            got=$(metric prtInputCurrentLevel "prtInputIndex=\"$n\"" "prtInputName=\"$(pc_prof_field printdevInput "$n" name)\"")
            [ "$got" = "$want" ] || bad="$bad input $n: $got != $want;"
        done
        pd_eq "$t: every input's level, with its name" "" "$bad"

        # Feed changes reach the metrics.
        pc_ctl -q set supply 1 level 2
        cov=$(pc_prof_rows printdevCover | head -n 1)
        pc_ctl -q set cover "$cov" open
        pc_ctl -q jam 1
        scrape
        pd_eq "$t: supply 1 level after the feed's change" 2 "$(metric prtMarkerSuppliesLevel 'prtMarkerSuppliesIndex="1"')"
        pd_eq "$t: cover $cov coverOpen(3)" 3 "$(metric prtCoverStatus "prtCoverIndex=\"$cov\"")"
        pd_eq "$t: hrPrinterStatus with a jam and an open cover" \
            "$(pa_get "$PA_ADDR" .1.3.6.1.2.1.25.3.5.1.1.1 -v2c -c "$PC_COMMUNITY" | sed 's/^INTEGER: //')" "$(metric hrPrinterStatus)"
        hex=$(pa_get "$PA_ADDR" .1.3.6.1.2.1.25.3.5.1.2.1 -v2c -c "$PC_COMMUNITY" | sed -e 's/^Hex-STRING: //' -e 's/ //g' | tr 'a-f' 'A-F')
        pd_eq "$t: hrPrinterDetectedErrorState as the Net-SNMP tools read it (0x$hex)" 1 \
            "$(metric hrPrinterDetectedErrorState "hrPrinterDetectedErrorState=\"0x$hex\"")"
        pd_ok "$t: error state has doorOpen and jammed set" sh -c "[ \$(( 0x$hex & 0x0c00 )) -eq $((0x0c00)) ]"
        # One alert sample per alert row the agent has, each with its text.
        n_alerts=$(pa_walk "$PA_ADDR" .1.3.6.1.2.1.43.18.1.1.7 -v2c -c "$PC_COMMUNITY" | grep -c '^\.1\.3\.6\.1\.2\.1\.43\.18\.1\.1\.7\.1\.')
        pd_eq "$t: one alert sample per prtAlertTable row of device 1" "$n_alerts" "$(samples prtAlertCode)"
        pd_ok "$t: a jam alert (code 8) is scraped" sh -c "grep '^prtAlertCode{' '$PD_TMP/scrape.txt' | grep -F 'hrDeviceIndex=\"1\"' | grep -q ' 8\$'"
        pd_ok "$t: a coverOpen alert (code 3) is scraped" sh -c "grep '^prtAlertCode{' '$PD_TMP/scrape.txt' | grep -F 'hrDeviceIndex=\"1\"' | grep -q ' 3\$'"
        pd_eq "$t: every alert sample carries a non-empty prtAlertDescription" 0 \
            "$(grep '^prtAlertCode{' "$PD_TMP/scrape.txt" | grep -F 'hrDeviceIndex="1"' | grep -c -v 'prtAlertDescription="[^"]')"
    done
    pc_stop
done

pd_finish
